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

import sys

from tshark_fields import ranges, tshark

STATUS = ["ip.checksum.status", "udp.checksum.status",
          "tcp.checksum.status", "icmp.checksum.status",
          "icmpv6.checksum.status"]
TCP = ["tcp.stream", "tcp.seq_raw", "tcp.len", "tcp.flags.syn",
       "tcp.flags.fin"]
FIELDS = ["frame.number", "frame.len", "frame.protocols",
          "_ws.expert.severity", "_ws.expert.message"] + STATUS + TCP
NOTE = 0x00400000

# The payload is ours, not an application's (tests/tshark_fields.py): the
# ports of the innermost UDP or TCP header (PAYLOAD_PORTS: "udp:49152,9")
# are decoded as data, except ports of a tunnel's outer UDP header
# (TUNNEL_PORTS: "49152,4789"): tshark prefers a Decode As port to the
# lower one, and must still take the outer UDP for VXLAN or GENEVE.


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
    rows = tshark("pkt_judge", pcap, FIELDS, decode_as)
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
