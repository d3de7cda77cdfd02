#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The nblgen authors
"""Judge a capture of nblgen's frames independently of nblgen.

tshark dissects every frame with checksum validation on for IPv4, UDP,
TCP, ICMP and ICMPv6; the capture file itself is read here (a pcap is a
simple format) for lengths and the signature.  Checks, each optional but
the first two:

- every checksum tshark verifies is good (status 1; the outer UDP of a
  VXLAN or GENEVE tunnel over IPv4 may carry none: status 3);
- no frame has expert information above "note" (chat 0x00200000 and note
  0x00400000 are allowed; warning 0x00600000 and error 0x00800000 are
  not);
- --count N: exactly N frames;
- --protocols P (repeatable): each frame's tshark frame.protocols starts
  with one of them (e.g. eth:ethertype:ip:udp);
- --field NAME=VALUE (repeatable): a tshark field has that value in every
  frame (the first occurrence, e.g. eth.dst=02:00:00:00:00:02);
- --distinct NAMES=N (repeatable): the tuples of those comma-separated
  tshark fields take exactly N distinct values, each as often as the
  others within one (e.g. ip.src,udp.dstport=1024);
- --sizes SIZE:WEIGHT,...: frame sizes with the 4-byte FCS are exactly
  those, in those proportions (within one cycle of sum(weights));
- --size-range LO-HI: every size with FCS is within it;
- --signature: every frame ends in nblgen's 16-byte signature (magic
  0x4E42, id, 32-bit sequence number, 64-bit TX timestamp); per id the
  sequence numbers are 0, 1, 2, ... in capture order (--any-order: each
  once) and the timestamps never go back;
- --ids N: the signatures carry exactly N distinct ids;
- a field NAME of --field, --distinct, --values and --order may be NAME@K: its K-th
  occurrence in the frame (1 the outermost; e.g. udp.srcport@2, the inner
  UDP header's of a tunnel) instead of the first;
- --field-all NAME=VALUE (repeatable): every occurrence of a tshark field
  in every frame, joined by ',', is VALUE (e.g. mpls.label=100,200);
- --values NAME=V1,V2,... (repeatable): every frame's (first) value of
  the field is one of them, and each of them occurs (random draws from a
  range, with a fixed seed);
- --order NAME=V1,V2,... (repeatable): in capture order, frame i's (first)
  value of the field is V[i mod n] (e.g. udp.srcport=1003,1002,1001);
- --payload KIND: the payload of every frame (its last data.len bytes as
  tshark decodes the innermost payload, or a TCP segment's tcp.len bytes;
  without the 16-byte signature with --signature) is: zeros; inc (byte k
  is k mod 256); hex:BYTES (those bytes repeated); random (the same bytes
  in every frame where their lengths overlap, neither zeros nor inc);
- --reach-bytes N: the frames' lengths (without FCS) add up to N or more,
  and without the last frame to less than N (a byte limit);
- --same-frames PCAP: the frames are byte for byte those of PCAP, in the
  same order (the records' capture times are not compared).

Exit 0 when everything holds, else 1 with the problems (at most 20).
"""

import argparse
import collections
import os
import struct
import sys

sys.path.insert(0, os.path.dirname(os.path.dirname(
    os.path.abspath(__file__))))
from tshark_fields import ranges, tshark  # noqa: E402

STATUS = ["ip.checksum.status", "udp.checksum.status",
          "tcp.checksum.status", "icmp.checksum.status",
          "icmpv6.checksum.status"]
NOTE = 0x00400000
SIG_MAGIC = 0x4E42
# Our payload is not an application's: tshark would guess at it by port
# (a source port 69 makes it TFTP) and by heuristics (an incrementing
# payload of some lengths looks like classic STUN), then call the guess
# malformed.  So the UDP and TCP ports of the capture are decoded as data
# (a Decode As port also stops the heuristics), except the tunnels' own
# ports (tests/tshark_fields.py).
TUNNEL_PORTS = {4789, 6081}


def read_pcap(path):
    """Frames of a pcap (microsecond or nanosecond, either byte order)."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        sys.exit("judge: %s: cannot read: %s" % (path, e.strerror))
    if len(data) < 24:
        sys.exit("judge: %s: not a pcap file" % path)
    magic = struct.unpack("<I", data[:4])[0]
    if magic in (0xA1B2C3D4, 0xA1B23C4D):
        end = "<"
    elif magic in (0xD4C3B2A1, 0x4D3CB2A1):
        end = ">"
    else:
        sys.exit("judge: %s: not a pcap file (magic %08x)" % (path, magic))
    frames = []
    off = 24
    while off + 16 <= len(data):
        _, _, caplen, length = struct.unpack(end + "IIII",
                                             data[off:off + 16])
        off += 16
        frames.append((data[off:off + caplen], length))
        off += caplen
    return frames


def payload_ports(path):
    """Decode As options: every UDP and TCP port but the tunnels'."""
    rows = tshark("judge", path,
                  ["frame.protocols", "udp.srcport", "udp.dstport",
                   "tcp.srcport", "tcp.dstport"], [])
    ports = {"udp": set(), "tcp": set()}
    tunnel = set(TUNNEL_PORTS)
    for r in rows:
        for k, v in r.items():
            if k != "frame.protocols":
                ports[k[:3]].update(int(x) for x in v.split(",") if x)
        # a tunnel's outer UDP ports stay the tunnel's: a Decode As port
        # would win over the tunnel's own
        if ":vxlan" in r["frame.protocols"] or \
                ":geneve" in r["frame.protocols"]:
            tunnel.add(int(first(r["udp.srcport"])))
            tunnel.add(int(first(r["udp.dstport"])))
    ports["udp"] -= tunnel
    return ["%s.port==%s,data" % (proto, r)
            for proto in ("udp", "tcp") for r in ranges(ports[proto])]


def first(v):
    return v.split(",")[0]


def base(name):
    """The tshark field of NAME or NAME@K."""
    return name.split("@")[0]


def value(row, name):
    """A frame's value of NAME (first occurrence) or NAME@K (K-th)."""
    field, _, k = name.partition("@")
    vals = row[field].split(",")
    i = int(k) - 1 if k else 0
    return vals[i] if 0 <= i < len(vals) else ""


def check_rows(rows, a, bad):
    tunnel = ("vxlan", "geneve")
    for r in rows:
        where = "frame %s" % r["frame.number"]
        protos = r["frame.protocols"]
        if a.protocols and not any(protos.startswith(p)
                                   for p in a.protocols):
            bad.append("%s: dissected as %s, not %s"
                       % (where, protos, " or ".join(a.protocols)))
        for k in STATUS:
            for i, v in enumerate(x for x in r[k].split(",") if x):
                ok = v == "1" or (v == "3" and k == "udp.checksum.status"
                                  and i == 0 and any(t in protos
                                                     for t in tunnel))
                if not ok:
                    bad.append("%s: %s is %s (1 is good)" % (where, k, v))
        sev = [s for s in r["_ws.expert.severity"].split(",") if s]
        msg = r["_ws.expert.message"].split(",")
        for i, s in enumerate(sev):
            if int(s, 0) > NOTE:
                bad.append("%s: expert info 0x%08x: %s"
                           % (where, int(s, 0),
                              msg[i] if i < len(msg) else "?"))
        for name, want in a.field:
            got = value(r, name)
            if got != want:
                bad.append("%s: %s is '%s', not '%s'"
                           % (where, name, got, want))


def check_distinct(rows, a, bad):
    for names, want in a.distinct:
        keys = names.split(",")
        count = collections.Counter(tuple(value(r, k) for k in keys)
                                    for r in rows)
        if len(count) != want:
            bad.append("%s: %d distinct values, %d expected"
                       % (names, len(count), want))
        elif count and max(count.values()) - min(count.values()) > 1:
            bad.append("%s: uneven: from %d to %d frames per value"
                       % (names, min(count.values()), max(count.values())))
        else:
            print("judge: %s: %d distinct values, %d to %d frames each"
                  % (names, len(count), min(count.values(), default=0),
                     max(count.values(), default=0)))


def check_sizes(frames, a, bad):
    sizes = collections.Counter(length + 4 for _, length in frames)
    n = len(frames)
    if a.sizes:
        plan = dict((int(s), int(w)) for s, w in
                    (x.split(":") for x in a.sizes.split(",")))
        total = sum(plan.values())
        for s in set(sizes) - set(plan):
            bad.append("size %d: %d frames, not in the plan"
                       % (s, sizes[s]))
        for s, w in plan.items():
            want = n * w / total
            if abs(sizes.get(s, 0) - want) > w:
                bad.append("size %d: %d frames, %.1f expected"
                           % (s, sizes.get(s, 0), want))
        print("judge: sizes %s" % ", ".join("%d: %d" % (s, sizes[s])
                                            for s in sorted(sizes)))
    if a.size_range:
        lo, hi = (int(x) for x in a.size_range.split("-"))
        out = [s for s in sizes if not lo <= s <= hi]
        if out:
            bad.append("sizes outside %d-%d: %s" % (lo, hi, sorted(out)))


def check_signatures(frames, a, bad):
    seqs = collections.defaultdict(list)
    last_ts = {}
    for i, (f, length) in enumerate(frames):
        if len(f) != length or len(f) < 16:
            bad.append("frame %d: truncated (%d of %d bytes)"
                       % (i + 1, len(f), length))
            continue
        magic, sid, seq, ts = struct.unpack(">HHIQ", f[-16:])
        if magic != SIG_MAGIC:
            bad.append("frame %d: no signature (magic %04x)" % (i + 1, magic))
            continue
        if ts < last_ts.get(sid, 0):
            bad.append("frame %d: id %d: timestamp goes back" % (i + 1, sid))
        last_ts[sid] = ts
        seqs[sid].append(seq)
    for sid, s in sorted(seqs.items()):
        want = list(range(len(s)))
        got = sorted(s) if a.any_order else s
        if got != want:
            at = next(i for i, (x, y) in enumerate(zip(got, want)) if x != y)
            bad.append("id %d: sequence %d at position %d, %d expected"
                       % (sid, got[at], at, want[at]))
    if a.ids is not None and len(seqs) != a.ids:
        bad.append("%d signature ids, %d expected" % (len(seqs), a.ids))
    print("judge: signatures: %s" % ", ".join(
        "id %d: %d frames" % (k, len(v)) for k, v in sorted(seqs.items())))


def check_fields_all(rows, a, bad):
    for name, want in a.field_all:
        for r in rows:
            got = ",".join(x for x in r[name].split(",") if x)
            if got != want:
                bad.append("frame %s: %s is '%s', not '%s'"
                           % (r["frame.number"], name, got, want))


def check_values(rows, a, bad):
    for name, values in a.values:
        want = values.split(",")
        got = collections.Counter(value(r, name) for r in rows)
        out = sorted(set(got) - set(want))
        gone = [v for v in want if v not in got]
        if out:
            bad.append("%s: values outside %s: %s" % (name, values,
                                                      out[:10]))
        if gone:
            bad.append("%s: never %s" % (name, ", ".join(gone[:10])))
        if not out and not gone:
            print("judge: %s: %d values, %d to %d frames each"
                  % (name, len(got), min(got.values()), max(got.values())))


def check_order(rows, a, bad):
    for name, values in a.order:
        want = values.split(",")
        for i, r in enumerate(rows):
            got = value(r, name)
            if got != want[i % len(want)]:
                bad.append("frame %s: %s is '%s', not '%s' (position %d "
                           "of %s)" % (r["frame.number"], name, got,
                                       want[i % len(want)],
                                       i % len(want), values))
                break
        else:
            print("judge: %s: %d frames in the order %s"
                  % (name, len(rows), values))


def payload_of(frame, row, sig):
    """The payload bytes of a frame (without the signature), or None."""
    lens = [x for x in row["data.len"].split(",") if x]
    if not lens:
        lens = [x for x in row["tcp.len"].split(",") if x]
    if not lens or int(lens[-1]) == 0:
        return None
    n = int(lens[-1])
    data = frame[len(frame) - n:]
    return data[:-16] if sig else data


def check_payload(frames, rows, a, bad):
    kind = a.payload
    pattern = None
    if kind.startswith("hex:"):
        try:
            pattern = bytes.fromhex(kind[4:])
        except ValueError:
            sys.exit("judge: --payload %s: not hex bytes" % kind)
    elif kind not in ("zeros", "inc", "random"):
        sys.exit("judge: --payload %s: zeros, inc, hex:BYTES or random"
                 % kind)
    ref = None
    for (f, _), r in zip(frames, rows):
        where = "frame %s" % r["frame.number"]
        p = payload_of(f, r, a.signature)
        if p is None:
            bad.append("%s: no payload" % where)
            continue
        if kind == "zeros":
            want = bytes(len(p))
        elif kind == "inc":
            want = bytes(k & 0xFF for k in range(len(p)))
        elif pattern is not None:
            want = (pattern * (len(p) // len(pattern) + 1))[:len(p)]
        else:
            if ref is None:
                ref = p
            n = min(len(p), len(ref))
            want = ref[:n] + p[n:]
            if p == bytes(len(p)) or \
                    p == bytes(k & 0xFF for k in range(len(p))):
                bad.append("%s: payload is zeros or inc, not random"
                           % where)
                continue
        if p != want:
            at = next(i for i, (x, y) in enumerate(zip(p, want)) if x != y)
            bad.append("%s: payload byte %d is 0x%02x, 0x%02x expected "
                       "(%s)" % (where, at, p[at], want[at], kind))
    if not bad:
        print("judge: payload %s in every frame" % kind)


def check_reach(frames, a, bad):
    total = sum(length for _, length in frames)
    last = frames[-1][1] if frames else 0
    if not (total >= a.reach_bytes and total - last < a.reach_bytes):
        bad.append("%d bytes in %d frames (%d before the last): not the "
                   "frames that reach %d" % (total, len(frames),
                                             total - last, a.reach_bytes))
    else:
        print("judge: %d bytes in %d frames reach %d"
              % (total, len(frames), a.reach_bytes))


def check_same(frames, a, bad):
    other = read_pcap(a.same_frames)
    if len(other) != len(frames):
        bad.append("%d frames, %s holds %d" % (len(frames), a.same_frames,
                                              len(other)))
    for i, ((f, _), (g, _)) in enumerate(zip(frames, other)):
        if f != g:
            at = next((k for k, (x, y) in enumerate(zip(f, g)) if x != y),
                      min(len(f), len(g)))
            bad.append("frame %d differs from %s's at byte %d"
                       % (i + 1, a.same_frames, at))
            break
    else:
        if len(other) == len(frames):
            print("judge: every frame as in %s" % a.same_frames)


def pair(s):
    k, _, v = s.partition("=")
    if not v:
        raise argparse.ArgumentTypeError("'%s' is not NAME=VALUE" % s)
    return k, v


def distinct(s):
    k, v = pair(s)
    return k, int(v)


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("pcap")
    ap.add_argument("--count", type=int)
    ap.add_argument("--protocols", action="append", default=[])
    ap.add_argument("--field", action="append", default=[], type=pair)
    ap.add_argument("--distinct", action="append", default=[],
                    type=distinct)
    ap.add_argument("--sizes")
    ap.add_argument("--size-range")
    ap.add_argument("--signature", action="store_true")
    ap.add_argument("--any-order", action="store_true")
    ap.add_argument("--ids", type=int)
    ap.add_argument("--field-all", action="append", default=[], type=pair)
    ap.add_argument("--order", action="append", default=[], type=pair)
    ap.add_argument("--values", action="append", default=[], type=pair)
    ap.add_argument("--payload")
    ap.add_argument("--reach-bytes", type=int)
    ap.add_argument("--same-frames")
    a = ap.parse_args()

    fields = ["frame.number", "frame.protocols", "_ws.expert.severity",
              "_ws.expert.message"] + STATUS
    for k, _ in a.field + a.field_all + a.order + a.values:
        if base(k) not in fields:
            fields.append(base(k))
    if a.payload:
        fields += ["data.len", "tcp.len"]
    for names, _ in a.distinct:
        fields += [base(k) for k in names.split(",")
                   if base(k) not in fields]
    frames = read_pcap(a.pcap)
    rows = tshark("judge", a.pcap, fields, payload_ports(a.pcap))
    bad = []
    if len(rows) != len(frames):
        bad.append("tshark read %d frames, the file holds %d"
                   % (len(rows), len(frames)))
    if a.count is not None and len(frames) != a.count:
        bad.append("%d frames, %d expected" % (len(frames), a.count))
    check_rows(rows, a, bad)
    check_distinct(rows, a, bad)
    check_sizes(frames, a, bad)
    if a.signature:
        check_signatures(frames, a, bad)
    check_fields_all(rows, a, bad)
    check_order(rows, a, bad)
    check_values(rows, a, bad)
    if a.payload:
        check_payload(frames, rows, a, bad)
    if a.reach_bytes is not None:
        check_reach(frames, a, bad)
    if a.same_frames:
        check_same(frames, a, bad)
    if bad:
        print("judge: %s: %d problems" % (a.pcap, len(bad)))
        for b in bad[:20]:
            print("  " + b)
        sys.exit(1)
    print("judge: %s: %d frames, every checksum good, nothing above a note"
          % (a.pcap, len(frames)))


if __name__ == "__main__":
    main()
