#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The nblgen authors
# Every example config in conf/ drives a real run, each in a folder of its
# own; what a config writes is judged against what the config says
# (judge.py: tshark and the pcap itself).  Options on the command line win
# over the file.
. "$(dirname "$0")/lib.sh"
set -e

# in_dir NAME: a fresh folder for one config's run, made the current one
in_dir() {
	mkdir "$TMP/$1"
	cd "$TMP/$1"
}

# shape TAG: the report with its numbers, MACs and file prefix blanked
shape() {
	sed -E 's/[0-9A-Fa-f]{2}(:[0-9A-Fa-f]{2}){5}/MAC/g; s/nblgen-[0-9]+/PREFIX/g; s/[0-9]+(\.[0-9]+)?/N/g' \
		"$TMP/out.$1"
}

# conf/default.ini is the embedded default written out: the same run and
# the same report as `nblgen` alone, nothing written
in_dir default
run_nblgen default -c "$CONF_DIR/default.ini"
expect_clean default
in_dir alone
run_nblgen alone
expect_clean alone
cd "$TMP"
[ "$(shape default)" = "$(shape alone)" ] ||
	fail "nblgen -c conf/default.ini reports otherwise than nblgen:
$(diff <(shape default) <(shape alone))"
[ -z "$(ls -A "$TMP/default")" ] ||
	fail "conf/default.ini wrote $(ls -A "$TMP/default")"
expect_in "$TMP/out.default" "nblgen: port 0 net_null0 (MAC "
[ "$(sent default)" -gt 0 ] || fail "conf/default.ini sent nothing"
pass "conf/default.ini: the report of nblgen alone, $(sent default) frames"

# conf/imix-flows.ini: IMIX over 1024 flows, signed, at 100 Mbit/s for 2 s
# with seed 42, into imix.pcap
in_dir imix
run_nblgen imix -q -c "$CONF_DIR/imix-flows.ini"
expect_clean imix
expect_in "$TMP/out.imix" ", seed 42"
expect_in "$TMP/out.imix" "stream.0 eth/ipv4/udp, stamp engine"
n=$(sent imix)
[ "$(requested imix)" -eq "$n" ] || fail "imix: requested $(requested imix), sent $n"
judge imix.pcap --count "$n" --sizes 64:7,594:4,1518:1 \
	--distinct ip.src,udp.dstport=1024 --signature --ids 1 \
	--protocols eth:ethertype:ip:udp --field ip.dst=198.19.0.1 \
	--size-range 64-1518 --payload inc
[ "$(ls -A)" = imix.pcap ] || fail "imix: the folder holds $(ls -A)"
pass "conf/imix-flows.ini: $n frames in IMIX proportions over 1024" \
	"flows, evenly, signed in sequence"

# conf/multi-stream.ini: three streams of 1000 frames each on one port,
# checked by --verify and split by stream for the judge
in_dir multi
run_nblgen multi -q -c "$CONF_DIR/multi-stream.ini"
expect_clean multi
for s in 0 1 2; do
	[ "$(sent multi "stream.$s")" -eq 1000 ] ||
		fail "multi-stream: stream.$s sent $(sent multi "stream.$s")"
done
expect_in "$TMP/out.multi" "stream.1 eth/vlan/ipv6/tcp, stamp engine"
expect_in "$TMP/out.multi" "stream.2 eth/ipv4/udp/vxlan/eth/ipv4/udp, stamp engine"
expect_in "$TMP/out.multi" "--verify: streams.pcap holds 3000 frames, each byte as its stream built it, as many as were sent"
[ "$(tshark -r streams.pcap 2>/dev/null | wc -l)" -eq 3000 ] ||
	fail "streams.pcap does not hold 3000 frames"
split() { # FILTER OUT: the frames of streams.pcap that match FILTER
	tshark -r streams.pcap -Y "$1" -F pcap -w "$2" 2>/dev/null ||
		fail "tshark cannot split streams.pcap by '$1'"
}
split '!vlan && !vxlan' s0.pcap
split 'vlan' s1.pcap
split 'vxlan' s2.pcap
judge s0.pcap --count 1000 --sizes 64:1 --protocols eth:ethertype:ip:udp \
	--field udp.dstport=9 --payload inc
judge s2.pcap --count 1000 --sizes 512:1 --signature --ids 1 \
	--protocols eth:ethertype:ip:udp:vxlan:eth:ethertype:ip:udp \
	--field vxlan.vni=5000 --distinct ip.src=1 --payload inc
# stream.1 is TCP with sizes 128-256 over 15 flows: 15 byte streams
judge s1.pcap --count 1000 --size-range 128-256 \
	--protocols eth:ethertype:vlan:ethertype:ipv6:tcp --field vlan.id=100 \
	--field ipv6.src=2001:db8::1 --field tcp.dstport=8080 \
	--distinct ipv6.dst=15 --payload inc
pass "conf/multi-stream.ini: 3 streams of 1000 frames, each judged"

# conf/pcap-lab.ini: 1000 frames of 1518 bytes at 10 kpps into lab.pcap,
# verbose (the binding's requirements and reasons)
in_dir lab
run_nblgen lab -q -c "$CONF_DIR/pcap-lab.ini"
expect_clean lab
expect_in "$TMP/out.lab" "DataBackFillSize"
expect_in "$TMP/out.lab" "--verify: lab.pcap holds 1000 frames"
lab=(--protocols eth:ethertype:ip:udp --field ip.src=198.18.0.1
	--field ip.dst=198.18.0.2 --field udp.srcport=5000
	--field udp.dstport=5001 --field eth.src=02:00:00:00:01:01
	--field eth.dst=02:00:00:00:01:02 --payload inc)
judge lab.pcap --count 1000 --sizes 1518:1 "${lab[@]}"
# the command line wins over the file
cd "$TMP"
run_nblgen laboverride -q -c "$CONF_DIR/pcap-lab.ini" --count 300 \
	--size 200 -w "$TMP/lab2.pcap" --file-prefix "$(prefix lab2)"
expect_clean laboverride
expect_in "$TMP/out.laboverride" "--verify: $TMP/lab2.pcap holds 300 frames"
judge "$TMP/lab2.pcap" --count 300 --sizes 200:1 "${lab[@]}"
[ ! -e "$TMP/lab.pcap" ] || fail "-w did not replace the file's write"
pass "conf/pcap-lab.ini: 1000 frames of 1518 bytes as the file says;" \
	"--count, --size and -w on the command line win"

# conf/schedule.ini: 100 kpps, a ramp, a pause, 200 kpps over 6 s; the CSV
# has one row per second whose counts add up to the report's
in_dir sched
run_nblgen sched -q -c "$CONF_DIR/schedule.ini"
expect_clean sched
grep -q "^nblgen: port 0 .*(requested a schedule)" "$TMP/out.sched" ||
	fail "schedule: the port line does not say a schedule was asked"
grep -q "^nblgen:   stream.0 .*(requested a schedule)" "$TMP/out.sched" ||
	fail "schedule: the stream line does not say a schedule was asked"
# 100k + (100k + 500k) / 2 x 2 + 500k + 0 + 200k frames
[ "$(requested sched)" -eq 1400000 ] ||
	fail "schedule: requested $(requested sched), not 1400000"
[ "$(ls -A)" = schedule.csv ] || fail "schedule: the folder holds $(ls -A)"
python3 - schedule.csv "$(sent sched)" <<'EOF' || fail "schedule.csv: see above"
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1])))
sent = int(sys.argv[2])
ok = len(rows) >= 6 and all(r["port"] == "0" for r in rows)
t = [float(r["time_s"]) for r in rows]
ok = ok and t == sorted(t) and all(b - a < 1.5 for a, b in zip(t, t[1:]))
# counters since the start: the rows add up to the report's count, and
# each row's rate times its interval is its frames (the times are
# written in ms: within a ms of frames at each end)
n = [int(r["tx_packets"]) for r in rows]
ok = ok and n == sorted(n) and n[-1] == sent
prev_t, prev_n = 0.0, 0
for r, ti, ni in zip(rows, t, n):
    if abs(float(r["pps"]) * (ti - prev_t) - (ni - prev_n)) > \
            float(r["pps"]) * 0.001 + 2:
        print("row %s: %s frames/s over %.3f s is not %d frames"
              % (r["time_s"], r["pps"], ti - prev_t, ni - prev_n))
        ok = False
    prev_t, prev_n = ti, ni
if not ok:
    print("schedule.csv: %d rows, times %s, counts %s, report %d"
          % (len(rows), t, n, sent))
    sys.exit(1)
EOF
pass "conf/schedule.ini: 1400000 frames on the schedule, the CSV rows" \
	"add up to the report's $(sent sched)"

# conf/null-flood.ini: until signalled on two lcores (multi_lcore.sh stops
# it by SIGINT and SIGTERM); here -d on the command line ends it
in_dir flood
run_nblgen flood -q -c "$CONF_DIR/null-flood.ini" -d 500ms --json flood.json
expect_clean flood
[ "$(json flood.json "len(d['ports'][0]['streams'][0]['senders'])")" -eq 2 ] ||
	fail "null-flood: not two senders"
[ "$(json flood.json "min(s['tx_packets'] for s in d['ports'][0]['streams'][0]['senders'])")" -gt 0 ] ||
	fail "null-flood: a sender sent nothing"
pass "conf/null-flood.ini with -d: two lcores sent"

# conf/veth.ini names a veth that kernel_rx.sh makes; --vdev on the command
# line replaces its port: net_null0, then net_pcap0 whose capture shows the
# checksums the binding computed in software (tx-cksum offload, the port
# has none)
in_dir veth
run_nblgen veth -q -c "$CONF_DIR/veth.ini" --vdev net_null0
expect_clean veth
expect_in "$TMP/out.veth" "nblgen: port 0 net_null0"
expect_in "$TMP/out.veth" "stream.0 eth/ipv4/udp, ndis engine: sent 500 frames"
expect_in "$TMP/out.veth" "NDIS: 500 NBLs sent, 500 completed, 500 with SUCCESS, 0 failed"
run_nblgen vethpcap -q -c "$CONF_DIR/veth.ini" --verify \
	--vdev "net_pcap0,tx_pcap=$TMP/veth/veth.pcap"
expect_clean vethpcap
expect_in "$TMP/out.vethpcap" "NDIS: 500 NBLs sent, 500 completed, 500 with SUCCESS, 0 failed, every frame checked"
judge veth.pcap --count 500 --sizes 256:1 --protocols eth:ethertype:ip:udp \
	--field ip.src=198.18.0.1 --field ip.dst=198.18.0.2 \
	--field udp.srcport=40000 --field udp.dstport=5001 --payload inc
pass "conf/veth.ini on net_null0 and net_pcap0 (--vdev wins): 500 NBLs" \
	"completed, checksums by the binding good"
