#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The nblgen authors
# Ctrl-C: a run of 10^12 frames into net_null is stopped by SIGINT (then
# SIGTERM); it ends cleanly: exit 0, every NBL sent completed with SUCCESS
# and every pool is full again.  The same on net_pcap, whose file then
# holds exactly the frames nblgen says it sent, byte-exact.
. "$(dirname "$0")/lib.sh"
set -e
cd "$TMP"

# interrupt TAG SIGNAL ARGS...: start nblgen, wait until it sends, signal;
# it must end cleanly.  SENT is the number of frames it says it sent.
interrupt() {
	local tag=$1 sig=$2 pid
	shift 2
	"$NBLGEN" "$@" >"$TMP/out.$tag" 2>"$TMP/err.$tag" &
	pid=$!
	on_exit "kill -KILL $pid"
	for _ in $(seq 300); do
		grep -q "sending" "$TMP/out.$tag" && break
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	grep -q "sending" "$TMP/out.$tag" || fail "$tag: nblgen did not start"
	sleep 1
	kill "-$sig" "$pid"
	for _ in $(seq 300); do
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	kill -0 "$pid" 2>/dev/null && fail "$tag: still running 30 s after SIG$sig"
	set +e
	wait "$pid"
	RC=$?
	set -e
	expect_in "$TMP/out.$tag" "interrupted: stopped after"
	SENT=$(sed -n 's/^nblgen: sent \([0-9]*\) frames.*/\1/p' "$TMP/out.$tag")
	[ -n "$SENT" ] && [ "$SENT" -gt 0 ] || fail "$tag: nothing sent"
	if grep -q "fire and forget:" "$TMP/out.$tag"; then
		[ "$RC" -eq 0 ] || fail "$tag: nblgen exited $RC"
		expect_in "$TMP/out.$tag" "$SENT accepted by the port, 0 dropped"
		expect_in "$TMP/out.$tag" "leak check: every pool is full again (0 objects missing)"
	else
		expect_clean "$tag"
		expect_in "$TMP/out.$tag" "$SENT completed with SUCCESS"
	fi
}

interrupt int INT --vdev net_null0 --count 1000G --file-prefix "$(prefix int)"
pass "SIGINT after $SENT frames on net_null: clean exit, no leak"
interrupt term TERM --config "$CONF_DIR/null-flood.ini" \
	--file-prefix "$(prefix term)"
pass "SIGTERM after $SENT frames on net_null: clean exit, no leak"
interrupt ff INT --vdev net_null0 --count 1000G --fire-and-forget \
	--file-prefix "$(prefix ff)"
pass "SIGINT after $SENT fire-and-forget frames on net_null: every pool full"

# on net_pcap, paced so the file stays small: the pcap holds exactly the
# frames sent before the signal
interrupt pcap INT --pcap "$TMP/int.pcap" --count 1G --rate 2000 \
	--file-prefix "$(prefix pcap)"
expect_in "$TMP/out.pcap" "pcap check: $TMP/int.pcap holds $SENT frames"
check_pcap "$TMP/int.pcap" --count "$SENT" --size 128 --src-ip 127.0.0.1 \
	--dst-ip 127.0.0.1 --src-port 49152 --dst-port 9 \
	--dst-mac 02:00:00:00:00:02
pass "SIGINT on net_pcap after $SENT frames: pcap byte-exact, no leak"
