#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The nblgen authors
"""The Linux kernel as receiver: count the UDP datagrams nblgen sent.

Binds a UDP socket (run it inside the test's network namespace), writes
the --ready file once listening, then receives until --count datagrams
arrived and --linger seconds passed without another one (to catch extra
datagrams), or --timeout seconds in all.  Every payload must be nblgen's
payload "inc" (byte k of the UDP payload is k mod 256) of --size bytes;
with --signature its last 16 bytes are nblgen's signature instead (magic
0x4E42, 16-bit id, 32-bit sequence number, 64-bit TX timestamp, big
endian), and per id the sequence numbers 0, 1, 2, ... must each arrive
once.  --src FIRST[-LAST]: every source address is within the range;
--flows N: the datagrams came from exactly N (address, port) pairs.
Exit 0 if exactly --count good datagrams arrived.
"""

import argparse
import collections
import ipaddress
import socket
import struct
import sys
import time

SIG_MAGIC = 0x4E42


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--addr", required=True)
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--count", type=int, required=True)
    ap.add_argument("--size", type=int, required=True,
                    help="UDP payload bytes")
    ap.add_argument("--signature", action="store_true")
    ap.add_argument("--src", help="source addresses FIRST[-LAST]")
    ap.add_argument("--flows", type=int)
    ap.add_argument("--ready", required=True)
    ap.add_argument("--timeout", type=float, default=30.0)
    ap.add_argument("--linger", type=float, default=1.0)
    a = ap.parse_args()

    lo = hi = None
    if a.src:
        first, _, last = a.src.partition("-")
        lo = ipaddress.ip_address(first)
        hi = ipaddress.ip_address(last or first)
    body = a.size - 16 if a.signature else a.size
    pattern = bytes(k & 0xFF for k in range(body))

    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:  # as root, beyond net.core.rmem_max: no drop in the socket
        s.setsockopt(socket.SOL_SOCKET, getattr(socket, "SO_RCVBUFFORCE", 33),
                     8 << 20)
    except OSError:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
    s.bind((a.addr, a.port))
    with open(a.ready, "w") as f:
        f.write("listening\n")
    seen = collections.defaultdict(set)  # id -> sequence numbers
    flows = set()
    good = 0
    bad = []
    end = time.monotonic() + a.timeout
    last = None
    while True:
        now = time.monotonic()
        if now >= end:
            break
        if good + len(bad) >= a.count and last is not None and \
                now - last >= a.linger:
            break
        s.settimeout(min(0.2, end - now))
        try:
            data, peer = s.recvfrom(65535)
        except socket.timeout:
            continue
        last = time.monotonic()
        if lo is not None and \
                not lo <= ipaddress.ip_address(peer[0]) <= hi:
            bad.append("datagram from %s:%d" % peer)
            continue
        if len(data) != a.size:
            bad.append("datagram of %d bytes, not %d" % (len(data), a.size))
            continue
        if data[:body] != pattern:
            at = next(i for i, (x, y) in enumerate(zip(data, pattern))
                      if x != y)
            bad.append("payload byte %d is 0x%02x, not 0x%02x"
                       % (at, data[at], pattern[at]))
            continue
        if a.signature:
            magic, sid, seq, _ = struct.unpack(">HHIQ", data[body:])
            if magic != SIG_MAGIC:
                bad.append("no signature (magic %04x)" % magic)
                continue
            if seq in seen[sid]:
                bad.append("id %d: sequence %d again" % (sid, seq))
                continue
            seen[sid].add(seq)
        flows.add(peer)
        good += 1
    for sid, seqs in sorted(seen.items()):
        if seqs != set(range(len(seqs))):
            gone = sorted(set(range(max(seqs) + 1)) - seqs)[:10]
            bad.append("id %d: sequence numbers missing: %s" % (sid, gone))
    if a.flows is not None and len(flows) != a.flows:
        bad.append("%d flows (address, port), %d expected"
                   % (len(flows), a.flows))
    print("udp_receiver: %d of %d datagrams arrived intact on %s:%d "
          "from %d flows, %d missing, %d bad"
          % (good, a.count, a.addr, a.port, len(flows),
             max(a.count - good, 0), len(bad)))
    for b in bad[:10]:
        print("udp_receiver: bad: " + b)
    if good != a.count or bad:
        sys.exit(1)


if __name__ == "__main__":
    main()
