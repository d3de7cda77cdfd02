#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The nblgen authors
"""A shared library of lib/ exports exactly its public API: every symbol
it defines for others is declared in its public headers, and every
function its headers declare (not static inline) is exported.

usage: check_exports.py LIB.so HEADER... """
import re
import subprocess
import sys


def exported(so):
    out = subprocess.run(["nm", "-D", "--defined-only", so], check=True,
                         capture_output=True, text=True).stdout
    syms = set()
    for line in out.splitlines():
        parts = line.split()
        if len(parts) == 3 and parts[1] in "TDBRV" and not parts[2].startswith("LIB"):
            syms.add(parts[2].split("@")[0])
    return syms


def declared(headers):
    """Names of non-inline functions and extern data of the headers."""
    text = ""
    for h in headers:
        with open(h) as f:
            text += f.read()
    text = re.sub(r"/\*.*?\*/", "", text, flags=re.S)
    text = re.sub(r"//[^\n]*", "", text)
    names = set()
    # drop static inline bodies: everything from "static inline" to the
    # matching closing brace at column 0
    text = re.sub(r"static\s+(__rte_always_inline\s+)?inline[^;{]*\{.*?\n\}",
                  "", text, flags=re.S)
    text = re.sub(r"static\s+__rte_always_inline[^;{]*\{.*?\n\}", "",
                  text, flags=re.S)
    for m in re.finditer(r"^[A-Za-z_][\w\s\*]*?\b(\w+)\s*\([^;{]*\)\s*"
                         r"(__rte_\w+(\([^)]*\))?\s*)*;", text, flags=re.M):
        if not m.group(0).lstrip().startswith(("typedef", "return", "#")):
            names.add(m.group(1))
    for m in re.finditer(r"^extern\s+[\w\s\*]+?\b(\w+)\s*(\[[^\]]*\])?\s*;",
                         text, flags=re.M):
        names.add(m.group(1))
    return names


def main():
    so, headers = sys.argv[1], sys.argv[2:]
    exp = exported(so)
    dec = declared(headers)
    extra = sorted(exp - dec)
    missing = sorted(dec - exp)
    ok = True
    if extra:
        print(f"{so} exports names its public headers do not declare:")
        for s in extra:
            print(f"  {s}")
        ok = False
    if missing:
        print(f"{so} does not export functions its headers declare:")
        for s in missing:
            print(f"  {s}")
        ok = False
    if ok:
        print(f"{so}: {len(exp)} exported symbols, all and only the public API")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
