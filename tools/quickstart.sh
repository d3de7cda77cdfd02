#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The nblgen authors
#
# The README's two Quick start commands (Debian 12, as root):
#
#   ./tools/quickstart.sh run    install what is missing, build, run nblgen's
#                                main job on its embedded default (a virtual
#                                DPDK port: no NIC, no hugepages)
#   ./tools/quickstart.sh test   install what is missing, build with
#                                warnings as errors, run the whole test suite
#
# The build directory is build/ (override with NBLGEN_BUILD_DIR).  It is
# created on the first call and reconfigured afterwards.  The exit status is
# nblgen's (run) or the test suite's (test).
set -eu

usage() {
	echo "usage: $0 run|test" >&2
	echo "  run   set up, build and run nblgen on its embedded default" >&2
	echo "  test  set up, build (-Dwerror=true) and run the whole test suite" >&2
	exit 2
}

[ $# -eq 1 ] || usage
mode=$1
case "$mode" in
run) werror=false ;;
test) werror=true ;;
-h|--help) usage ;;
*) echo "quickstart: unknown mode '$mode'" >&2; usage ;;
esac

# A step that fails ends the output with one line saying which.
fail() {
	echo "quickstart $mode: FAILED: $*" >&2
	exit 1
}

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
build=${NBLGEN_BUILD_DIR:-build}

echo "== quickstart $mode: installing missing packages (tools/setup.sh)"
./tools/setup.sh || fail "tools/setup.sh could not install the packages"

echo "== quickstart $mode: configuring $build (werror=$werror)"
if [ -f "$build/meson-private/coredata.dat" ]; then
	meson setup --reconfigure -Dwerror=$werror "$build" ||
		fail "meson setup --reconfigure $build"
else
	meson setup -Dwerror=$werror "$build" || fail "meson setup $build"
fi

echo "== quickstart $mode: building"
ninja -C "$build" || fail "the build (ninja -C $build) failed"

if [ "$mode" = run ]; then
	echo "== quickstart run: $build/app/nblgen (embedded default)"
	[ -x "$build/app/nblgen" ] || fail "$build/app/nblgen was not built"
	exec "$build/app/nblgen"
fi

echo "== quickstart test: meson test"
log="$build/meson-logs/testlog.json"
rm -f "$log" # never count a previous run
start=$(date +%s)
status=0
meson test -C "$build" --print-errorlogs --num-processes 2 || status=$?

# setup_build DIR OPTIONS...: configure DIR (or reconfigure it) with the
# options and warnings as errors.
setup_build() {
	local dir=$1
	shift
	if [ -f "$dir/meson-private/coredata.dat" ]; then
		meson setup --reconfigure -Dwerror=true "$@" "$dir" ||
			fail "meson setup --reconfigure $dir"
	else
		meson setup -Dwerror=true "$@" "$dir" || fail "meson setup $dir"
	fi
}

# The same unit suites once more in a debug build (-Dnbl_debug=true), where
# a misuse of the NDIS rules aborts: the suites check those aborts there.
dbuild=${NBLGEN_DEBUG_BUILD_DIR:-build-debug}
dlog="$dbuild/meson-logs/testlog.json"
echo "== quickstart test: debug build $dbuild (-Dnbl_debug=true): unit suites nbl and bind"
setup_build "$dbuild" -Dnbl_debug=true
ninja -C "$dbuild" tests/test_nbl tests/test_bind ||
	fail "the debug build (ninja -C $dbuild) failed"
rm -f "$dlog"
meson test -C "$dbuild" --no-rebuild --print-errorlogs --num-processes 2 \
	nbl bind || status=$?

# The whole suite once more with AddressSanitizer and UBSan (EAL runs with
# --no-huge, so ASan sees DPDK's memory too); any report fails the test
# that printed it.
abuild=${NBLGEN_ASAN_BUILD_DIR:-build-asan}
alog="$abuild/meson-logs/testlog.json"
echo "== quickstart test: sanitizer build $abuild (-Db_sanitize=address,undefined): every test"
setup_build "$abuild" -Db_sanitize=address,undefined
ninja -C "$abuild" || fail "the sanitizer build (ninja -C $abuild) failed"
rm -f "$alog"
ASAN_OPTIONS=${ASAN_OPTIONS:-halt_on_error=1:abort_on_error=0} \
UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1} \
	meson test -C "$abuild" --no-rebuild --print-errorlogs \
	--num-processes 2 || status=$?
elapsed=$(($(date +%s) - start))

# One plain closing line from meson's own logs of this run.
if [ ! -f "$log" ] || [ ! -f "$dlog" ] || [ ! -f "$alog" ]; then
	echo "quickstart: no $log: the test run did not start" >&2
	echo "0 passed, 0 failed"
	exit 1
fi
summary=$(python3 - "$log" "$dlog" "$alog" <<'PY'
import json, sys
passed = failed = skipped = 0
for path in sys.argv[1:]:
  with open(path) as f:
      for line in f:
          line = line.strip()
          if not line:
              continue
          r = json.loads(line).get("result", "")
          if r in ("OK", "EXPECTEDFAIL"):
              passed += 1
          elif r == "SKIP":
              skipped += 1
          else:  # FAIL, TIMEOUT, ERROR, UNEXPECTEDPASS, INTERRUPT
              failed += 1
print(passed, failed, skipped)
PY
) || summary=
if [ -z "$summary" ]; then
	echo "quickstart: cannot read $log; meson test exit status $status" >&2
	[ "$status" -ne 0 ] || status=1
	echo "test suite result unknown: exit status $status"
	exit "$status"
fi
set -- $summary
passed=$1 failed=$2 skipped=$3
if [ "$passed" -eq 0 ] && [ "$failed" -eq 0 ]; then
	echo "quickstart: no test ran" >&2
	[ "$status" -ne 0 ] || status=1
fi
if [ "$failed" -ne 0 ] && [ "$status" -eq 0 ]; then
	status=1
fi
echo "test suite finished in ${elapsed}s, exit status $status"
if [ "$skipped" -ne 0 ]; then
	echo "$passed passed, $failed failed, $skipped skipped"
else
	echo "$passed passed, $failed failed"
fi
exit "$status"
