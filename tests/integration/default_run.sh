#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The nblgen authors
# The main job on the embedded default: `nblgen` with no argument binds a
# net_pcap port, prints its requirements, sends 64 UDP frames through
# send/complete into nblgen-out.pcap and finds every pool full again.
# tshark then judges every frame of the pcap on its own.
. "$(dirname "$0")/lib.sh"
set -e

# no argument at all: the EAL file prefix is nblgen-<pid>, unique per run
cd "$TMP"
set +e
timeout -s INT -k 10 60 "$NBLGEN" >"$TMP/out.default" 2>"$TMP/err.default" &
pid=$!
wait "$pid"
RC=$?
set -e
on_exit "rm -rf /var/run/dpdk/nblgen-$pid"
expect_clean default
out="$TMP/out.default"
expect_in "$out" "port 0 is net_pcap0 (tx_pcap=nblgen-out.pcap)"
# the requirements and why
for word in DataBackFillSize ContextBackFillSize pool; do
	grep -qi -- "$word" "$out" || fail "the requirements lack $word"
done
expect_in "$out" "sending 64 UDP frames of 128 bytes, 127.0.0.1:49152 -> 127.0.0.1:9"
expect_in "$out" "sent 64 frames (8192 bytes)"
expect_in "$out" "64 completed with SUCCESS, 0 failed"
expect_in "$out" "pcap check: nblgen-out.pcap holds 64 frames"
[ -s "$TMP/nblgen-out.pcap" ] || fail "nblgen-out.pcap missing"
check_pcap "$TMP/nblgen-out.pcap" --count 64 --size 128 \
	--src-ip 127.0.0.1 --dst-ip 127.0.0.1 --src-port 49152 --dst-port 9 \
	--dst-mac 02:00:00:00:00:02
pass "default run: 64 frames sent, completed, byte-exact in the pcap, no leak"

# the same job on the default port with every traffic option changed,
# minimum and maximum standard frame sizes
for size in 60 1514; do
	p=$(prefix "s$size")
	run_nblgen "s$size" --file-prefix "$p" --pcap "$TMP/s$size.pcap" \
		--count 100 --size "$size" --burst 7 \
		--src-ip 127.0.0.2 --dst-ip 127.0.0.3 --src-port 4000 \
		--dst-port 4001 --src-mac 02:aa:bb:cc:dd:01 \
		--dst-mac 02:aa:bb:cc:dd:02
	expect_clean "s$size"
	expect_in "$TMP/out.s$size" "100 completed with SUCCESS"
	check_pcap "$TMP/s$size.pcap" --count 100 --size "$size" \
		--src-ip 127.0.0.2 --dst-ip 127.0.0.3 --src-port 4000 \
		--dst-port 4001 --src-mac 02:aa:bb:cc:dd:01 \
		--dst-mac 02:aa:bb:cc:dd:02
done
pass "sizes 60 and 1514 with every address option: byte-exact"

# pacing: 200 frames at 1000 frames/s are all there, in order (the time is
# a benchmark's business, not a test's)
p=$(prefix rate)
run_nblgen rate --file-prefix "$p" --pcap "$TMP/rate.pcap" --count 200 \
	--rate 1000
expect_clean rate
check_pcap "$TMP/rate.pcap" --count 200 --size 128 --src-ip 127.0.0.1 \
	--dst-ip 127.0.0.1 --src-port 49152 --dst-port 9 \
	--dst-mac 02:00:00:00:00:02
pass "paced run: 200 frames, byte-exact"
