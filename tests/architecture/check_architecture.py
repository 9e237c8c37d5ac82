#!/usr/bin/env python3
"""The architecture check (ctest: architecture_check). Python 3 standard library only.

Fails (exit 1) on:
  include  an #include against the module table (module_table.py), or of another module's
           private header (src/<m>/...)
  link     a CMake dependency of a module library against the module table
  size     a .cc over 800 lines or a header over 400 (src/, include/, tools/, tests/)
  thread   std::thread / std::jthread / std::async outside common's executor (tests may)
unless exceptions.py excuses it. An exception that excuses nothing fails too ("stale"), so the
list only shrinks. Each line printed is `path:line: [rule] message`.

Usage: check_architecture.py [--root DIR]   (default: the repository holding this file)
"""

import argparse
import os
import sys

from cmake_rules import check_links
from exceptions import EXCEPTIONS
from source_rules import check_includes, check_sizes, check_threads

RULES = (check_includes, check_links, check_sizes, check_threads)


def check(root, exceptions):
    """The report lines for `root`: violations not excused, then stale exceptions."""
    used = set()
    report = []
    for rule in RULES:
        for v in rule(root):
            key = (v.rule, v.path, v.subject)
            if key in exceptions:
                used.add(key)
            else:
                report.append(f"{v.path}:{v.line}: [{v.rule}] {v.message}")
    for key, reason in exceptions.items():
        if key not in used:
            rule, path, subject = key
            report.append(f"{path}: [stale exception] {rule} '{subject}' no longer occurs "
                          f"({reason}): remove it from exceptions.py")
    return report


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--root", default=os.path.dirname(os.path.dirname(here)))
    args = parser.parse_args()
    report = check(args.root, EXCEPTIONS)
    for line in report:
        print(line)
    if report:
        print(f"architecture check FAILED: {len(report)} problem(s)", file=sys.stderr)
        return 1
    print(f"architecture check passed ({len(EXCEPTIONS)} known exceptions)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
