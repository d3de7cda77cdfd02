#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The nblgen authors
# Flows and size mixes, counted in the captures by judge.py: ranged fields
# form an odometer (the first changing fastest), every flow gets its share
# of the frames, ',dec' steps down, ',step=N' skips, ',random' draws from
# the range; IMIX and weighted sizes come in their exact proportions, a
# size range in turn; the same --seed gives the same frames byte for byte
# (random fields, sizes and payload), another seed other frames.
. "$(dirname "$0")/lib.sh"
set -e
cd "$TMP"

# capture TAG COUNT ARGS...: send COUNT frames into TAG.pcap, cleanly
capture() {
	local tag=$1 count=$2
	shift 2
	run_nblgen "$tag" -q -w "$TMP/$tag.pcap" --count "$count" --verify \
		--file-prefix "$(prefix "$tag")" "$@"
	expect_clean "$tag"
	[ "$(sent "$tag")" -eq "$count" ] || fail "$tag: sent $(sent "$tag")"
	expect_in "$TMP/out.$tag" "--verify: $TMP/$tag.pcap holds $count frames"
}

# seq_list FIRST LAST [STEP]: FIRST,FIRST+STEP,...,LAST
seq_list() {
	seq -s, "$1" "${3:-1}" "$2"
}

# rep N LIST: each value of LIST N times (an odometer's slower wheel)
rep() {
	local n=$1 v out=() i
	for v in ${2//,/ }; do
		for ((i = 0; i < n; i++)); do
			out+=("$v")
		done
	done
	local IFS=,
	echo "${out[*]}"
}

# 12 flows (4 source addresses x 3 destination ports): each 100 of 1200
# frames, the source address changing fastest
capture odo 1200 --src-ip 198.18.0.1-198.18.0.4 --dst-port 1000-1002
judge odo.pcap --count 1200 --distinct ip.src,udp.dstport=12 \
	--distinct ip.src=4 --distinct udp.dstport=3 \
	--order ip.src=198.18.0.1,198.18.0.2,198.18.0.3,198.18.0.4 \
	--order "udp.dstport=$(rep 4 1000,1001,1002)"
pass "4 x 3 flows: 100 frames each, an odometer with the first range fastest"

# 1024 flows (32 source addresses x 32 destination ports), 4 frames each;
# the same with the ndis engine
capture f1024 4096 --src-ip 198.18.0.1-198.18.0.32 --dst-port 49152-49183
judge f1024.pcap --count 4096 --distinct ip.src,udp.dstport=1024
capture f1024n 4096 --src-ip 198.18.0.1-198.18.0.32 \
	--dst-port 49152-49183 --engine ndis
judge f1024n.pcap --count 4096 --distinct ip.src,udp.dstport=1024 \
	--same-frames f1024.pcap
pass "1024 flows: 4 frames each, the stamp and ndis engines alike"

# ,dec steps down from LAST; ,step=N skips; MAC and IPv6 ranges.  The
# odometer turns in the order of the keys (src-mac, ..., dst-ip, ...,
# src-port), whatever the order of the options
capture dec 144 --src-port 1000-1003,dec --dst-ip 198.18.0.1-198.18.0.3,dec \
	--src-mac 02:00:00:00:00:01-02:00:00:00:00:05,step=2
judge dec.pcap --count 144 \
	--order eth.src=02:00:00:00:00:01,02:00:00:00:00:03,02:00:00:00:00:05 \
	--order "ip.dst=$(rep 3 198.18.0.3,198.18.0.2,198.18.0.1)" \
	--order "udp.srcport=$(rep 9 1003,1002,1001,1000)" \
	--distinct udp.srcport,ip.dst,eth.src=36
capture v6 160 --headers eth/ipv6/udp --size 128 \
	--dst-ip 2001:db8::1-2001:db8::8 --src-port 5000-5018,step=6
judge v6.pcap --count 160 --distinct ipv6.dst=8 \
	--order "udp.srcport=$(rep 8 5000,5006,5012,5018)" --distinct udp.srcport=4
pass ",dec (ports, addresses), ,step=N (MACs, ports) and IPv6 ranges:" \
	"in order, evenly"

# ,random: every value drawn from the range, each of them at some time
capture rnd 2000 --dst-port 2000-2009,random --seed 7 \
	--src-ip 198.18.0.10-198.18.0.13,random
judge rnd.pcap --count 2000 --values "udp.dstport=$(seq_list 2000 2009)" \
	--values ip.src=198.18.0.10,198.18.0.11,198.18.0.12,198.18.0.13
pass ",random: every value within its range, every value drawn"

# sizes: IMIX 64:7,594:4,1518:1 in exact proportions (in every cycle of
# 12 frames); weights of our own; every size of a range in turn; random
# sizes within their range
capture imix 1200 --size imix
judge imix.pcap --count 1200 --sizes 64:7,594:4,1518:1
expect_in "$TMP/out.imix" "sent 1200 frames, $((100 * (7 * 60 + 4 * 590 + 1514))) bytes"
capture weights 600 --size 64:1,128:2,256:3 --signature
judge weights.pcap --count 600 --sizes 64:1,128:2,256:3 --signature
capture range 128 --size 64-127
judge range.pcap --count 128 \
	--sizes "$(seq -s, 64 127 | sed 's/\([0-9]*\)/\1:1/g')" \
	--order "frame.len=$(seq_list 60 123)"
capture rsize 500 --size 64-1518,random --seed 3
judge rsize.pcap --count 500 --size-range 64-1518
pass "IMIX 7:4:1, weights 1:2:3, a range in turn and random sizes: as asked"

# the same seed, the same frames: random fields, sizes and payload, byte
# for byte (no signature: its TX timestamps are the run's own)
# shellcheck disable=SC2054 # the commas belong to the values
rand=(--src-port 1000-60000,random --dst-ip 198.18.0.1-198.18.0.200,random
	--size 64-1518,random --payload random)
capture seed1 1000 "${rand[@]}" --seed 12345
capture seed2 1000 "${rand[@]}" --seed 12345
capture seed3 1000 "${rand[@]}" --seed 54321
expect_in "$TMP/out.seed1" ", seed 12345"
judge seed2.pcap --count 1000 --same-frames seed1.pcap --payload random
if python3 "$IT_DIR/judge.py" seed3.pcap --same-frames seed1.pcap \
	>"$TMP/judge.seed3" 2>&1; then
	fail "seeds 12345 and 54321 gave the same frames"
fi
expect_in "$TMP/judge.seed3" "differs from seed1.pcap's"
pass "--seed 12345 twice: the same 1000 frames byte for byte; --seed" \
	"54321: others"
