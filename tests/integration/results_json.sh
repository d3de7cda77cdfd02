#!/bin/bash
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The nblgen authors
# Machine-readable results: --json validates against
# lib/stats/nblgen-results.schema.json, its counts are the frames the
# capture holds (per stream, per sender), requested and shortfall add up,
# the manifest says what ran (seed, effective settings, EAL arguments,
# ports, lcores); --csv has a header and one row per second.  An output
# that is a symbolic link, a directory or the config file itself is
# refused: exit 2, nothing written, the link's target unchanged.
. "$(dirname "$0")/lib.sh"
set -e
cd "$TMP"
SCHEMA=$IT_DIR/../../lib/stats/nblgen-results.schema.json

# validate FILE: the results document is valid by the schema
validate() {
	python3 - "$1" "$SCHEMA" <<'EOF' || fail "$1 does not validate"
import json, sys
import jsonschema
doc = json.load(open(sys.argv[1]))
schema = json.load(open(sys.argv[2]))
jsonschema.validators.validator_for(schema).check_schema(schema)
jsonschema.validators.validator_for(schema)(schema).validate(doc)
EOF
}

# two streams on one port, from a config file, into a capture
cat >two.ini <<'EOF'
[run]
seed = 4242

[stream.0]
headers = eth/ipv4/udp
count = 700
size = 64-200
signature = yes

[stream.1]
headers = eth/ipv6/udp
count = 300
size = 128
rate = 20kpps
signature = yes
EOF
p=$(prefix two)
run_nblgen two -q -c two.ini -w two.pcap --json two.json --file-prefix "$p"
expect_clean two
validate two.json
# ... and the schema is no formality: a document without its seed, or
# with a negative count, does not validate
python3 - two.json <<'EOF'
import json, sys
d = json.load(open(sys.argv[1]))
del d["manifest"]["seed"]
json.dump(d, open("noseed.json", "w"))
d = json.load(open(sys.argv[1]))
d["ports"][0]["streams"][1]["tx_packets"] = -1
json.dump(d, open("negative.json", "w"))
EOF
for bad in noseed.json negative.json; do
	if (validate "$bad") >/dev/null 2>&1; then
		fail "$bad validates"
	fi
	rm "$bad"
done
# the capture, split by stream, holds what the results say each sent
tshark -r two.pcap -Y ip -F pcap -w s0.pcap 2>/dev/null
tshark -r two.pcap -Y ipv6 -F pcap -w s1.pcap 2>/dev/null
for s in 0 1; do
	n=$(json two.json "d['ports'][0]['streams'][$s]['tx_packets']")
	[ "$n" -eq "$(sent two "stream.$s")" ] ||
		fail "stream.$s: JSON $n, report $(sent two "stream.$s")"
	judge "s$s.pcap" --count "$n" --signature --ids 1
done
[ "$(json two.json "d['ports'][0]['tx_packets']")" -eq 1000 ] ||
	fail "port 0: tx_packets is not 1000"
judge two.pcap --count 1000 --signature --ids 2
pass "--json validates; tx_packets of each stream (700, 300) and of the" \
	"port (1000) are the frames of the capture"

# requested, tx_packets, failed and shortfall add up: per sender, stream
# and port; streams add up to their port and senders to their stream
python3 - two.json <<'EOF' || fail "the counters of two.json do not add up"
import json, sys
d = json.load(open(sys.argv[1]))
bad = []
def check(where, c):
    want = max(c["requested"] - c["tx_packets"] - c["failed"], 0)
    if c["shortfall"] != want:
        bad.append("%s: shortfall %d, requested %d - sent %d - failed %d"
                   % (where, c["shortfall"], c["requested"],
                      c["tx_packets"], c["failed"]))
for p in d["ports"]:
    check("port %d" % p["port"], p)
    for k in ("requested", "tx_packets", "tx_bytes", "failed", "shortfall"):
        if p[k] != sum(s[k] for s in p["streams"]):
            bad.append("port %d: %s is not its streams' sum" % (p["port"], k))
    for s in p["streams"]:
        check(s["name"], s)
        for k in ("requested", "tx_packets", "tx_bytes", "failed"):
            if s[k] != sum(x[k] for x in s["senders"]):
                bad.append("%s: %s is not its senders' sum" % (s["name"], k))
        for x in s["senders"]:
            check("%s lcore %d" % (s["name"], x["lcore"]), x)
        if s["requested"] != s["tx_packets"]:
            bad.append("%s: requested %d, sent %d" % (s["name"],
                       s["requested"], s["tx_packets"]))
print("\n".join(bad))
sys.exit(1 if bad else 0)
EOF
pass "requested = tx_packets + failed + shortfall, summed alike over" \
	"senders, streams and the port"

# the manifest: the seed of the file (also in the report), the effective
# settings of each stream, the EAL arguments of the first line, the port
# and the lcores
[ "$(json two.json "d['manifest']['seed']")" -eq 4242 ] ||
	fail "manifest: seed is not 4242"
expect_in "$TMP/out.two" ", seed 4242"
m="d['manifest']"
[ "$(json two.json "${m}['config']['run']['seed']")" = 4242 ] ||
	fail "manifest: config.run.seed is not 4242"
[ "$(json two.json "${m}['config']['stream.0']['count']")" = 700 ] ||
	fail "manifest: stream.0 count"
[ "$(json two.json "${m}['config']['stream.1']['headers']")" = eth/ipv6/udp ] ||
	fail "manifest: stream.1 headers"
[ "$(json two.json "${m}['config']['stream.1']['rate']")" = 20kpps ] ||
	fail "manifest: stream.1 rate is $(json two.json "${m}['config']['stream.1']['rate']")"
[ "$(json two.json "${m}['config']['stream.0']['size']")" = 64-200 ] ||
	fail "manifest: stream.0 size"
[ "$(json two.json "${m}['config']['run']['write']")" = two.pcap ] ||
	fail "manifest: run.write"
[ "$(json two.json "${m}['config_file']")" = two.ini ] ||
	fail "manifest: config_file"
eal=$(sed -n 's/^nblgen: no EAL options: embedded default (EAL \(.*\))$/\1/p' \
	"$TMP/out.two")
[ "$(json two.json "' '.join(${m}['eal_args'])")" = "$eal" ] ||
	fail "manifest: eal_args are not the first line's: $eal"
[ "$(json two.json "${m}['ports'][0]['driver']")" = net_pcap ] ||
	fail "manifest: port driver"
[ "$(json two.json "[l['role'] for l in ${m}['lcores']]")" = "['main', 'tx']" ] ||
	fail "manifest: lcores"
[ "$(json two.json "${m}['interrupted']")" = False ] || fail "manifest: interrupted"
pass "the manifest: seed 4242, each stream's effective settings, EAL" \
	"arguments, port, lcores"

# --csv: a header and a row per second, every row as long as the header
p=$(prefix csv)
run_nblgen csv -q -d 2100ms --rate 100k --csv run.csv --json csv.json \
	--file-prefix "$p"
expect_clean csv
validate csv.json
python3 - run.csv "$(sent csv)" <<'EOF' || fail "run.csv: see above"
import csv, sys
rows = list(csv.reader(open(sys.argv[1])))
head, body = rows[0], rows[1:]
ok = head[:5] == ["time_s", "port", "name", "tx_packets", "tx_bytes"]
ok = ok and "shortfall" in head and len(body) >= 2
ok = ok and all(len(r) == len(head) for r in body)
ok = ok and int(body[-1][3]) == int(sys.argv[2])
if not ok:
    print("run.csv: header %s, %d rows, last %s, report %s"
          % (head, len(body), body[-1:], sys.argv[2]))
    sys.exit(1)
EOF
# 2.1 s at 100k frames/s: 210000 frames asked, all sent
[ "$(json csv.json "d['ports'][0]['streams'][0]['requested']")" -eq 210000 ] ||
	fail "csv run: requested is not 210000"
[ "$(json csv.json "d['ports'][0]['requested_pps']")" = 100000.0 ] ||
	fail "csv run: requested_pps is $(json csv.json "d['ports'][0]['requested_pps']")"
pass "--csv: a header, a row per second, the last row's count the report's"

# outputs refused: a symbolic link (to a file, dangling), a directory, the
# config file itself; exit 2, nothing written, nothing changed
mkdir outs
cp two.ini outs/
cd outs
mkdir dir
echo "keep me" >target.txt
ln -s target.txt link.json
ln -s nowhere.json dangling.json
sum_before=$(sha256sum two.ini target.txt)
n=0
for opt in --json --csv -w; do
	for out in link.json dangling.json dir two.ini; do
		tag=out$n
		before=$(ls -A | sort)
		run_nblgen "$tag" -q -c two.ini "$opt" "$out" \
			--file-prefix "$(prefix "$tag")"
		[ "$RC" -eq 2 ] || fail "$opt $out: exit $RC, not 2"
		case $out in
		*link*|dangling*) expect_in "$TMP/err.$tag" "is a symbolic link; nblgen never writes through one" ;;
		dir) expect_in "$TMP/err.$tag" "'dir' is a directory" ;;
		*) expect_in "$TMP/err.$tag" "'two.ini' is the file given to --config; nblgen never writes over its input" ;;
		esac
		[ "$(ls -A | sort)" = "$before" ] ||
			fail "$opt $out: the folder changed: $(diff <(echo "$before") <(ls -A | sort))"
		n=$((n + 1))
	done
done
[ "$(sha256sum two.ini target.txt)" = "$sum_before" ] ||
	fail "a refused output changed the config or the link's target"
[ ! -e nowhere.json ] || fail "the dangling link's target was created"
[ -z "$(ls -A dir)" ] || fail "something was written into dir"
pass "$n outputs refused (--json, --csv, -w onto a symbolic link, a" \
	"dangling one, a directory, the config): exit 2, nothing written"
