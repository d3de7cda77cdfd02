#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The nblgen authors
# DPDK telemetry while nblgen runs: DPDK's own client, dpdk-telemetry.py
# -f PREFIX, asks /nblgen/stats (per port: counters and rates since the
# start) and /nblgen/streams (per stream) on the EAL's telemetry socket;
# tx_packets grows from one answer to the next, the stream is listed, a
# port index answers that port alone.  When the run ends the socket is
# gone and the report counts at least what telemetry last said.
. "$(dirname "$0")/lib.sh"
set -e
cd "$TMP"
command -v dpdk-telemetry.py >/dev/null || fail "dpdk-telemetry.py is missing (package dpdk)"

p=$(prefix run)
sock=/var/run/dpdk/$p/dpdk_telemetry.v2
# 5 s at 100k frames/s: time enough to ask twice
"$NBLGEN" -q --file-prefix "$p" -d 5 --rate 100k --dst-port 5001 \
	--json run.json >"$TMP/out.run" 2>"$TMP/err.run" &
pid=$!
on_exit "kill -KILL $pid"

# ask CMD...: dpdk-telemetry.py's answers, one JSON line per command
ask() {
	printf '%s\n' "$@" | dpdk-telemetry.py -f "$p" 2>&1
}

# tx NAME: a value of port 0 in the answer to /nblgen/stats
stats() {
	ask /nblgen/stats | python3 -c 'import json, sys
for line in sys.stdin:
    if line.startswith("{"):
        d = json.loads(line)["/nblgen/stats"]
        print(d.get("0", {}).get(sys.argv[1], -1))
        break
else:
    print(-1)' "$1"
}

# wait until the run sends (the counters are served from its start)
first=-1
for _ in $(seq 100); do
	kill -0 "$pid" 2>/dev/null || fail "nblgen ended early: $(cat "$TMP/err.run")"
	if [ -S "$sock" ]; then
		first=$(stats tx_packets)
		[ "$first" -gt 0 ] && break
	fi
	sleep 0.1
done
[ "$first" -gt 0 ] || fail "/nblgen/stats never showed a frame sent"
# a later answer counts more (asked until it does, while the run lasts)
second=$first
for _ in $(seq 100); do
	second=$(stats tx_packets)
	[ "$second" -gt "$first" ] && break
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.05
done
[ "$second" -gt "$first" ] ||
	fail "tx_packets did not grow between two answers ($first, $second)"
pass "/nblgen/stats during the run: tx_packets $first, then $second"

# the other answers, during the same run
ask /nblgen/streams /nblgen/stats,0 /nblgen/stats,7 >"$TMP/answers"
kill -0 "$pid" 2>/dev/null || fail "the run ended before the answers were read"
python3 - "$TMP/answers" <<'EOF' || fail "telemetry answers: $(cat "$TMP/answers")"
import json, sys
# one answer per command, in order, keyed by the command without its
# parameter
ans = [json.loads(l) for l in open(sys.argv[1]) if l.startswith("{")]
s = ans[0]["/nblgen/streams"]
ok = s["0"]["name"] == "stream.0" and s["0"]["engine"] == "template"
ok = ok and s["0"]["port"] == 0 and s["0"]["tx_packets"] > 0
ok = ok and s["elapsed_ms"] > 0 and "1" not in s
one = ans[1]["/nblgen/stats"]
ok = ok and one["name"] == "net_null0" and one["tx_packets"] > 0
ok = ok and one["shortfall"] == 0 and one["elapsed_ms"] > 0
ok = ok and ans[2]["/nblgen/stats"] is None
if not ok:
    print(ans)
    sys.exit(1)
EOF
pass "/nblgen/streams lists stream.0 (template engine, port 0);" \
	"/nblgen/stats,0 answers port 0; a port that is not there, null"

set +e
wait "$pid"
RC=$?
set -e
expect_clean run
# the port's counters only grow: the report holds at least the last answer
[ "$(sent run)" -ge "$second" ] ||
	fail "the report says $(sent run) frames, telemetry said $second"
[ "$(json run.json "d['ports'][0]['tx_packets']")" -eq "$(sent run)" ] ||
	fail "the JSON results and the report differ"
[ ! -e "$sock" ] || fail "the telemetry socket $sock is still there"
ask /nblgen/stats >"$TMP/after"
expect_in "$TMP/after" "Error connecting to $sock"
pass "after the run the socket is gone; the report counts $(sent run)" \
	"frames, no fewer than telemetry said"
