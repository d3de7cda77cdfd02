#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The nblgen authors
# Ports whose RX side holds buffers still close cleanly: net_ring0 (a vdev
# ring: what nblgen sends loops into its own RX ring and nobody reads it)
# and net_tap (its RX ring is filled at queue setup, like a NIC's).  With
# every engine (template and stamp by fire and forget, ndis through
# send/complete) nblgen exits 0, every frame sent is counted, the binding
# closes with every pool full ("closed, every pool full -> Unbound"), and
# the leak check is clean, with nothing refused on stderr.  The tap lives
# in a network namespace made for this run (its interface vanishes with
# nblgen; the namespace goes away even on failure).
. "$(dirname "$0")/lib.sh"
set -e
cd "$TMP"

# expect_closed TAG COUNT ENGINE: a clean run that sent COUNT frames with
# ENGINE and whose binding closed with every pool full
expect_closed() {
	local out="$TMP/out.$1"
	expect_clean "$1"
	[ "$(sent "$1")" -eq "$2" ] || fail "$1: sent $(sent "$1"), not $2"
	expect_in "$out" "$3 engine: sent $2 frames"
	expect_in "$out" ": closed, every pool full -> Unbound"
	expect_in "$out" "RX pool"
	if [ "$3" = ndis ]; then
		expect_in "$out" "NDIS: $2 NBLs sent, $2 completed, $2 with SUCCESS, 0 failed"
	fi
}

# net_ring0: the frames stay in the ring nobody reads until close drains
# it (fewer than its 1024 places)
for e in template stamp ndis; do
	run_nblgen "ring$e" -q -v --vdev net_ring0 --count 500 --engine "$e" \
		--file-prefix "$(prefix "ring$e")"
	expect_closed "ring$e" 500 "$e"
	expect_in "$TMP/out.ring$e" "nblgen: port 0 net_ring0"
done
pass "net_ring0 (a loop nobody reads), each engine: exit 0, the ring" \
	"drained at close, every pool full"

# net_tap: needs the tun device
if [ ! -c /dev/net/tun ]; then
	echo "SKIP ($TEST_NAME): no /dev/net/tun for net_tap"
	exit 77
fi
ns="nblgen-close-$UID_SHORT"
ip netns add "$ns"
on_exit "ip netns del $ns"
ip -n "$ns" link set lo up
for e in template stamp ndis; do
	ifc="nblc$UID_SHORT"
	NBLGEN_NETNS=$ns run_nblgen "tap$e" -q -v \
		--vdev "net_tap0,iface=$ifc" --count 300 --engine "$e" \
		--file-prefix "$(prefix "tap$e")"
	expect_closed "tap$e" 300 "$e"
	expect_in "$TMP/out.tap$e" "nblgen: port 0 net_tap0"
	! ip -n "$ns" link show "$ifc" >/dev/null 2>&1 ||
		fail "tap$e: interface $ifc left behind"
done
pass "net_tap (RX ring filled at setup), each engine: exit 0, every pool" \
	"full, the interface gone"
