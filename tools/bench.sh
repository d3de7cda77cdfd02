#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The nblgen authors
#
# Benchmark (not a test: it prints figures and never fails on them).
#
#  1. Builds a release tree (buildtype=release, no tests) in build-release/.
#  2. bench_nbl: alloc+free of NBL-with-NB from a (T,N) pool, single and
#     bulk, against raw rte_pktmbuf alloc/free on a pool of the same size.
#  3. TX on one lcore to net_null0,no-rx=1, four scenarios, the contenders
#     of each alternating in every round (even rounds reverse the order),
#     each for the same duration:
#     - 64 and 1518-byte frames: dpdk-testpmd --forward-mode=txonly;
#       bench_tx's raw rte_pktmbuf_alloc_bulk + rte_eth_tx_burst loop and
#       the binding's template burst (nbl_bind_send_ff_template(), nothing
#       written per frame: the ceiling); nblgen's template engine, its
#       stamping engine with a signature (sequence number and TX timestamp
#       per frame) and its NDIS send/complete engine;
#     - 1024 flows (64 bytes) and IMIX (64:7, 594:4, 1518:1): testpmd
#       --txonly-multi-flow against nblgen's stamping engine over 1024
#       source addresses, and its template engine for IMIX;
#     Prints the median Mpps of every contender and the medians of the
#     per-round ratios against the goals.
#  4. Rate accuracy: nblgen at 1, 5 and 10 Mpps for 10 s each (template
#     engine): achieved against requested.
#
# usage: tools/bench.sh [-d SECONDS] [-r ROUNDS] [-b BUILD_DIR] [-n] [-s LIST]
#   -d  seconds per contender and round (default 3)
#   -r  rounds (default 5)
#   -b  build directory (default build-release)
#   -n  configure with -Dnative=true (-O3 -march=native)
#   -s  scenarios, comma-separated (default 64,1518,flows,imix,rate)
set -euo pipefail

dur=3
rounds=5
build=build-release
native=false
scen=64,1518,flows,imix,rate

usage() {
	sed -n '/^# usage:/,/^set /p' "$0" | sed -e '$d' -e 's/^# \{0,1\}//' >&2
	exit 2
}

while getopts "d:r:b:ns:h" opt; do
	case "$opt" in
	d) dur=$OPTARG ;;
	r) rounds=$OPTARG ;;
	b) build=$OPTARG ;;
	n) native=true ;;
	s) scen=$OPTARG ;;
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
# "show port stats" commands, $dur seconds apart, after a 2 s warm-up.
# Arguments: round, frame length without FCS, extra testpmd options.
testpmd_round() {
	local r=$1 len=$2 out=$tmp/testpmd.$1.$2.log pps
	shift 2
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
		-- -i --forward-mode=txonly --txpkts="$len" "$@" \
		--total-num-mbufs=8192 --auto-start >"$out" 2>&1 || {
		echo "bench: dpdk-testpmd failed, see its output:" >&2
		tail -20 "$out" >&2
		return 1
	}
	pps=$(awk '/Tx-pps:/ { v = $2 } END { print v }' "$out")
	[ -n "$pps" ] || { echo "bench: no Tx-pps in testpmd output" >&2; return 1; }
	awk -v p="$pps" 'BEGIN { printf "%.3f\n", p / 1e6 }'
}

# nblgen itself on the same vdev for $dur seconds: its achieved frame rate
# (over its own sending time) from --json, in Mpps.  Arguments: round,
# name, nblgen options.
nblgen_round() {
	local r=$1 name=$2 out=$tmp/nblgen.$2.$1.log js=$tmp/nblgen.$2.$1.json
	local rc=0
	shift 2
	"$build/app/nblgen" --vdev net_null0,no-rx=1 -q -d "$dur" \
		--file-prefix "bench_nblgen_$$_$r" --json "$js" "$@" \
		>"$out" 2>&1 || rc=$?
	if [ "$rc" -ne 0 ] || [ ! -s "$js" ]; then
		echo "bench: nblgen $name failed (exit $rc):" >&2
		tail -20 "$out" >&2
		return 1
	fi
	python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
print("%.3f" % (d["ports"][0]["achieved_pps"] / 1e6))' "$js"
}

# bench_tx's raw loop and the binding's template burst (engines 1 and 4),
# alternating in 1 s slices, $dur of them each; writes "raw fft" Mpps.
# Arguments: round, frame length without FCS.
bench_tx_round() {
	local r=$1 len=$2 log=$tmp/tx.$1.$2.log line
	"$build/bench/bench_tx" -- --rounds "$dur" --duration 1 --size "$len" \
		--engines 5 >"$log" 2>&1 || {
		echo "bench: bench_tx failed:" >&2
		cat "$log" >&2
		return 1
	}
	line=$(grep '^result ' "$log" | tail -1)
	[ -n "$line" ] || { echo "bench: no result from bench_tx" >&2; return 1; }
	echo "$(grep -o 'raw_mpps=[0-9.]*' <<<"$line" | cut -d= -f2)" \
		"$(grep -o 'fft_mpps=[0-9.]*' <<<"$line" | cut -d= -f2)"
}

# record NAME VALUE: keep a figure of this round.
record() {
	echo "$2" >>"$tmp/$1"
}

# run_in_order ROUND CMD...: run the commands (each a function call in a
# string) forward in odd rounds, backward in even ones.
run_in_order() {
	local r=$1 i
	shift
	local cmds=("$@")
	if [ $((r % 2)) -eq 1 ]; then
		for ((i = 0; i < ${#cmds[@]}; i++)); do eval "${cmds[$i]}"; done
	else
		for ((i = ${#cmds[@]} - 1; i >= 0; i--)); do eval "${cmds[$i]}"; done
	fi
}

has() { # has SCENARIO: in -s
	case ",$scen," in *",$1,"*) return 0 ;; esac
	return 1
}

flows=(--src-ip 198.18.0.0-198.18.3.255)

for r in $(seq 1 "$rounds"); do
	for size in 64 1518; do
		has "$size" || continue
		len=$((size - 4))
		echo "== round $r: $size-byte frames"
		run_in_order "$r" \
			'record tp_$size "$(testpmd_round $r $len)"' \
			'read raw fft <<<"$(bench_tx_round $r $len)"; record raw_$size $raw; record fft_$size $fft' \
			'record tmpl_$size "$(nblgen_round $r tmpl$size --size $size --engine template)"' \
			'record stamp_$size "$(nblgen_round $r stamp$size --size $size --engine stamp --signature)"' \
			'record ndis_$size "$(nblgen_round $r ndis$size --size $size --engine ndis)"'
		for k in tp raw fft tmpl stamp ndis; do
			printf '  %-6s %8s Mpps\n' "$k" "$(tail -1 "$tmp/${k}_$size")"
		done
		record tmpl_fft_$size "$(ratio "$(tail -1 "$tmp/tmpl_$size")" "$(tail -1 "$tmp/fft_$size")")"
		record tmpl_tp_$size "$(ratio "$(tail -1 "$tmp/tmpl_$size")" "$(tail -1 "$tmp/tp_$size")")"
		record stamp_tp_$size "$(ratio "$(tail -1 "$tmp/stamp_$size")" "$(tail -1 "$tmp/tp_$size")")"
		record ndis_tp_$size "$(ratio "$(tail -1 "$tmp/ndis_$size")" "$(tail -1 "$tmp/tp_$size")")"
		record fft_tp_$size "$(ratio "$(tail -1 "$tmp/fft_$size")" "$(tail -1 "$tmp/tp_$size")")"
		record raw_tp_$size "$(ratio "$(tail -1 "$tmp/raw_$size")" "$(tail -1 "$tmp/tp_$size")")"
	done
	if has flows || has imix; then
		echo "== round $r: 1024 flows and IMIX"
		cmds=('record tpmf "$(testpmd_round $r 60 --txonly-multi-flow)"')
		has flows && cmds+=('record flows "$(nblgen_round $r flows --size 64 --engine stamp "${flows[@]}")"')
		has imix && cmds+=('record imix "$(nblgen_round $r imix --size imix --engine template)"' \
			'record imixfl "$(nblgen_round $r imixfl --size imix --engine stamp "${flows[@]}")"')
		run_in_order "$r" "${cmds[@]}"
		for k in tpmf flows imix imixfl; do
			[ -s "$tmp/$k" ] && printf '  %-6s %8s Mpps\n' "$k" "$(tail -1 "$tmp/$k")"
		done
		for k in flows imix imixfl; do
			[ -s "$tmp/$k" ] && record ${k}_tpmf "$(ratio "$(tail -1 "$tmp/$k")" "$(tail -1 "$tmp/tpmf")")"
		done
	fi
done

echo
echo "== bench: TX summary, median Mpps over $rounds rounds (net_null0,no-rx=1, one TX lcore)"
med() { [ -s "$tmp/$1" ] && median <"$tmp/$1" || echo "-"; }
for size in 64 1518; do
	has "$size" || continue
	printf '  %-5s %-52s %8s\n' "$size" \
		"dpdk-testpmd --forward-mode=txonly" "$(med tp_$size)" \
		"" "raw rte_pktmbuf_alloc_bulk + rte_eth_tx_burst" "$(med raw_$size)" \
		"" "binding template burst (nbl_bind_send_ff_template)" "$(med fft_$size)" \
		"" "nblgen --engine template" "$(med tmpl_$size)" \
		"" "nblgen --engine stamp --signature" "$(med stamp_$size)" \
		"" "nblgen --engine ndis" "$(med ndis_$size)"
done
has flows || has imix && printf '  %-5s %-52s %8s\n' "flows" \
	"dpdk-testpmd --txonly-multi-flow (64 bytes)" "$(med tpmf)" \
	"" "nblgen stamp, 1024 flows (64 bytes)" "$(med flows)" \
	"imix" "nblgen template, IMIX" "$(med imix)" \
	"" "nblgen stamp, IMIX over 1024 flows" "$(med imixfl)"
echo "ratios (median of the per-round ratios):"
for size in 64 1518; do
	has "$size" || continue
	echo "  $size: nblgen template / binding template burst: $(med tmpl_fft_$size) (goal >= 0.95)"
	echo "  $size: nblgen template / testpmd: $(med tmpl_tp_$size) (binding template burst / testpmd: $(med fft_tp_$size))"
	echo "  $size: nblgen stamp (sequence per frame) / testpmd: $(med stamp_tp_$size) (goal >= 1.1)"
	echo "  $size: nblgen ndis (send/complete) / testpmd: $(med ndis_tp_$size) (goal >= 0.8)"
	echo "  $size: raw loop / testpmd: $(med raw_tp_$size)"
done
has flows && echo "  1024 flows: nblgen stamp / testpmd multi-flow: $(med flows_tpmf) (goal >= 1.3)"
has imix && echo "  IMIX: nblgen template / testpmd multi-flow: $(med imix_tpmf) (goal >= 1.3)"
has imix && echo "  IMIX + 1024 flows: nblgen stamp / testpmd multi-flow: $(med imixfl_tpmf)"

if has rate; then
	echo
	echo "== bench: rate accuracy, nblgen template engine, 10 s each"
	for rate in 1Mpps 5Mpps 10Mpps; do
		js=$tmp/rate.$rate.json
		"$build/app/nblgen" --vdev net_null0,no-rx=1 -q -d 10 \
			--rate "$rate" --json "$js" \
			--file-prefix "bench_nblgen_$$_rate" >/dev/null 2>&1 || {
			echo "bench: nblgen --rate $rate failed" >&2
			continue
		}
		python3 -c 'import json, sys
p = json.load(open(sys.argv[1]))["ports"][0]
req, got = p["requested_pps"], p["achieved_pps"]
print("  %-7s requested %12.1f pps, achieved %12.1f pps: %+.4f%%; "
      "%d frames, shortfall %d" % (sys.argv[2], req, got,
      (got - req) / req * 100, p["tx_packets"], p["shortfall"]))' \
			"$js" "$rate"
	done
fi
