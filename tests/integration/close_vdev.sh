#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The nblgen authors
# Ports whose RX side holds buffers of the binding's pools still close
# cleanly: net_ring0 (a vdev ring: what nblgen sends loops into its own RX
# ring and nobody reads it) and net_tap (its RX ring is filled at queue
# setup, like a NIC's).  nblgen exits 0, every frame completed and every
# pool is full again, through send/complete and fire and forget.  The tap
# interface (a kernel netdev) vanishes with nblgen; it is deleted at exit
# anyway in case nblgen was killed.
. "$(dirname "$0")/lib.sh"
set -e
cd "$TMP"

# expect_closed TAG: exit 0, the binding closed, the leak check passed
expect_closed() {
	local out="$TMP/out.$1"
	[ "$RC" -eq 0 ] || fail "$1: nblgen exited $RC: $(tail -n 5 "$TMP/err.$1")"
	expect_in "$out" "leak check: every pool is full again (0 objects missing)"
	! grep -q "cannot close" "$TMP/out.$1" "$TMP/err.$1" ||
		fail "$1: the binding could not close"
	! grep -q "not full" "$TMP/out.$1" "$TMP/err.$1" ||
		fail "$1: a pool was reported not full"
}

# net_ring0: the frames stay in the ring nobody reads until close drains it
p=$(prefix ring)
run_nblgen ring --file-prefix "$p" --vdev net_ring0 --count 500
expect_clean ring
expect_closed ring
expect_in "$TMP/out.ring" "port 0 is net_ring0"
expect_in "$TMP/out.ring" "500 completed with SUCCESS, 0 failed"
expect_in "$TMP/out.ring" "RX pool"
p=$(prefix ringff)
run_nblgen ringff --file-prefix "$p" --vdev net_ring0 --count 600 \
	--fire-and-forget
expect_closed ringff
expect_in "$TMP/out.ringff" "by fire and forget: 600 accepted by the port, 0 dropped"
pass "net_ring0 (loop nobody reads): exit 0, every pool full"

# net_tap: needs the tun device
if [ ! -c /dev/net/tun ]; then
	echo "SKIP ($TEST_NAME): no /dev/net/tun for net_tap"
	exit 77
fi
for mode in sc ff; do
	ifc="nblc$mode$UID_SHORT"
	on_exit "ip link del $ifc"
	p=$(prefix "tap$mode")
	args=(--file-prefix "$p" --vdev "net_tap0,iface=$ifc" --count 300)
	[ "$mode" = ff ] && args+=(--fire-and-forget)
	run_nblgen "tap$mode" "${args[@]}"
	expect_closed "tap$mode"
	expect_in "$TMP/out.tap$mode" "port 0 is net_tap0"
	if [ "$mode" = sc ]; then
		expect_clean "tap$mode"
		expect_in "$TMP/out.tap$mode" "300 completed with SUCCESS, 0 failed"
	else
		expect_in "$TMP/out.tap$mode" "by fire and forget: 300 accepted by the port, 0 dropped"
	fi
	! ip link show "$ifc" >/dev/null 2>&1 ||
		fail "tap$mode: interface $ifc left behind"
done
pass "net_tap (RX ring filled at setup): exit 0, every pool full"
