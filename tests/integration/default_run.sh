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
[ ! -e "/var/run/dpdk/nblgen-$pid" ] ||
	fail "the EAL runtime directory nblgen-$pid was left behind"
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
# every byte: the source MAC is the port's own, as printed
smac=$(sed -n 's/.*127.0.0.1:9, \([0-9A-Fa-f:]*\) -> .*/\1/p' "$out")
[ -n "$smac" ] || fail "no source MAC in the sending line"
judge=(--count 64 --size 128 --src-ip 127.0.0.1 --dst-ip 127.0.0.1
	--src-port 49152 --dst-port 9 --src-mac "$smac"
	--dst-mac 02:00:00:00:00:02)
check_pcap "$TMP/nblgen-out.pcap" "${judge[@]}"
pass "default run: 64 frames sent, completed, byte-exact in the pcap, no leak"

# the judge is real: one flipped bit in the last payload byte of frame 40,
# or in the TTL of frame 1, and it refuses the file
flip() { # FILE OFFSET: flip the low bit of the byte at OFFSET
	python3 -c 'import sys
p, o = sys.argv[1], int(sys.argv[2])
b = bytearray(open(p, "rb").read()); b[o] ^= 1; open(p, "wb").write(b)' "$1" "$2"
}
# pcap: 24-byte file header, then per frame a 16-byte record header
for off in $((24 + 39 * (16 + 128) + 16 + 127)) $((24 + 16 + 22)); do
	cp "$TMP/nblgen-out.pcap" "$TMP/bad.pcap"
	flip "$TMP/bad.pcap" "$off"
	if python3 "$IT_DIR/check_pcap.py" "$TMP/bad.pcap" "${judge[@]}" \
		>"$TMP/judge.out" 2>&1; then
		fail "check_pcap accepted a pcap with byte $off flipped"
	fi
	grep -q "checksum.status is '0'" "$TMP/judge.out" ||
		fail "a flipped byte at $off was not seen as a bad checksum: $(cat "$TMP/judge.out")"
done
pass "a flipped bit in payload or IP header is caught by tshark"

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

# the binding's fire-and-forget path: the port frees the frames straight
# into the pool; the pcap is still byte-exact and every pool full again
p=$(prefix ff)
run_nblgen ff --file-prefix "$p" --pcap "$TMP/ff.pcap" --count 1000 \
	--fire-and-forget
[ "$RC" -eq 0 ] || fail "ff: nblgen exited $RC"
expect_in "$TMP/out.ff" "by fire and forget: 1000 accepted by the port, 0 dropped"
expect_in "$TMP/out.ff" "leak check: every pool is full again (0 objects missing)"
check_pcap "$TMP/ff.pcap" --count 1000 --size 128 --src-ip 127.0.0.1 \
	--dst-ip 127.0.0.1 --src-port 49152 --dst-port 9 \
	--dst-mac 02:00:00:00:00:02
pass "fire and forget: 1000 frames byte-exact, no leak"
