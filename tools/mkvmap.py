#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-3-Clause
# Copyright (c) 2026 The nblgen authors
"""Write lib/MODULE/version.map from the module's public headers: every
function and extern datum they declare (not static inline) is exported,
nothing else.  Run it after changing a public header; the unit test
exports_MODULE (tests/check_exports.py) fails until the map matches.

usage: tools/mkvmap.py MODULE LIBNAME HEADER..."""
import os
import sys

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "tests"))
from check_exports import declared  # noqa: E402


def main():
    mod, lib, headers = sys.argv[1], sys.argv[2], sys.argv[3:]
    names = sorted(declared(headers))
    hs = " ".join(os.path.basename(h) for h in headers)
    path = os.path.join(os.path.dirname(__file__), "..", "lib", mod,
                        "version.map")
    with open(path, "w") as f:
        f.write("/* SPDX-License-Identifier: BSD-3-Clause */\n")
        f.write(f"/* {lib} exports its public API only (the functions of\n"
                f" * {hs}); everything else stays internal.\n"
                " * Written by tools/mkvmap.py. */\n")
        f.write(f"{lib.upper()}_0 {{\n\tglobal:\n")
        for n in names:
            f.write(f"\t\t{n};\n")
        f.write("\n\tlocal: *;\n};\n")


if __name__ == "__main__":
    main()
