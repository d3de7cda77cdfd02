#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The nblgen authors
#
# Benchmark (not a test: it prints figures and never fails on them).
#
#  1. Builds a release tree (buildtype=release, no tests) in build-release/.
#  2. bench_nbl: alloc+free of NBL-with-NB from a (T,N) pool, single and
#     bulk, against raw rte_pktmbuf alloc/free on a pool of the same size.
#  3. TX on one lcore to net_null0,no-rx=1 with 64-byte frames, alternating
#     in each round: dpdk-testpmd --forward-mode=txonly; bench_tx (raw
#     alloc_bulk + tx_burst loop, the binding's fire-and-forget path and its
#     template burst, the binding's completion path with NBLs allocated and
#     freed per send, with NBLs resent as they complete (walked and
#     restacked by the callback), and with each completed chain resent
#     whole); nblgen itself,
#     --fire-and-forget and with
#     send/complete; each for the same duration.  Prints the median Mpps of
#     every engine over the rounds and the ratios.
#
# usage: tools/bench.sh [-d SECONDS] [-r ROUNDS] [-b BUILD_DIR] [-n]
#   -d  seconds per engine and round (default 3)
#   -r  rounds (default 5)
#   -b  build directory (default build-release)
#   -n  configure with -Dnative=true (-O3 -march=native)
set -euo pipefail

dur=3
rounds=5
build=build-release
native=false

usage() {
	sed -n '/^# usage:/,/^set /p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//' >&2
	exit 2
}

while getopts "d:r:b:nh" opt; do
	case "$opt" in
	d) dur=$OPTARG ;;
	r) rounds=$OPTARG ;;
	b) build=$OPTARG ;;
	n) native=true ;;
	*) usage ;;
	esac
done
shift $((OPTIND - 1))
[ $# -eq 0 ] || { echo "bench: unexpected argument '$1'" >&2; usage; }
case "$dur" in
'' | *[!0-9]* | 0) echo "bench: -d '$dur': need a whole number of seconds > 0" >&2; exit 2 ;;
esac
case "$rounds" in
'' | *[!0-9]* | 0) echo "bench: -r '$rounds': need a whole number > 0" >&2; exit 2 ;;
esac

top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

echo "== bench: release build in $build (native=$native)"
if [ -f "$build/meson-private/coredata.dat" ]; then
	meson setup --reconfigure --buildtype=release -Dtests=false \
		-Dnbl_debug=false -Dnative=$native "$build" >/dev/null
else
	meson setup --buildtype=release -Dtests=false -Dnbl_debug=false \
		-Dnative=$native "$build" >/dev/null
fi
ninja -C "$build" >/dev/null

load=$(cut -d' ' -f1 /proc/loadavg)
echo "== bench: $(nproc) CPUs, load average $load"
if awk -v l="$load" 'BEGIN { exit !(l > 0.5) }'; then
	echo "bench: warning: the machine is busy (load $load): figures are" \
		"noisy; compare ratios from one run only" >&2
fi

tmp=$(mktemp -d /tmp/nblgen-bench.XXXXXX)
trap 'rm -rf "$tmp" /var/run/dpdk/bench_tpmd_$$_* /var/run/dpdk/bench_nblgen_$$_*' EXIT

median() {
	sort -g | awk '{ v[NR] = $1 }
		END { if (NR == 0) { print "nan"; exit }
		      if (NR % 2) print v[(NR + 1) / 2];
		      else printf "%.3f\n", (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

ratio() { # a b -> a/b with 3 decimals, or n/a
	awk -v a="$1" -v b="$2" 'BEGIN {
		if (a == "nan" || b == "nan" || b + 0 == 0) print "n/a";
		else printf "%.3f\n", a / b }'
}

echo
echo "== bench: bench_nbl (pool alloc+free, cycles per object)"
"$build/bench/bench_nbl" -- --rounds 5

if [ ! -x "$build/bench/bench_tx" ]; then
	echo
	echo "bench: $build/bench/bench_tx was not built (lib/bind missing);" \
		"TX benchmark skipped" >&2
	exit 1
fi

# dpdk-testpmd txonly on the same vdev and lcores for $dur seconds; prints
# its Tx-pps in Mpps.  testpmd measures the rate itself between the two
# "show port stats" commands, $dur seconds apart, after a 1 s warm-up.
testpmd_round() {
	local r=$1 out=$tmp/testpmd.$1.log pps
	{
		sleep 2
		echo "show port stats 0"
		sleep "$dur"
		echo "show port stats 0"
		echo "stop"
		echo "quit"
	} | timeout $((dur + 60)) dpdk-testpmd --no-huge -m 512 --no-pci \
		--vdev net_null0,no-rx=1 -l 0-1 \
		--file-prefix "bench_tpmd_$$_$r" --log-level lib.eal:warning \
		-- -i --forward-mode=txonly --txpkts=64 \
		--total-num-mbufs=8192 --auto-start >"$out" 2>&1 || {
		echo "bench: dpdk-testpmd failed, see its output:" >&2
		tail -20 "$out" >&2
		return 1
	}
	pps=$(awk '/Tx-pps:/ { v = $2 } END { print v }' "$out")
	[ -n "$pps" ] || { echo "bench: no Tx-pps in testpmd output" >&2; return 1; }
	awk -v p="$pps" 'BEGIN { printf "%.3f\n", p / 1e6 }'
}

# nblgen itself on the same vdev: sends until SIGINT after about $dur
# seconds and reports its own rate ("(X Mpps)").  Extra arguments: mode.
nblgen_round() {
	local r=$1 name=$2 out=$tmp/nblgen.$2.$1.log mpps rc=0
	shift 2
	timeout --preserve-status -s INT $((dur + 2)) "$build/app/nblgen" \
		--vdev net_null0,no-rx=1 --size 64 --count 1000000000000 \
		--file-prefix "bench_nblgen_$$_$r" "$@" >"$out" 2>&1 || rc=$?
	mpps=$(sed -n 's/.*(\([0-9.]*\) Mpps).*/\1/p' "$out" | tail -1)
	if [ "$rc" -ne 0 ] || [ -z "$mpps" ]; then
		echo "bench: nblgen $name failed (exit $rc):" >&2
		tail -20 "$out" >&2
		return 1
	fi
	echo "$mpps"
}

echo
echo "== bench: TX on net_null0,no-rx=1, 64-byte frames, one TX lcore," \
	"$rounds rounds x ${dur}s per engine"
# Within a round the engines run back to back; even rounds put nblgen
# before testpmd.  Ratios are taken within each round and their median is
# reported, so that a change of load between rounds does not skew them.
for r in $(seq 1 "$rounds"); do
	if [ $((r % 2)) -eq 1 ]; then
		tp=$(testpmd_round "$r")
	fi
	# bench_tx's engines alternate in 1 s slices, $dur of them each.
	"$build/bench/bench_tx" -- --rounds "$dur" --duration 1 \
		>"$tmp/tx.$r.log" 2>&1 || {
		echo "bench: bench_tx failed:" >&2
		cat "$tmp/tx.$r.log" >&2
		exit 1
	}
	line=$(grep '^result ' "$tmp/tx.$r.log" | tail -1)
	[ -n "$line" ] || {
		echo "bench: no result line from bench_tx:" >&2
		cat "$tmp/tx.$r.log" >&2
		exit 1
	}
	for kv in ${line#result }; do
		echo "${kv#*=}" >>"$tmp/${kv%%=*}"
	done
	ng_ff=$(nblgen_round "$r" ff --fire-and-forget)
	ng_cpl=$(nblgen_round "$r" completion)
	if [ $((r % 2)) -eq 0 ]; then
		tp=$(testpmd_round "$r")
	fi
	raw_r=$(grep -o 'raw_mpps=[0-9.]*' <<<"$line" | cut -d= -f2)
	echo "$tp" >>"$tmp/testpmd"
	echo "$ng_ff" >>"$tmp/nblgen_ff"
	echo "$ng_cpl" >>"$tmp/nblgen_completion"
	ratio "$ng_ff" "$tp" >>"$tmp/ngff_tp"
	ratio "$ng_cpl" "$tp" >>"$tmp/ngcpl_tp"
	ratio "$raw_r" "$tp" >>"$tmp/raw_tp"
	echo "round $r: testpmd txonly $tp Mpps"
	echo "round $r: bench_tx ${line#result }"
	echo "round $r: nblgen --fire-and-forget $ng_ff Mpps," \
		"nblgen send/complete $ng_cpl Mpps"
done

echo
echo "== bench: TX summary (median Mpps over $rounds rounds)"
printf '  %-34s %8s Mpps\n' \
	"raw alloc_bulk+tx_burst" "$(median <"$tmp/raw_mpps")" \
	"binding fire-and-forget" "$(median <"$tmp/ff_mpps")" \
	"binding fire-and-forget template" "$(median <"$tmp/fft_mpps")" \
	"binding completion (alloc/free)" "$(median <"$tmp/completion_mpps")" \
	"binding completion (recycle)" "$(median <"$tmp/recycle_mpps")" \
	"binding completion (resend)" "$(median <"$tmp/resend_mpps")" \
	"nblgen --fire-and-forget" "$(median <"$tmp/nblgen_ff")" \
	"nblgen send/complete" "$(median <"$tmp/nblgen_completion")" \
	"dpdk-testpmd txonly" "$(median <"$tmp/testpmd")"
echo "ratios (median of the per-round ratios):"
echo "ratio ff/raw: $(median <"$tmp/ff_raw") (goal >= 0.95)"
echo "ratio ff-template/raw: $(median <"$tmp/fft_raw") (goal >= 0.95)"
echo "ratio completion/raw: $(median <"$tmp/completion_raw") (goal >= 0.80)"
echo "ratio completion-recycle/raw: $(median <"$tmp/recycle_raw") (goal >= 0.80)"
echo "ratio completion-resend/raw: $(median <"$tmp/resend_raw") (goal >= 0.80)"
echo "ratio nblgen/testpmd (--fire-and-forget): $(median <"$tmp/ngff_tp")"
echo "ratio nblgen/testpmd (send/complete): $(median <"$tmp/ngcpl_tp")"
echo "ratio raw/testpmd: $(median <"$tmp/raw_tp")"
