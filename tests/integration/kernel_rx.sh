#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The nblgen authors
# The Linux kernel as receiver: a network namespace and a veth pair made
# for this run only; the inner end holds 198.18.0.2/24 (RFC 2544
# benchmarking range, existing only inside the namespace); a UDP socket
# listens there (udp_receiver.py checks every payload: nblgen's "inc",
# and the signature's sequence numbers when signed).  nblgen binds
# net_af_packet to the outer end.  The receiver must count exactly what
# nblgen says it sent; tcpdump in the namespace records what the kernel
# got and judge.py judges every byte; the kernel counts no checksum error.
# Namespace and veth go away even on failure.
. "$(dirname "$0")/lib.sh"
set -e

ns="nblgen-rx-$UID_SHORT"
vo="nbo$UID_SHORT"   # outer end, nblgen's port
vi="nbi$UID_SHORT"   # inner end, in the namespace
dst=198.18.0.2
port=5001

ip netns add "$ns"
on_exit "ip netns del $ns"
ip link add "$vo" type veth peer name "$vi"
on_exit "ip link del $vo"
ip link set "$vi" netns "$ns"
ip netns exec "$ns" sysctl -qw net.ipv4.conf.all.rp_filter=0 \
	net.ipv4.conf.default.rp_filter=0 net.ipv6.conf.all.disable_ipv6=1
ip -n "$ns" link set lo up
ip -n "$ns" addr add "$dst/24" dev "$vi"
ip -n "$ns" link set "$vi" up
sysctl -qw "net.ipv6.conf.$vo.disable_ipv6=1"
ip link set "$vo" up
mac=$(ip netns exec "$ns" cat "/sys/class/net/$vi/address")
vo_mac=$(cat "/sys/class/net/$vo/address")
for _ in $(seq 50); do
	ip -n "$ns" link show "$vi" | grep -q LOWER_UP && break
	sleep 0.1
done

# snmp NAME...: the sum of these /proc/net/snmp counters in the namespace
# (NAME is Proto:Field, e.g. Udp:InCsumErrors)
snmp() {
	ip netns exec "$ns" awk -v want="$*" '
		BEGIN { n = split(want, w, " ") }
		!($1 in hdr) { hdr[$1] = 1; for (i = 2; i <= NF; i++) f[$1, i] = $i; next }
		{ for (i = 2; i <= NF; i++) for (j = 1; j <= n; j++)
			if ($1 f[$1, i] == w[j]) s += $i }
		END { print s + 0 }' /proc/net/snmp
}
errors_before=$(snmp Ip:InHdrErrors Udp:InCsumErrors Udp:InErrors)

# the receiving side, for kernel_receive and kernel_judge (lib.sh)
RX_NS=$ns RX_IF=$vi RX_ADDR=$dst RX_PORT=$port
RX_SRC_MAC=$vo_mac RX_DST_MAC=$mac

# conf/veth.ini as it is (500 frames of 256 bytes at 20 kpps, the ndis
# engine, tx-cksum offload: net_af_packet has no TX checksum offload, so
# the binding computes them in software), the command line giving the
# interface and the receiver's MAC
RX_SRC=198.18.0.1
kernel_receive veth 500 256
run_nblgen veth -q -v -c "$CONF_DIR/veth.ini" \
	--vdev "net_af_packet0,iface=$vo" --dst-mac "$mac" \
	--file-prefix "$(prefix veth)"
expect_clean veth
[ "$(sent veth)" -eq 500 ] || fail "conf/veth.ini: sent $(sent veth)"
expect_in "$TMP/out.veth" "nblgen: port 0 net_af_packet0 (MAC "
expect_in "$TMP/out.veth" "stream.0 eth/ipv4/udp, ndis engine: sent 500 frames"
expect_in "$TMP/out.veth" "NDIS: 500 NBLs sent, 500 completed, 500 with SUCCESS, 0 failed"
# no checksum offload on the port: the binding computed them in copies
expect_not_in "$TMP/out.veth" "UDP_CKSUM"
expect_in "$TMP/out.veth" "frames 500 bytes 126000 (zero-copy 0, copies 500)"
kernel_judge veth 500 256 --field ip.src=198.18.0.1 \
	--field udp.srcport=40000
pass "conf/veth.ini: 500 NBLs completed, 500 datagrams in the namespace," \
	"checksums by the binding in software, byte-exact"

# the stamp engine over 32 flows (4 sources x 8 source ports), signed,
# paced: each datagram once, in sequence
RX_SRC=198.18.0.10-198.18.0.13
kernel_receive flows 1000 512 --signature --flows 32
run_nblgen flows -q --vdev "net_af_packet0,iface=$vo" --engine stamp \
	--count 1000 --size 512 --rate 20k --signature \
	--src-ip 198.18.0.10-198.18.0.13 --src-port 40000-40007 \
	--dst-ip "$dst" --dst-port "$port" --dst-mac "$mac" \
	--file-prefix "$(prefix flows)"
expect_clean flows
[ "$(sent flows)" -eq 1000 ] || fail "flows: sent $(sent flows)"
expect_in "$TMP/out.flows" "stamp engine: sent 1000 frames"
kernel_judge flows 1000 512 --distinct ip.src,udp.srcport=32 \
	--signature --ids 1
pass "the stamp engine over 32 flows: 1000 signed datagrams, each once," \
	"in sequence, evenly over the flows"

# unpaced full-size frames, prebuilt (template engine)
RX_SRC=198.18.0.1
kernel_receive fast 200 1518
run_nblgen fast -q --vdev "net_af_packet0,iface=$vo" --count 200 \
	--size 1518 --src-ip 198.18.0.1 --dst-ip "$dst" --dst-port "$port" \
	--dst-mac "$mac" --file-prefix "$(prefix fast)"
expect_clean fast
[ "$(sent fast)" -eq 200 ] || fail "fast: sent $(sent fast)"
expect_in "$TMP/out.fast" "template engine: sent 200 frames"
kernel_judge fast 200 1518
pass "200 unpaced frames of 1518 bytes: all arrived, byte-exact"

[ "$(snmp Ip:InHdrErrors Udp:InCsumErrors Udp:InErrors)" -eq "$errors_before" ] ||
	fail "the kernel counted IPv4 header, UDP checksum or UDP errors"
pass "no IPv4 header, UDP checksum or UDP receive error in the kernel"
