#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The nblgen authors
"""Judge the TCP segments of one large send with tshark.

The capture must hold exactly ceil(LEN / MSS) TCP segments to --port, each
with a good IPv4 and TCP checksum (tshark verifies them), sequence numbers
--seq, --seq + MSS, ..., payloads of MSS bytes (the last one the rest) and
payload byte k of the whole send equal to (7 * k + port) mod 256.  PSH only
on the last segment.  Exit 0 if so.
"""

import argparse
import subprocess
import sys

FIELDS = ["ip.checksum.status", "tcp.checksum.status", "tcp.seq_raw",
          "tcp.len", "tcp.flags.push", "tcp.payload"]
GOOD = "1"  # tshark checksum status: 0 bad, 1 good, 2 unverified


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("pcap")
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--seq", type=int, required=True)
    ap.add_argument("--len", type=int, required=True, help="payload bytes")
    ap.add_argument("--mss", type=int, required=True)
    a = ap.parse_args()

    cmd = ["tshark", "-r", a.pcap, "-n", "-o", "ip.check_checksum:TRUE",
           "-o", "tcp.check_checksum:TRUE", "-o", "tcp.analyze_sequence_numbers:FALSE",
           "-Y", "tcp.dstport == %d" % a.port, "-T", "fields",
           "-E", "separator=|"]
    for f in FIELDS:
        cmd += ["-e", f]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True)
    rows = [dict(zip(FIELDS, line.split("|")))
            for line in out.stdout.splitlines() if line]
    nseg = (a.len + a.mss - 1) // a.mss
    errors = []
    if len(rows) != nseg:
        errors.append("%d segments to port %d, expected %d"
                      % (len(rows), a.port, nseg))
    for i, r in enumerate(rows[:nseg]):
        off = i * a.mss
        want_len = min(a.mss, a.len - off)
        if r["ip.checksum.status"] != GOOD:
            errors.append("segment %d: IPv4 checksum not good" % i)
        if r["tcp.checksum.status"] != GOOD:
            errors.append("segment %d: TCP checksum not good" % i)
        if int(r["tcp.seq_raw"]) != a.seq + off:
            errors.append("segment %d: seq %s, expected %d"
                          % (i, r["tcp.seq_raw"], a.seq + off))
        if int(r["tcp.len"]) != want_len:
            errors.append("segment %d: %s payload bytes, expected %d"
                          % (i, r["tcp.len"], want_len))
        push = r["tcp.flags.push"] in ("1", "True")
        if push != (i == nseg - 1):
            errors.append("segment %d: PSH %s" % (i, push))
        payload = bytes.fromhex(r["tcp.payload"].replace(":", ""))
        want = bytes((7 * (off + k) + a.port) & 0xFF
                     for k in range(want_len))
        if payload != want:
            errors.append("segment %d: payload differs" % i)
    if errors:
        for e in errors[:10]:
            print("check_tso: %s: %s" % (a.pcap, e), file=sys.stderr)
        return 1
    print("check_tso: port %d: %d segments of MSS %d, checksums good, "
          "sequence numbers and every payload byte as sent"
          % (a.port, nseg, a.mss))
    return 0


if __name__ == "__main__":
    sys.exit(main())
