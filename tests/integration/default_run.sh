#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The nblgen authors
# The main job on the embedded default: `nblgen` alone sends 64-byte UDP
# frames into net_null0 as fast as it can for a second, reports and finds
# every pool full again, writing nothing anywhere.  Then -w FILE makes the
# port net_pcap: tshark and the pcap itself (judge.py) judge every frame,
# and the judge refuses a capture with one byte changed.  The stop
# conditions --count, --bytes and --duration and a paced run are counted
# in the captures (counts, never times).
. "$(dirname "$0")/lib.sh"
set -e

# `nblgen` and nothing else, in an empty folder; its EAL file prefix is
# nblgen-<pid>, whose runtime directory it removes when it ends
mkdir "$TMP/empty"
cd "$TMP/empty"
"$NBLGEN" >"$TMP/out.default" 2>"$TMP/err.default" &
pid=$!
on_exit "kill -KILL $pid; rm -rf /var/run/dpdk/nblgen-$pid"
(sleep 60 && kill -INT "$pid") >/dev/null 2>&1 &
watchdog=$!
set +e
wait "$pid"
RC=$?
set -e
kill "$watchdog" 2>/dev/null || true
expect_clean default
out="$TMP/out.default"
head -n 1 "$out" | grep -q "^nblgen: no EAL options: embedded default (EAL --no-huge -m 512 --no-pci .*--file-prefix nblgen-$pid" ||
	fail "first line: $(head -n 1 "$out")"
expect_in "$out" "nblgen: port 0 net_null0 (MAC "
expect_in "$out" "nblgen:   stream.0 eth/ipv4/udp, template engine: sent"
expect_in "$out" "(requested max)"
n=$(sent default)
[ "$n" -gt 0 ] || fail "nblgen alone sent no frame"
# as fast as possible: everything built was sent, nothing is owed
[ "$(requested default)" -eq "$n" ] ||
	fail "requested $(requested default) frames, sent $n"
expect_in "$out" "shortfall 0 (ring full 0"
[ -z "$(ls -A "$TMP/empty")" ] ||
	fail "nblgen alone wrote $(ls -A "$TMP/empty") into the current folder"
[ ! -e "/var/run/dpdk/nblgen-$pid" ] ||
	fail "the EAL runtime directory nblgen-$pid was left behind"
pass "nblgen alone: $n frames into net_null0, as many as requested," \
	"nothing written, runtime directory removed, every pool full"

# the live line on stderr once a second (a run of 2 s has one at 1 s);
# -q: none
p=$(prefix live)
run_nblgen live -d 2 --file-prefix "$p"
expect_clean live
grep -q "^nblgen: 1.0 s  port 0 net_null0: .* Mpps .* Gbit/s, [0-9]* frames, shortfall 0 (ring full 0, pool empty 0)" \
	"$TMP/err.live" || fail "no live line on stderr: $(cat "$TMP/err.live")"
p=$(prefix quiet)
run_nblgen quiet -q -d 1100ms --file-prefix "$p"
expect_clean quiet
[ ! -s "$TMP/err.quiet" ] || fail "-q: stderr holds $(head -c 200 "$TMP/err.quiet")"
pass "a live line each second on stderr; -q: nothing on stderr"

# -w: the port becomes net_pcap writing the file (under a temporary name
# until the end); --verify reads it back; judge.py judges every frame
p=$(prefix write)
run_nblgen write -q -w out.pcap --count 1000 --verify --file-prefix "$p"
expect_clean write
expect_in "$TMP/out.write" "nblgen: port 0 net_pcap0 (MAC "
[ "$(sent write)" -eq 1000 ] || fail "-w: sent $(sent write), not 1000"
expect_in "$TMP/out.write" "--verify: out.pcap holds 1000 frames, each byte as its stream built it, as many as were sent"
[ "$(ls -A "$TMP/empty")" = out.pcap ] ||
	fail "-w out.pcap left: $(ls -A "$TMP/empty")"
smac=$(port_mac write)
defaults=(--protocols eth:ethertype:ip:udp --field ip.src=127.0.0.1
	--field ip.dst=127.0.0.1 --field udp.srcport=49152
	--field udp.dstport=9 --field eth.dst=02:00:00:00:00:02
	--field "eth.src=$smac" --field ip.ttl=64 --payload inc)
judge out.pcap --count 1000 --sizes 64:1 "${defaults[@]}"
pass "-w out.pcap --count 1000: 1000 frames of 64 bytes, every field and" \
	"checksum as the defaults say, source MAC $smac (the port's)"

# the judge is real: one flipped bit in frame 40's payload, or in frame
# 1's TTL, and it refuses the copy
flip() { # FILE OFFSET: flip the low bit of the byte at OFFSET
	python3 -c 'import sys
p, o = sys.argv[1], int(sys.argv[2])
b = bytearray(open(p, "rb").read()); b[o] ^= 1; open(p, "wb").write(b)' "$1" "$2"
}
# pcap: 24-byte file header, then per frame a 16-byte record header and
# its 60 bytes (64 with the FCS)
for off in $((24 + 39 * (16 + 60) + 16 + 50)) $((24 + 16 + 22)); do
	cp out.pcap "$TMP/bad.pcap"
	flip "$TMP/bad.pcap" "$off"
	if python3 "$IT_DIR/judge.py" "$TMP/bad.pcap" --count 1000 \
		--sizes 64:1 "${defaults[@]}" >"$TMP/judge.out" 2>&1; then
		fail "judge.py accepted a capture with byte $off flipped"
	fi
	grep -q "checksum.status is 0" "$TMP/judge.out" ||
		fail "byte $off flipped: no bad checksum found: $(cat "$TMP/judge.out")"
done
expect_in "$TMP/judge.out" "ip.ttl is '65', not '64'"
pass "judge.py refuses a capture with one bit flipped (payload, TTL)"
cd "$TMP"

# stop conditions, counted in the captures
# --count: not a multiple of the burst
p=$(prefix count)
run_nblgen count -q -w "$TMP/count.pcap" --count 1001 --file-prefix "$p"
expect_clean count
[ "$(sent count)" -eq 1001 ] || fail "--count 1001: sent $(sent count)"
judge "$TMP/count.pcap" --count 1001 --sizes 64:1 "${defaults[@]}"
# --bytes N: the frames up to the one that reaches N (60 bytes each
# without the FCS, as tx_bytes counts)
for b in 6000:100 6001:101 60:1; do
	p=$(prefix "b${b%:*}")
	run_nblgen "b${b%:*}" -q -w "$TMP/b.pcap" --bytes "${b%:*}" \
		--file-prefix "$p"
	expect_clean "b${b%:*}"
	expect_in "$TMP/out.b${b%:*}" "sent ${b#*:} frames, $((${b#*:} * 60)) bytes"
	judge "$TMP/b.pcap" --count "${b#*:}" --reach-bytes "${b%:*}" \
		"${defaults[@]}"
done
# ... with every size from 64 to 1518 in turn
p=$(prefix bvar)
run_nblgen bvar -q -w "$TMP/bvar.pcap" --bytes 100000 --size 64-1518 \
	--file-prefix "$p"
expect_clean bvar
judge "$TMP/bvar.pcap" --count "$(sent bvar)" --reach-bytes 100000 \
	--size-range 64-1518 "${defaults[@]}"
# --duration at a rate: the frames due in [0, D), D x rate of them
p=$(prefix dur)
run_nblgen dur -q -w "$TMP/dur.pcap" -d 200ms --rate 1000 --file-prefix "$p"
expect_clean dur
[ "$(requested dur)" -eq 200 ] ||
	fail "-d 200ms --rate 1000: requested $(requested dur), not 200"
[ "$(sent dur)" -eq 200 ] || fail "-d 200ms --rate 1000: sent $(sent dur)"
judge "$TMP/dur.pcap" --count 200 --sizes 64:1 "${defaults[@]}"
pass "--count 1001, --bytes 6000/6001/60 (100/101/1 frames), --bytes" \
	"100000 over 64-1518 and -d 200ms at 1000 frames/s (200): counted" \
	"in the captures"

# a paced run: 200 frames at 1000 frames/s are all there, signed, in
# order, timestamps never going back (how long it took is a benchmark's
# business, not a test's)
p=$(prefix rate)
run_nblgen rate -q -w "$TMP/rate.pcap" --count 200 --rate 1000 --signature \
	--file-prefix "$p"
expect_clean rate
expect_in "$TMP/out.rate" "(requested 0.001 Mpps); requested 200 frames, shortfall 0"
judge "$TMP/rate.pcap" --count 200 --sizes 64:1 --signature --ids 1 \
	"${defaults[@]}"
# the same with --pps and --mbps, tcpreplay's names
p=$(prefix pps)
run_nblgen pps -q -w "$TMP/pps.pcap" --count 100 --pps 2000 --file-prefix "$p"
expect_clean pps
expect_in "$TMP/out.pps" "(requested 0.002 Mpps); requested 100 frames, shortfall 0"
judge "$TMP/pps.pcap" --count 100 "${defaults[@]}"
p=$(prefix mbps)
run_nblgen mbps -q -w "$TMP/mbps.pcap" --count 100 --mbps 1.024 \
	--file-prefix "$p"
expect_clean mbps
# 1.024 Mbit/s of 64-byte frames (512 bits each): 2000 frames/s
expect_in "$TMP/out.mbps" "(requested 0.002 Mpps); requested 100 frames, shortfall 0"
judge "$TMP/mbps.pcap" --count 100 "${defaults[@]}"
pass "paced runs (--rate 1000, --pps 2000, --mbps 1.024): every frame" \
	"there, in order"

# EAL options instead of the embedded default: the EAL's own net_pcap port
# writes its capture under a temporary name too, and --verify reads it
p=$(prefix eal)
run_nblgen eal -l 0,1 --no-huge -m 512 --no-pci \
	--vdev "net_pcap0,tx_pcap=$TMP/eal.pcap" --file-prefix "$p" \
	--log-level '*:warning' -- -q --count 300 --verify
expect_clean eal
head -n 1 "$TMP/out.eal" | grep -q "^nblgen: EAL options: -l 0,1 --no-huge -m 512 --no-pci --vdev net_pcap0,tx_pcap=$TMP/.eal.pcap.nblgen-" ||
	fail "first line: $(head -n 1 "$TMP/out.eal")"
expect_in "$TMP/out.eal" "--verify: $TMP/eal.pcap holds 300 frames, each byte as its stream built it, as many as were sent"
judge "$TMP/eal.pcap" --count 300 --sizes 64:1 "${defaults[@]}"
ls "$TMP"/.eal.pcap.* >/dev/null 2>&1 && fail "a temporary capture was left"
pass "EAL options: the EAL's net_pcap port, its capture read back by" \
	"--verify and judged"
