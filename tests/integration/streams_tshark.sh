#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The nblgen authors
# Every header stack, encapsulation and payload kind nblgen builds, and
# each engine, written through net_pcap (-w) and judged by judge.py:
# tshark dissects every frame as the stack says, every checksum it
# verifies is good, nothing is above a note, the fields hold the values
# given, the payload is the kind asked, and signed frames number 0, 1, 2,
# ... in order.  nblgen's own --verify reads every capture back too.
. "$(dirname "$0")/lib.sh"
set -e
cd "$TMP"

COUNT=200
n=0

# stream TAG 'NBLGEN ARGS' JUDGE ARGS...: send COUNT frames with those
# options (and --verify) into TAG.pcap; the run must be clean, --verify
# content, and judge.py must accept the capture with JUDGE ARGS.
stream() {
	local tag=$1 args=$2
	shift 2
	# shellcheck disable=SC2086 # ARGS is a list of words
	run_nblgen "$tag" -q -w "$TMP/$tag.pcap" --count "$COUNT" --verify \
		--file-prefix "$(prefix "$tag")" $args
	expect_clean "$tag"
	expect_in "$TMP/out.$tag" "--verify: $TMP/$tag.pcap holds $COUNT frames, each byte as its stream built it"
	python3 "$IT_DIR/judge.py" "$TMP/$tag.pcap" --count "$COUNT" "$@" \
		>"$TMP/judge.$tag" ||
		{ cat "$TMP/judge.$tag"; fail "$tag: judge.py refused the capture"; }
	rm -f "$TMP/$tag.pcap"
	n=$((n + 1))
}

# 1. Every stack, with values other than the defaults, sizes that vary,
#    a range that varies a field per frame, the signature and payload inc
V4="--src-ip 198.18.0.1 --dst-ip 198.18.0.2 --ttl 17 --tos 16"
V4J=(--field ip.src=198.18.0.1 --field ip.dst=198.18.0.2 --field ip.ttl=17
	--field ip.dsfield=0x10)
V6="--src-ip 2001:db8::1 --dst-ip 2001:db8::2 --ttl 17"
V6J=(--field ipv6.src=2001:db8::1 --field ipv6.dst=2001:db8::2
	--field ipv6.hlim=17)
SIG=(--signature --ids 1 --payload inc)

stream v4udp "--headers eth/ipv4/udp $V4 --src-port 1000-1003 --dst-port 5678 --size 100-300 --signature" \
	--protocols eth:ethertype:ip:udp "${V4J[@]}" --distinct udp.srcport=4 \
	--field udp.dstport=5678 --size-range 100-300 "${SIG[@]}"
stream v4icmp "--headers eth/ipv4/icmp $V4 --icmp-type echo-reply --size 100-300 --signature" \
	--protocols eth:ethertype:ip:icmp "${V4J[@]}" --field icmp.type=0 \
	--field icmp.code=0 --size-range 100-300 "${SIG[@]}"
stream v6udp "--headers eth/ipv6/udp $V6 --dst-port 5678-5679 --size 100-300 --signature" \
	--protocols eth:ethertype:ipv6:udp "${V6J[@]}" --distinct udp.dstport=2 \
	--size-range 100-300 "${SIG[@]}"
stream v6icmp "--headers eth/ipv6/icmpv6 $V6 --size 100-300 --signature" \
	--protocols eth:ethertype:ipv6:icmpv6 "${V6J[@]}" --field icmpv6.type=128 \
	--size-range 100-300 "${SIG[@]}"
stream arp "--headers eth/arp --arp-op reply --src-ip 198.18.0.1 --dst-ip 198.18.0.2-198.18.0.9 --dst-mac 02:00:00:00:00:09 --size 64" \
	--protocols eth:ethertype:arp --field arp.opcode=2 \
	--field arp.src.proto_ipv4=198.18.0.1 --field arp.dst.hw_mac=02:00:00:00:00:09 \
	--distinct arp.dst.proto_ipv4=8 --sizes 64:1
stream vlan "--headers eth/vlan/ipv4/udp $V4 --vlan 300-301 --vlan-prio 5 --size 100-300 --signature" \
	--protocols eth:ethertype:vlan:ethertype:ip:udp "${V4J[@]}" \
	--distinct vlan.id=2 --field vlan.priority=5 --size-range 100-300 "${SIG[@]}"
stream qinq "--headers eth/qinq/ipv4/udp $V4 --svlan 400 --vlan 300 --size 100-300 --signature" \
	--protocols eth:ethertype:ieee8021ad:ethertype:vlan:ethertype:ip:udp \
	"${V4J[@]}" --field ieee8021ad.id=400 --field vlan.id=300 \
	--size-range 100-300 "${SIG[@]}"
stream mpls "--headers eth/mpls/ipv4/udp $V4 --mpls 100,200 --size 100-300 --signature" \
	--protocols eth:ethertype:mpls:ip:udp "${V4J[@]}" \
	--field-all mpls.label=100,200 --size-range 100-300 "${SIG[@]}"
stream vxlan4 "--headers eth/ipv4/udp/vxlan/eth/ipv4/udp $V4 --vni 5000-5003 --inner-src-ip 10.0.0.1 --inner-dst-ip 10.0.0.2 --inner-dst-port 7000 --size 160-400 --signature" \
	--protocols eth:ethertype:ip:udp:vxlan:eth:ethertype:ip:udp \
	--field-all ip.src=198.18.0.1,10.0.0.1 --field-all ip.dst=198.18.0.2,10.0.0.2 \
	--field-all udp.dstport=4789,7000 --distinct vxlan.vni=4 \
	--size-range 160-400 "${SIG[@]}"
stream vxlan6 "--headers eth/ipv6/udp/vxlan/eth/ipv4/udp $V6 --vni 5000 --inner-src-ip 10.0.0.1 --size 160-400 --signature" \
	--protocols eth:ethertype:ipv6:udp:vxlan:eth:ethertype:ip:udp "${V6J[@]}" \
	--field vxlan.vni=5000 --field ip.src=10.0.0.1 --size-range 160-400 "${SIG[@]}"
stream geneve "--headers eth/ipv4/udp/geneve/eth/ipv4/udp $V4 --vni 5000 --inner-src-port 3000-3001 --size 160-400 --signature" \
	--protocols eth:ethertype:ip:udp:geneve:eth:ethertype:ip:udp \
	--field geneve.vni=0x001388 --field-all udp.dstport=6081,9 \
	--distinct udp.srcport@2=2 --size-range 160-400 "${SIG[@]}"
stream gre "--headers eth/ipv4/gre/ipv4/udp $V4 --inner-src-ip 10.0.0.1 --size 160-400 --signature" \
	--protocols eth:ethertype:ip:gre:ip:udp --field-all ip.src=198.18.0.1,10.0.0.1 \
	--field gre.proto=0x0800 --size-range 160-400 "${SIG[@]}"
stream greeth "--headers eth/ipv4/gre/eth/ipv4/udp $V4 --gre-key 77 --inner-dst-mac 02:00:00:00:00:77 --size 160-400 --signature" \
	--protocols eth:ethertype:ip:gre:eth:ethertype:ip:udp \
	--field gre.key=0x0000004d --field gre.proto=0x6558 \
	--field-all eth.dst=02:00:00:00:00:02,02:00:00:00:00:77 \
	--size-range 160-400 "${SIG[@]}"
# TCP: every flow (its addresses and ports) is a byte stream of its own,
# so segments of several sizes and flows are in order for tshark too
stream v4tcpvar "--headers eth/ipv4/tcp $V4 --src-port 1000-1003 --size 100-300 --signature" \
	--protocols eth:ethertype:ip:tcp "${V4J[@]}" --distinct tcp.srcport=4 \
	--size-range 100-300 "${SIG[@]}"
stream v6tcpvar "--headers eth/ipv6/tcp $V6 --size 100-300,random --signature" \
	--protocols eth:ethertype:ipv6:tcp "${V6J[@]}" --size-range 100-300 "${SIG[@]}"
stream v4tcp "--headers eth/ipv4/tcp $V4 --src-port 1234 --dst-port 80 --tcp-flags SA --size 256 --signature" \
	--protocols eth:ethertype:ip:tcp "${V4J[@]}" --field tcp.srcport=1234 \
	--field tcp.dstport=80 --field tcp.flags=0x0012 --sizes 256:1 "${SIG[@]}"
stream v6tcp "--headers eth/ipv6/tcp $V6 --size 256 --signature" \
	--protocols eth:ethertype:ipv6:tcp "${V6J[@]}" --field tcp.flags=0x0010 \
	--sizes 256:1 "${SIG[@]}"
pass "$n header stacks: dissected as built, checksums good, fields as given"

# 2. Payload kinds, with and without the signature, over a few stacks
n=0
for p in zeros inc random hex:deadbeef; do
	for s in "" --signature; do
		case $p$s in
		zeros) h=eth/ipv4/udp ;;
		zeros--signature) h=eth/ipv6/icmpv6 ;;
		inc) h=eth/vlan/ipv4/udp ;;
		inc--signature) h=eth/ipv4/gre/eth/ipv4/udp ;;
		random) h=eth/ipv4/udp/vxlan/eth/ipv4/udp ;;
		random--signature) h=eth/ipv6/udp ;;
		hex:deadbeef) h=eth/ipv4/tcp ;;
		*) h=eth/ipv4/icmp ;;
		esac
		size=160-400
		case $h in *tcp) size=256 ;; esac
		stream "pl-${p#hex:}$s" "--headers $h --payload $p --size $size $s" \
			--payload "$p" ${s:+--signature --ids 1}
	done
done
pass "$n payloads (zeros, inc, random, hex:deadbeef; with and without" \
	"the signature): every payload byte as asked"

# 3. Each engine: template (nothing changes per frame: fixed sizes or
#    size classes; not TCP, whose sequence numbers advance), stamp and
#    ndis, on a few stacks
n=0
for e in template stamp ndis; do
	for h in eth/ipv4/udp eth/ipv6/tcp eth/ipv4/udp/vxlan/eth/ipv4/udp \
		eth/qinq/ipv4/udp; do
		case $e$h in templateeth/ipv6/tcp) continue ;; esac
		args="--engine $e --headers $h --size 100:3,200:2,1518:1"
		sizes=100:3,200:2,1518:1
		case $h in
		*tcp) args="--engine $e --headers $h --size 200"; sizes=200:1 ;;
		*vxlan*) args="--engine $e --headers $h --size 200:2,1518:1"
			sizes=200:2,1518:1 ;;
		esac
		[ "$e" = template ] || args="$args --signature"
		tag=$e-$(echo "$h" | tr -d /)
		tag=${tag:0:24}
		sig=()
		[ "$e" = template ] || sig=(--signature --ids 1)
		stream "$tag" "$args" --sizes "$sizes" --payload inc "${sig[@]}"
		expect_in "$TMP/out.$tag" ", $e engine: sent $COUNT frames"
		if [ "$e" = ndis ]; then
			expect_in "$TMP/out.$tag" \
				"NDIS: $COUNT NBLs sent, $COUNT completed, $COUNT with SUCCESS, 0 failed, every frame checked"
		fi
	done
done
pass "$n runs of the template, stamp and ndis engines: the same frames," \
	"judged alike (ndis: every NBL completed with SUCCESS, checked)"
