#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The nblgen authors
"""The Linux kernel as receiver: count the UDP datagrams nblgen sent.

Binds a UDP socket (run it inside the test's network namespace), writes
the --ready file once listening, then receives until --count datagrams
arrived and --linger seconds passed without another one (to catch extra
datagrams), or --timeout seconds in all.  Every payload must be

    "NBLG", 64-bit big-endian sequence number, then byte k = k mod 256

with --size bytes and each sequence number 0..count-1 exactly once.
Exit 0 if exactly --count good datagrams arrived.
"""

import argparse
import socket
import sys
import time


def expected(seq, length):
    head = b"NBLG" + seq.to_bytes(8, "big")
    return head + bytes(k & 0xFF for k in range(len(head), length))


def main():
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--addr", required=True)
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--count", type=int, required=True)
    ap.add_argument("--size", type=int, required=True,
                    help="UDP payload bytes")
    ap.add_argument("--src", help="expected source address")
    ap.add_argument("--ready", required=True)
    ap.add_argument("--timeout", type=float, default=30.0)
    ap.add_argument("--linger", type=float, default=1.0)
    a = ap.parse_args()

    s = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:  # as root, beyond net.core.rmem_max: no drop in the socket
        s.setsockopt(socket.SOL_SOCKET, getattr(socket, "SO_RCVBUFFORCE", 33),
                     8 << 20)
    except OSError:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 8 << 20)
    s.bind((a.addr, a.port))
    with open(a.ready, "w") as f:
        f.write("listening\n")
    seen = set()
    bad = []
    end = time.monotonic() + a.timeout
    last = None
    while True:
        now = time.monotonic()
        if now >= end:
            break
        if len(seen) >= a.count and last is not None and \
                now - last >= a.linger:
            break
        s.settimeout(min(0.2, end - now))
        try:
            data, peer = s.recvfrom(65535)
        except socket.timeout:
            continue
        last = time.monotonic()
        if a.src and peer[0] != a.src:
            bad.append("datagram from %s:%d" % peer)
            continue
        if len(data) != a.size or data[:4] != b"NBLG":
            bad.append("datagram of %d bytes without NBLG" % len(data))
            continue
        seq = int.from_bytes(data[4:12], "big")
        if seq >= a.count or seq in seen:
            bad.append("sequence %d repeated or out of range" % seq)
            continue
        if data != expected(seq, len(data)):
            bad.append("sequence %d: payload differs" % seq)
            continue
        seen.add(seq)
    missing = a.count - len(seen)
    print("udp_receiver: %d of %d datagrams arrived intact on %s:%d, "
          "%d missing, %d bad" % (len(seen), a.count, a.addr, a.port,
                                  missing, len(bad)))
    for b in bad[:10]:
        print("udp_receiver: bad: " + b)
    if missing or bad:
        if missing:
            gone = sorted(set(range(a.count)) - seen)[:10]
            print("udp_receiver: first missing sequences: %s" % gone)
        sys.exit(1)


if __name__ == "__main__":
    main()
