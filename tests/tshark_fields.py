# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The nblgen authors
"""tshark as the judges run it: fields of every frame, checksums checked.

Shared by tests/pkt_judge.py and tests/integration/judge.py.  The payload
is ours, not an application's: tshark would guess at it by port (a random
source port 69 makes it TFTP, and a TFTP dissector reading our bytes
reports errors) and by heuristics, so the judges decode the innermost UDP
or TCP ports as data ("Decode As", built with ranges()).  HiPerConTracer,
which claims some ICMP echo payloads, is off.
"""

import subprocess
import sys

DISABLED = ["hipercontracer"]


def ranges(ports):
    """"a-b" ranges of a set of ports."""
    out = []
    for p in sorted(ports):
        if out and out[-1][1] == p - 1:
            out[-1][1] = p
        else:
            out.append([p, p])
    return ["%d-%d" % (a, b) for a, b in out]


def tshark(who, path, fields, decode_as):
    """Rows (dicts of FIELDS, occurrences joined by ',') of every frame of
    PATH, checksum validation on; exits naming WHO and PATH when tshark
    fails."""
    cmd = ["tshark", "-n", "-r", path,
           "-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE",
           "-o", "tcp.check_checksum:TRUE",
           "-T", "fields", "-E", "separator=\t", "-E", "occurrence=a",
           "-E", "aggregator=,"]
    for p in DISABLED:
        cmd += ["--disable-protocol", p]
    for d in decode_as:
        cmd += ["-d", d]
    for f in fields:
        cmd += ["-e", f]
    res = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True, check=False)
    if res.returncode != 0:
        sys.exit("%s: tshark failed on %s: %s" % (who, path, res.stderr))
    rows = []
    for line in res.stdout.splitlines():
        vals = line.split("\t")
        vals += [""] * (len(fields) - len(vals))
        rows.append(dict(zip(fields, vals)))
    return rows
