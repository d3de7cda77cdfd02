#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The nblgen authors
# Ctrl-C: a long run is stopped by SIGINT (or SIGTERM) and ends cleanly:
# exit 0, the report says it was interrupted, every pool is full again.
# With the ndis engine every NBL in flight completes (sent = completed).
# On net_pcap the capture holds exactly the frames nblgen says it sent,
# signed in sequence.  A port that refuses frames (net_ring0 whose own RX
# ring nobody reads fills up) still lets the run end: the frames it kept
# go back to their pools and count as owed.
. "$(dirname "$0")/lib.sh"
set -e
cd "$TMP"

# interrupt TAG SIGNAL ARGS...: start nblgen (its own file prefix, -q),
# signal it once it sends (telemetry counts a frame), wait; it must end
# cleanly.  SENT is the number of frames it says it sent.
interrupt() {
	local tag=$1 sig=$2 p pid
	shift 2
	p=$(prefix "$tag")
	"$NBLGEN" -q --file-prefix "$p" "$@" >"$TMP/out.$tag" \
		2>"$TMP/err.$tag" &
	pid=$!
	on_exit "kill -KILL $pid"
	signal_when_sending "$tag" "$sig" "$pid" "$p"
	SENT=$(sent "$tag")
	[ "$SENT" -gt 0 ] || fail "$tag: nothing sent"
}

interrupt int INT --vdev net_null0 --count 1000G
expect_in "$TMP/out.int" "shortfall 0"
pass "SIGINT after $SENT frames on net_null0: exit 0, every pool full"
interrupt term TERM --vdev net_null0 -d 0 --engine stamp --signature
pass "SIGTERM after $SENT frames (stamp engine): exit 0, every pool full"

# the ndis engine: the NBLs in flight when the signal came complete
interrupt ndis INT --vdev net_null0 -d 0 --engine ndis
expect_in "$TMP/out.ndis" "NDIS: $SENT NBLs sent, $SENT completed, $SENT with SUCCESS, 0 failed"
pass "SIGINT with the ndis engine: $SENT NBLs sent and completed, every" \
	"pool full"

# net_pcap, paced so the capture stays small: it holds exactly the frames
# sent before the signal, signed in order; --verify reads it back, the
# ndis engine checks every completed NBL
for e in stamp ndis; do
	interrupt "pcap$e" INT -w "$TMP/$e.pcap" --count 1G --rate 2000 \
		--signature --engine "$e" --verify
	expect_in "$TMP/out.pcap$e" "--verify: $TMP/$e.pcap holds $SENT frames, each byte as its stream built it, as many as were sent"
	judge "$TMP/$e.pcap" --count "$SENT" --signature --ids 1 \
		--payload inc --protocols eth:ethertype:ip:udp
	pass "SIGINT on net_pcap ($e engine) after $SENT frames: the capture" \
		"holds them all, in sequence"
done
expect_in "$TMP/out.pcapndis" "NDIS: $SENT NBLs sent, $SENT completed, $SENT with SUCCESS, 0 failed, every frame checked"

# a port that refuses: net_ring0's ring (1024 frames) fills and nobody
# reads it; the run still ends on the signal, the frames it held are
# owed, not lost from the pools
interrupt ring INT --vdev net_ring0 --count 5000 --size 1518 --engine stamp
req=$(requested ring)
[ "$SENT" -lt 5000 ] || fail "ring: all 5000 frames went into a ring of 1024"
expect_in "$TMP/out.ring" "requested $req frames, shortfall $((req - SENT))"
pass "SIGINT while net_ring0 refuses: $SENT sent, $((req - SENT)) owed," \
	"exit 0, every pool full"
