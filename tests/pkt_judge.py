#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The nblgen authors
"""Judge a pcap of libnblpkt frames with tshark, independently of libnblpkt.

The expectations file has one line per frame, tab-separated:

    LENGTH  PROTOCOLS  IP  UDP  TCP  ICMP  ICMPV6  PAYLOAD_PORTS  TUNNEL_PORTS

PROTOCOLS is tshark's frame.protocols up to the innermost header
(eth:ethertype:ip:udp); the frame's may add ":data" (the payload; tshark
leaves it out of TCP segments it takes for retransmissions).  The tunnel
ports must stay VXLAN's 4789 and GENEVE's 6081, with a tunnel's source
port above 4789 (tshark tries the lower port first).  The other
columns are the checksum statuses tshark must report for every header of
that protocol, outermost first, joined by ',' ("1,1": two good IPv4 header
checksums; "3": a UDP checksum not present, as in the outer UDP of VXLAN
over IPv4; "-": no such header).  Checksum validation is switched on for
every protocol, and no frame may carry expert information above "note"
(tshark: 0x00200000 chat and 0x00400000 note are allowed, 0x00600000
warning and 0x00800000 error are not).  In every TCP stream tshark finds,
each segment's raw sequence number is the previous segment's plus its
sequence space (tcp.len, plus 1 each for SYN and FIN): a byte stream.

Exit 0 when every frame holds, else 1 with the problems (at most 20).
"""

import subprocess
import sys

STATUS = ["ip.checksum.status", "udp.checksum.status",
          "tcp.checksum.status", "icmp.checksum.status",
          "icmpv6.checksum.status"]
TCP = ["tcp.stream", "tcp.seq_raw", "tcp.len", "tcp.flags.syn",
       "tcp.flags.fin"]
FIELDS = ["frame.number", "frame.len", "frame.protocols",
          "_ws.expert.severity", "_ws.expert.message"] + STATUS + TCP
NOTE = 0x00400000

# The payload is ours, not an application's: tshark would guess at it by
# port (a random source port 69 makes it TFTP, and a TFTP dissector reading
# our bytes reports errors) and by heuristics.  The ports of the innermost
# UDP or TCP header (PAYLOAD_PORTS: "udp:49152,9") are decoded as data,
# except ports of a tunnel's outer UDP header (TUNNEL_PORTS: "49152,4789"):
# tshark prefers a Decode As port to the lower one, and must still take
# the outer UDP for VXLAN or GENEVE.
# HiPerConTracer, which claims some ICMP echo payloads, is off.
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


def tshark(path, decode_as):
    cmd = ["tshark", "-n", "-r", path,
           "-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE",
           "-o", "tcp.check_checksum:TRUE",
           "-T", "fields", "-E", "separator=\t", "-E", "occurrence=a",
           "-E", "aggregator=,"]
    for d in decode_as:
        cmd += ["-d", d]
    for p in DISABLED:
        cmd += ["--disable-protocol", p]
    for f in FIELDS:
        cmd += ["-e", f]
    res = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True, check=False)
    if res.returncode != 0:
        sys.exit("pkt_judge: tshark failed on %s: %s" % (path, res.stderr))
    rows = []
    for line in res.stdout.splitlines():
        vals = line.split("\t")
        vals += [""] * (len(FIELDS) - len(vals))
        rows.append(dict(zip(FIELDS, vals)))
    return rows


def flag(v):
    """A tshark boolean field (1/0, True/False) as 0 or 1."""
    return 1 if v in ("1", "True") else 0


def byte_streams(rows):
    """Problems of the TCP streams: sequence numbers that are not the
    previous segment's plus its sequence space."""
    nxt, bad = {}, []
    for r in rows:
        if not r["tcp.stream"]:
            continue
        stream, seq = r["tcp.stream"], int(r["tcp.seq_raw"])
        if stream in nxt and seq != nxt[stream]:
            bad.append("frame %s: TCP stream %s: seq %d, %d expected"
                       % (r["frame.number"], stream, seq, nxt[stream]))
        nxt[stream] = (seq + int(r["tcp.len"]) + flag(r["tcp.flags.syn"])
                       + flag(r["tcp.flags.fin"])) & 0xFFFFFFFF
    return bad


def main():
    if len(sys.argv) != 3:
        sys.exit("usage: pkt_judge.py PCAP EXPECT")
    pcap, expect = sys.argv[1], sys.argv[2]
    with open(expect) as f:
        want = [line.rstrip("\n").split("\t") for line in f if line.strip()]
    pay = {"udp": set(), "tcp": set()}
    tun = set()
    for w in want:
        if w[7] != "-":
            proto, ports = w[7].split(":")
            pay[proto].update(int(p) for p in ports.split(","))
        if w[8] != "-":
            tun.update(int(p) for p in w[8].split(","))
    pay["udp"] -= tun
    decode_as = ["%s.port==%s,data" % (proto, r)
                 for proto in ("udp", "tcp") for r in ranges(pay[proto])]
    rows = tshark(pcap, decode_as)
    bad = []
    if len(rows) != len(want):
        bad.append("%d frames, %d expected" % (len(rows), len(want)))
    for r, w in zip(rows, want):
        where = "frame %s" % r["frame.number"]
        if r["frame.len"] != w[0]:
            bad.append("%s: %s bytes, %s expected"
                       % (where, r["frame.len"], w[0]))
        protos = r["frame.protocols"]
        if protos not in (w[1], w[1] + ":data"):
            bad.append("%s: dissected as %s, %s expected"
                       % (where, protos, w[1]))
        for k, v in zip(STATUS, w[2:7]):
            v = "" if v == "-" else v
            if r[k] != v:
                bad.append("%s: %s is '%s', '%s' expected"
                           % (where, k, r[k], v))
        sev = [s for s in r["_ws.expert.severity"].split(",") if s]
        msg = r["_ws.expert.message"].split(",")
        for i, s in enumerate(sev):
            if int(s, 0) > NOTE:
                bad.append("%s: expert info 0x%08x: %s"
                           % (where, int(s, 0),
                              msg[i] if i < len(msg) else "?"))
    bad += byte_streams(rows)
    if bad:
        print("pkt_judge: %s: %d problems" % (pcap, len(bad)))
        for b in bad[:20]:
            print("  " + b)
        sys.exit(1)
    streams = len({r["tcp.stream"] for r in rows if r["tcp.stream"]})
    print("pkt_judge: %s: %d frames as expected, checksums good, nothing "
          "above a note%s" % (pcap, len(rows), ", %d TCP byte streams"
                              % streams if streams else ""))


if __name__ == "__main__":
    main()
