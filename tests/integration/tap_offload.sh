#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The nblgen authors
# TX checksum offloads on a real port that has them: net_tap offers
# IPV4_CKSUM and UDP_CKSUM (the tap PMD computes them as a NIC would,
# from the mbuf offload flags).  A network namespace made for this run
# holds a tap interface (198.18.1.2/24, RFC 2544 range, existing only
# there); nblgen runs inside it, attaches net_tap to that interface and
# sends with the ndis engine and --tx-cksum, so its frames leave the
# buffers with both checksums zero and the NBLs ask for them:
#   offload   the binding maps the request onto the port's offload flags:
#             every frame goes by reference (zero copy, no copy made)
#   software  the binding computes them itself: every frame is a copy
# Either way the kernel must deliver exactly as many datagrams as nblgen
# says it sent to a UDP socket (it drops a frame with a bad IPv4 or UDP
# checksum and counts it), its checksum error counters must not move, and
# judge.py must find every checksum good and every byte as sent.
# Then the Check suite bind_tap (tests/test_bind_tap.c) drives the binding
# on the same interface with TCP large sends for the port's TSO (a chain of
# copy buffers from caller memory, and zero copy from the binding's own
# buffer); tshark judges every segment the kernel received and the
# kernel's TCP counters must show exactly those segments, none with a bad
# checksum.  The namespace goes away even on failure.
. "$(dirname "$0")/lib.sh"
set -e

ns="nblgen-tap-$UID_SHORT"
tap="nbt$UID_SHORT"
mac=02:00:00:00:01:01   # the tap's MAC, set by net_tap's mac= devarg
src=198.18.1.1
dst=198.18.1.2
port=5001

ip netns add "$ns"
on_exit "ip netns del $ns"
ip netns exec "$ns" sysctl -qw net.ipv4.conf.all.rp_filter=0 \
	net.ipv4.conf.default.rp_filter=0 net.ipv6.conf.all.disable_ipv6=1
ip -n "$ns" link set lo up
# a persistent multi-queue tap, as net_tap opens it; configured before
# nblgen attaches, so that the first frame finds an address
ip -n "$ns" tuntap add dev "$tap" mode tap multi_queue
ip -n "$ns" addr add "$dst/24" dev "$tap"

RX_NS=$ns RX_IF=$tap RX_ADDR=$dst RX_PORT=$port RX_SRC=$src
RX_SRC_MAC=$mac RX_DST_MAC=$mac
NBLGEN_NETNS=$ns

# snmp NAME...: the sum of these /proc/net/snmp counters in the namespace
# (NAME is Proto:Field, e.g. Ip:InHdrErrors)
snmp() {
	ip netns exec "$ns" awk -v want="$*" '
		BEGIN { n = split(want, w, " ") }
		!($1 in hdr) { hdr[$1] = 1; for (i = 2; i <= NF; i++) f[$1, i] = $i; next }
		{ for (i = 2; i <= NF; i++) for (j = 1; j <= n; j++)
			if ($1 f[$1, i] == w[j]) s += $i }
		END { print s + 0 }' /proc/net/snmp
}
snmp_sum() { snmp Ip:InHdrErrors Udp:InCsumErrors; }

# send TAG MODE COUNT SIZE: nblgen in the namespace, --tx-cksum MODE
send() {
	local tag=$1 mode=$2 count=$3 size=$4
	# paced (20000 frames/s): tcpdump must see every frame too
	run_nblgen "$tag" -q -v --vdev "net_tap0,iface=$tap,mac=$mac" \
		--tx-cksum "$mode" --count "$count" --size "$size" --rate 20k \
		--src-ip "$src" --dst-ip "$dst" --src-port 40000 \
		--dst-port "$port" --dst-mac "$mac" --file-prefix "$(prefix "$tag")"
	expect_clean "$tag"
	[ "$(sent "$tag")" -eq "$count" ] || fail "$tag: sent $(sent "$tag")"
	expect_in "$TMP/out.$tag" "stream.0 eth/ipv4/udp, ndis engine: sent $count frames"
	expect_in "$TMP/out.$tag" "NDIS: $count NBLs sent, $count completed, $count with SUCCESS, 0 failed"
}

# listen TAG COUNT SIZE: the interface up (net_tap sets it down when it
# closes the port), then the receiver and tcpdump on it
listen() {
	ip -n "$ns" link set "$tap" up
	kernel_receive "$@"
}

before=$(snmp_sum)

listen offload 1000 256
send offload offload 1000 256
expect_in "$TMP/out.offload" "TX offloads: IPV4_CKSUM,UDP_CKSUM"
expect_in "$TMP/out.offload" "frames 1000 bytes 252000 (zero-copy 1000, copies 0)"
kernel_judge offload 1000 256 --field ip.src=$src --field udp.srcport=40000
pass "1000 datagrams with checksums by net_tap's TX offloads, zero copy:" \
	"all arrived, checksums good, byte-exact"

listen software 300 1518
send software software 300 1518
expect_in "$TMP/out.software" "frames 300 bytes 454200 (zero-copy 0, copies 300)"
kernel_judge software 300 1518 --field ip.src=$src --field udp.srcport=40000
pass "300 datagrams of 1518 bytes with checksums by the binding in" \
	"software: all arrived, checksums good, byte-exact"

after=$(snmp_sum)
[ "$after" -eq "$before" ] ||
	fail "the kernel counted $((after - before)) checksum errors"
pass "no IPv4 header or UDP checksum error counted by the kernel"

# TCP large sends through the binding, for the port's TSO
[ -n "${BIND_TAP:-}" ] || fail "BIND_TAP (the test_bind_tap binary) is not set"
ip -n "$ns" link set "$tap" up
ip netns exec "$ns" tcpdump -n -U --immediate-mode -i any -w "$TMP/tso.pcap" \
	"tcp and dst host $dst" 2>"$TMP/tcpdump.tso" &
TCPDUMP=$!
on_exit "kill $TCPDUMP"
for _ in $(seq 100); do
	grep -q "listening on" "$TMP/tcpdump.tso" && break
	sleep 0.1
done
segs=$(snmp Tcp:InSegs)
bad=$(snmp Ip:InHdrErrors Tcp:InCsumErrors)
ip netns exec "$ns" env CK_FORK=no "$BIND_TAP" "$tap" "$mac" \
	>"$TMP/out.bind_tap" 2>"$TMP/err.bind_tap" ||
	{ cat "$TMP/out.bind_tap" "$TMP/err.bind_tap" >&2; fail "bind_tap suite failed"; }
cat "$TMP/out.bind_tap"
sleep 0.5
kill -INT "$TCPDUMP"
wait "$TCPDUMP" || true
python3 "$IT_DIR/check_tso.py" "$TMP/tso.pcap" --port 5002 --seq 1000000 \
	--len 8000 --mss 1000 || fail "tshark check of the chained large send"
python3 "$IT_DIR/check_tso.py" "$TMP/tso.pcap" --port 5003 --seq 2000000 \
	--len 1460 --mss 500 || fail "tshark check of the zero-copy large send"
# and judge.py, as every capture: 8 + 3 segments, checksums good, nothing
# above a note
judge "$TMP/tso.pcap" --count 11 --protocols sll:ethertype:ip:tcp \
	--field ip.dst=$dst
[ $(($(snmp Tcp:InSegs) - segs)) -eq 11 ] ||
	fail "the kernel counted $(($(snmp Tcp:InSegs) - segs)) TCP segments, expected 11"
[ "$(snmp Ip:InHdrErrors Tcp:InCsumErrors)" -eq "$bad" ] ||
	fail "the kernel counted IPv4 header or TCP checksum errors"
pass "large sends for net_tap's TSO (chained copy and zero copy): 8 + 3" \
	"segments in the kernel, checksums good, byte-exact; refused sends" \
	"sent nothing"
