#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The nblgen authors
"""Validate a pcap of nblgen frames with tshark, independently of nblgen.

Every frame must decode as Ethernet / IPv4 / UDP, with good IP and UDP
checksums (tshark verifies them), the expected addresses, ports and
lengths, and the promised payload:

    "NBLG", 64-bit big-endian sequence number, then byte k = k mod 256

Sequence numbers must be first..first+count-1 in order (or, with
--any-order, each exactly once).  Exit 0 if all hold, else 1 with the
first problem.
"""

import argparse
import subprocess
import sys

FIELDS = [
    "frame.number", "frame.len", "frame.cap_len", "frame.protocols",
    "eth.src", "eth.dst", "eth.type", "ip.version", "ip.hdr_len",
    "ip.dsfield", "ip.len", "ip.id", "ip.flags.rb", "ip.flags.mf",
    "ip.flags.df", "ip.frag_offset", "ip.ttl", "ip.proto", "ip.src",
    "ip.dst", "ip.checksum.status", "udp.srcport", "udp.dstport",
    "udp.length", "udp.checksum.status", "udp.payload",
]

GOOD = "1"  # tshark checksum status: 0 bad, 1 good, 2 unverified


def payload(seq, length):
    head = b"NBLG" + seq.to_bytes(8, "big")
    return head + bytes(k & 0xFF for k in range(len(head), length))


def tshark_rows(path, extra_filter=None):
    cmd = ["tshark", "-n", "-r", path,
           "-o", "ip.check_checksum:TRUE", "-o", "udp.check_checksum:TRUE",
           "-T", "fields", "-E", "separator=\t", "-E", "occurrence=f"]
    if extra_filter:
        cmd += ["-Y", extra_filter]
    for f in FIELDS:
        cmd += ["-e", f]
    res = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         text=True, check=False)
    if res.returncode != 0:
        sys.exit("check_pcap: tshark failed on %s: %s" % (path, res.stderr))
    rows = []
    for line in res.stdout.splitlines():
        vals = line.split("\t")
        vals += [""] * (len(FIELDS) - len(vals))
        rows.append(dict(zip(FIELDS, vals)))
    return rows


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("pcap")
    ap.add_argument("--count", type=int, required=True)
    ap.add_argument("--size", type=int, required=True)
    ap.add_argument("--src-ip", required=True)
    ap.add_argument("--dst-ip", required=True)
    ap.add_argument("--src-port", type=int, required=True)
    ap.add_argument("--dst-port", type=int, required=True)
    ap.add_argument("--dst-mac", required=True)
    ap.add_argument("--src-mac")
    ap.add_argument("--first-seq", type=int, default=0)
    ap.add_argument("--any-order", action="store_true")
    ap.add_argument("--filter", help="tshark display filter: check only "
                    "the frames it selects (a capture with other traffic)")
    a = ap.parse_args()

    rows = tshark_rows(a.pcap, a.filter)
    if len(rows) != a.count:
        sys.exit("check_pcap: %s holds %d frames, expected %d"
                 % (a.pcap, len(rows), a.count))
    ip_len = a.size - 14
    udp_len = ip_len - 20
    expect = {
        "frame.len": str(a.size), "frame.cap_len": str(a.size),
        "eth.dst": a.dst_mac.lower(), "eth.type": "0x0800",
        "ip.version": "4", "ip.hdr_len": "20", "ip.dsfield": "0x00",
        "ip.len": str(ip_len), "ip.id": "0x0000", "ip.frag_offset": "0", "ip.ttl": "64", "ip.proto": "17",
        "ip.src": a.src_ip, "ip.dst": a.dst_ip,
        "ip.checksum.status": GOOD, "udp.srcport": str(a.src_port),
        "udp.dstport": str(a.dst_port), "udp.length": str(udp_len),
        "udp.checksum.status": GOOD,
    }
    if a.src_mac:
        expect["eth.src"] = a.src_mac.lower()
    seen = set()
    for i, r in enumerate(rows):
        where = "%s frame %s" % (a.pcap, r["frame.number"])
        if not r["frame.protocols"].startswith("eth:ethertype:ip:udp"):
            sys.exit("check_pcap: %s decodes as %s, not Ethernet/IPv4/UDP"
                     % (where, r["frame.protocols"]))
        # checksums first: the most telling verdict on a damaged frame
        for k in ["ip.checksum.status", "udp.checksum.status"] + list(expect):
            v = expect[k]
            if r[k] != v:
                sys.exit("check_pcap: %s: %s is %r, expected %r"
                         % (where, k, r[k], v))
        flags = (r["ip.flags.rb"], r["ip.flags.df"], r["ip.flags.mf"])
        if tuple(f in ("1", "True", "true") for f in flags) != \
                (False, True, False):
            sys.exit("check_pcap: %s: IP flags (reserved, DF, MF) are %s, "
                     "expected DF only" % (where, flags))
        data = bytes.fromhex(r["udp.payload"].replace(":", ""))
        if len(data) != udp_len - 8 or data[:4] != b"NBLG":
            sys.exit("check_pcap: %s: payload of %d bytes does not start "
                     "with NBLG" % (where, len(data)))
        seq = int.from_bytes(data[4:12], "big")
        want_seq = a.first_seq + i
        if not a.any_order and seq != want_seq:
            sys.exit("check_pcap: %s: sequence %d, expected %d"
                     % (where, seq, want_seq))
        if seq in seen:
            sys.exit("check_pcap: %s: sequence %d seen twice" % (where, seq))
        if not a.first_seq <= seq < a.first_seq + a.count:
            sys.exit("check_pcap: %s: sequence %d out of range" % (where, seq))
        seen.add(seq)
        want = payload(seq, len(data))
        if data != want:
            off = next(j for j in range(len(data)) if data[j] != want[j])
            sys.exit("check_pcap: %s: payload byte %d is 0x%02x, expected "
                     "0x%02x" % (where, off, data[off], want[off]))
    print("check_pcap: %s: %d frames, Ethernet/IPv4/UDP, checksums good, "
          "addresses, lengths and every payload byte as promised"
          % (a.pcap, len(rows)))


if __name__ == "__main__":
    main()
