#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The nblgen authors
# Several TX lcores: with --tx-lcores 2 every stream is shared by two
# lcores, one TX queue each (net_null, and net_ring0 with two queues); both
# send, and a --count is split exactly between them (the results list one
# sender per lcore).  With EAL options every worker lcore sends.  Then
# conf/null-flood.ini (two lcores, until signalled) is stopped by SIGINT
# and by SIGTERM: exit 0, the report, every pool full again, the runtime
# directory of its own file prefix gone.
. "$(dirname "$0")/lib.sh"
set -e
cd "$TMP"

# senders TAG: "lcore:frames ..." of stream.0's senders in TAG.json
senders() {
	json "$TMP/$1.json" "' '.join('%d:%d' % (s['lcore'], s['tx_packets']) for s in d['ports'][0]['streams'][0]['senders'])"
}

# two lcores, a count split between them: 501 + 500
for port in net_null0 net_ring0; do
	tag=${port%0}
	run_nblgen "$tag" -q --vdev "$port" --tx-lcores 2 --count 1001 \
		--json "$TMP/$tag.json" --file-prefix "$(prefix "$tag")"
	expect_clean "$tag"
	[ "$(sent "$tag")" -eq 1001 ] || fail "$port: sent $(sent "$tag")"
	[ "$(senders "$tag")" = "1:501 2:500" ] ||
		fail "$port: senders (lcore:frames) $(senders "$tag"), not 1:501 2:500"
	[ "$(json "$TMP/$tag.json" "d['manifest']['ports'][0]['tx_queues']")" -eq 2 ] ||
		fail "$port: not two TX queues"
	[ "$(json "$TMP/$tag.json" "[(l['lcore'], len(l['shares'])) for l in d['manifest']['lcores'] if l['role'] == 'tx']")" = "[(1, 1), (2, 1)]" ] ||
		fail "$port: the lcore map is not lcores 1 and 2 with a share each"
done
pass "--tx-lcores 2 on net_null0 and net_ring0 (two queues): lcores 1 and" \
	"2 sent 501 and 500 of 1001 frames"

# paced: the rate is split too; both shares asked for and sent their half
run_nblgen paced -q --tx-lcores 2 --count 400 --rate 4000 \
	--json "$TMP/paced.json" --file-prefix "$(prefix paced)"
expect_clean paced
[ "$(senders paced)" = "1:200 2:200" ] ||
	fail "paced: senders $(senders paced), not 1:200 2:200"
expect_in "$TMP/out.paced" "(requested 0.004 Mpps); requested 400 frames, shortfall 0"
pass "--rate 4000 --count 400 on two lcores: 200 frames each, nothing owed"

# EAL options: every worker lcore is a TX lcore (three lcores on the
# machine's two CPUs: main and the first worker share CPU 0)
p=$(prefix eal)
run_nblgen eal --lcores 0@0,1@0,2@1 --no-huge -m 512 --no-pci \
	--vdev net_null0 --file-prefix "$p" --log-level '*:warning' -- \
	-q --count 1000 --json "$TMP/eal.json"
expect_clean eal
head -n 1 "$TMP/out.eal" | grep -q "^nblgen: EAL options: --lcores 0@0,1@0,2@1 --no-huge" ||
	fail "first line: $(head -n 1 "$TMP/out.eal")"
[ "$(senders eal)" = "1:500 2:500" ] ||
	fail "EAL options: senders $(senders eal), not 1:500 2:500"
pass "EAL options with two worker lcores: both send, 500 frames each"

# stop TAG SIGNAL: conf/null-flood.ini on the file prefix it makes up
# (nblgen-PID), stopped by SIGNAL once it sends (telemetry counts frames;
# the two lcores start together); the JSON results tell who sent what
stop() {
	local tag=$1 sig=$2 pid
	"$NBLGEN" -q -c "$CONF_DIR/null-flood.ini" --json "$TMP/$tag.json" \
		>"$TMP/out.$tag" 2>"$TMP/err.$tag" &
	pid=$!
	on_exit "kill -KILL $pid; rm -rf /var/run/dpdk/nblgen-$pid"
	signal_when_sending "$tag" "$sig" "$pid" "nblgen-$pid"
	expect_in "$TMP/out.$tag" "the frames in flight were drained"
	[ "$(sent "$tag")" -gt 0 ] || fail "$tag: nothing sent"
	[ "$(json "$TMP/$tag.json" "d['manifest']['interrupted']")" = True ] ||
		fail "$tag: the results do not say interrupted"
	[ "$(json "$TMP/$tag.json" "len([s for s in d['ports'][0]['streams'][0]['senders'] if s['tx_packets'] > 0])")" -eq 2 ] ||
		fail "$tag: not both lcores sent: $(senders "$tag")"
	[ ! -e "/var/run/dpdk/nblgen-$pid" ] ||
		fail "$tag: the runtime directory nblgen-$pid was left behind"
}
stop int INT
pass "conf/null-flood.ini stopped by SIGINT after $(sent int) frames on" \
	"two lcores: exit 0, report, every pool full, runtime directory gone"
stop term TERM
pass "conf/null-flood.ini stopped by SIGTERM after $(sent term) frames:" \
	"the same"
