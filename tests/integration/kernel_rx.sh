#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The nblgen authors
# The Linux kernel as receiver: a network namespace and a veth pair made
# for this run only; the inner end holds 198.18.0.2/24 (RFC 2544
# benchmarking range, existing only inside the namespace); a UDP socket
# listens there.  nblgen binds net_af_packet to the outer end and sends N
# datagrams through send/complete; exactly N must arrive with the right
# payloads.  tcpdump in the namespace records what the kernel got and
# tshark judges every byte.  Namespace and veth go away even on failure.
. "$(dirname "$0")/lib.sh"
set -e

ns="nblgen-rx-$UID_SHORT"
vo="nbo$UID_SHORT"   # outer end, nblgen's port
vi="nbi$UID_SHORT"   # inner end, in the namespace
src=198.18.0.1
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

# the receiving side, for kernel_receive and kernel_judge (lib.sh)
RX_NS=$ns RX_IF=$vi RX_ADDR=$dst RX_PORT=$port RX_SRC=$src
RX_SRC_MAC=$vo_mac RX_DST_MAC=$mac

# 1000 datagrams, paced, through the example config (the command line
# gives the interface and the receiver's MAC); the config leaves the
# checksums to the binding (--tx-cksum offload: software on this port)
kernel_receive paced 1000 256
p=$(prefix paced)
run_nblgen paced --config "$CONF_DIR/veth.ini" --count 1000 \
	--vdev "net_af_packet0,iface=$vo" --dst-mac "$mac" --file-prefix "$p"
expect_clean paced
expect_in "$TMP/out.paced" "1000 completed with SUCCESS"
expect_in "$TMP/out.paced" "checksums by the port's TX offloads (software where it has none)"
kernel_judge paced 1000 256
pass "1000 paced datagrams: all arrived in the namespace, byte-exact"

# 200 datagrams of 1514 bytes, unpaced
kernel_receive fast 200 1514
p=$(prefix fast)
run_nblgen fast --vdev "net_af_packet0,iface=$vo" --count 200 --size 1514 \
	--src-ip "$src" --dst-ip "$dst" --src-port 40000 --dst-port "$port" \
	--dst-mac "$mac" --file-prefix "$p"
expect_clean fast
kernel_judge fast 200 1514
pass "200 unpaced 1514-byte datagrams: all arrived, byte-exact"
