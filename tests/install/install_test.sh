#!/bin/sh
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The nblgen authors
#
# Install test of libnbl.  Installs the build into a temporary root
# (meson install --destdir), points pkg-config at the installed libnbl.pc
# (its prefix rewritten to the temporary root), then:
#   1. compiles ndis_example.c with only `pkg-config --cflags --libs libnbl`
#      against the shared libnbl and runs it;
#   2. links the same program with the static libnbl.a (and the shared
#      DPDK libraries that libnbl.pc names) and runs it.
# Every step that goes wrong fails the test with a message saying what.
#
# usage: install_test.sh BUILD_DIR EXAMPLE_C PREFIX LIBDIR INCLUDEDIR
#                        DEFAULT_LIBRARY CC [CC_ARGS...]
set -u

if [ $# -lt 7 ]; then
	echo "usage: $0 BUILD_DIR EXAMPLE_C PREFIX LIBDIR INCLUDEDIR" \
		"DEFAULT_LIBRARY CC [CC_ARGS...]" >&2
	exit 2
fi
build=$1
example=$2
prefix=$3
libdir=$4
includedir=$5
kind=$6
shift 6
cc="$*"

# DPDK keeps per-prefix runtime files here; we remove ours at exit.
if [ "$(id -u)" -eq 0 ]; then
	eal_run=/var/run/dpdk
else
	eal_run=${XDG_RUNTIME_DIR:-/tmp}/dpdk
fi
eal_prefixes=
tmp=$(mktemp -d "${TMPDIR:-/tmp}/nbl_install.XXXXXX") || exit 1
cleanup() {
	rm -rf "$tmp"
	for p in $eal_prefixes; do
		rm -rf "${eal_run:?}/$p"
	done
}
trap cleanup EXIT
trap 'exit 1' HUP INT TERM

fail() {
	echo "install test: FAIL: $*" >&2
	exit 1
}
say() {
	echo "install test: $*"
}
# Show a log file (on failure).
show() {
	sed 's/^/    /' "$1" >&2
}

case $prefix in
/*) ;;
*) fail "prefix '$prefix' is not absolute" ;;
esac
under_prefix() {
	case $1 in
	/*) echo "$1" ;;
	*) echo "$prefix/$1" ;;
	esac
}
root=$tmp/root
inst_lib=$root$(under_prefix "$libdir")
inst_inc=$root$(under_prefix "$includedir")/nbl

# --- install ------------------------------------------------------------
say "installing $build into $root"
if ! meson install -C "$build" --no-rebuild --destdir "$root" \
		>"$tmp/install.log" 2>&1; then
	show "$tmp/install.log"
	fail "meson install -C $build --destdir $root failed"
fi
for f in "$inst_inc/nbl.h" "$inst_inc/ndis.h" \
		"$inst_lib/pkgconfig/libnbl.pc"; do
	[ -f "$f" ] || fail "not installed: ${f#"$root"}"
done
case $kind in
both | shared)
	[ -e "$inst_lib/libnbl.so" ] ||
		fail "not installed: ${inst_lib#"$root"}/libnbl.so"
	;;
esac
case $kind in
both | static)
	[ -f "$inst_lib/libnbl.a" ] ||
		fail "not installed: ${inst_lib#"$root"}/libnbl.a"
	;;
esac

# --- pkg-config on the installed libnbl.pc ------------------------------
mkdir "$tmp/pc" || exit 1
sed "s|^prefix=.*|prefix=$root$prefix|" "$inst_lib/pkgconfig/libnbl.pc" \
	>"$tmp/pc/libnbl.pc" || fail "cannot rewrite libnbl.pc"
PKG_CONFIG_PATH=$tmp/pc${PKG_CONFIG_PATH:+:$PKG_CONFIG_PATH}
export PKG_CONFIG_PATH
pkg-config --exists --print-errors libnbl 2>"$tmp/pc.log" || {
	show "$tmp/pc.log"
	fail "pkg-config does not accept the installed libnbl.pc"
}
pc_libdir=$(pkg-config --variable=libdir libnbl)
[ "$pc_libdir" = "$inst_lib" ] ||
	fail "libnbl.pc libdir is '$pc_libdir', expected '$inst_lib'"
cflags=$(pkg-config --cflags libnbl)
libs=$(pkg-config --libs libnbl)
case " $cflags " in
*" -I$inst_inc "*) ;;
*) fail "pkg-config --cflags libnbl lacks -I$inst_inc: $cflags" ;;
esac
say "cflags: $cflags"
say "libs: $libs"

# Compile and check that <ndis.h> and <nbl.h> came from the install.
# shellcheck disable=SC2086 # word splitting of flags is intended
$cc $cflags -M "$example" >"$tmp/deps" 2>"$tmp/deps.log" || {
	show "$tmp/deps.log"
	fail "cannot preprocess $example with the installed headers"
}
for h in ndis.h nbl.h; do
	tr ' ' '\n' <"$tmp/deps" | grep -qx "$inst_inc/$h" ||
		fail "$example did not use the installed $h"
done

# Run one build of the example; $1 names it.
run_example() {
	eal_prefix=ndis_install_$$_$1
	eal_prefixes="$eal_prefixes $eal_prefix"
	"$tmp/ndis_example_$1" --no-huge -m 512 --no-pci \
		--file-prefix "$eal_prefix" -l 0 >"$tmp/run_$1.log" 2>&1
	rc=$?
	if [ $rc -ne 0 ] ||
			! grep -q 'checks passed, nothing leaked' \
				"$tmp/run_$1.log"; then
		show "$tmp/run_$1.log"
		fail "ndis_example ($1) exited with $rc"
	fi
	say "$1: $(grep 'checks passed' "$tmp/run_$1.log")"
}

# --- 1. shared libnbl -----------------------------------------------------
if [ "$kind" != static ]; then
	# shellcheck disable=SC2086 # word splitting of flags is intended
	$cc -Wall -Wextra -Werror -o "$tmp/ndis_example_shared" "$example" \
		$cflags $libs >"$tmp/cc_shared.log" 2>&1 || {
		show "$tmp/cc_shared.log"
		fail "cannot build $example against the shared libnbl"
	}
	LD_LIBRARY_PATH=$inst_lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}
	export LD_LIBRARY_PATH
	ldd "$tmp/ndis_example_shared" | grep -q "libnbl\.so.* => $inst_lib/" ||
		fail "ndis_example does not load libnbl.so from $inst_lib:" \
			"$(ldd "$tmp/ndis_example_shared" | grep libnbl)"
	run_example shared
fi

# --- 2. static libnbl.a ---------------------------------------------------
# libnbl.a in place of -lnbl, plus libnbl's own Libs.private; DPDK stays
# shared: `pkg-config --static` would also link every DPDK driver
# statically, which needs libraries (libsystemd, rdma-core, libxdp, ...)
# that a DPDK user does not need for the shared build.
if [ "$kind" != shared ]; then
	priv=$(sed -n 's/^Libs\.private:[[:space:]]*//p' "$tmp/pc/libnbl.pc")
	slibs=
	for w in $libs; do
		if [ "$w" = -lnbl ]; then
			slibs="$slibs -l:libnbl.a"
		else
			slibs="$slibs $w"
		fi
	done
	case " $slibs " in
	*" -l:libnbl.a "*) ;;
	*) fail "pkg-config --libs libnbl has no -lnbl: $libs" ;;
	esac
	say "static libs: $slibs $priv"
	# shellcheck disable=SC2086
	$cc -Wall -Wextra -Werror -o "$tmp/ndis_example_static" "$example" \
		$cflags $slibs $priv >"$tmp/cc_static.log" 2>&1 || {
		show "$tmp/cc_static.log"
		fail "cannot link $example with the static libnbl.a"
	}
	if readelf -d "$tmp/ndis_example_static" | grep NEEDED |
			grep -q libnbl; then
		fail "the static build still needs libnbl.so"
	fi
	run_example static
fi
say "PASS"
