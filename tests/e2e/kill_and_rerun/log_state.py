#!/usr/bin/env python3
"""The state of a committed dataset, from its commit records and its listing.

Usage: log_state.py KEYS_FILE RECORD_FILE...   (records in sequence order; KEYS_FILE: the keys
under the root, relative to it, one per line). Replays the records as docs/commit-protocol.md
says (a replaces_all record empties the live set, removes leave it, adds enter it) and prints
one line: "live=N missing=M orphans=O last=SEQ", where missing counts live files that are not
in the listing (a record claiming a missing file: must be 0), and orphans counts data files
listed that no live entry claims (names starting with '_' or '.' and _s3c/ are not data).
"""
import json
import sys

keys = {k.strip() for k in open(sys.argv[1]) if k.strip()}
live = set()
last = -1
for path in sys.argv[2:]:
    record = json.load(open(path))
    if record["sequence"] != last + 1:
        sys.exit(f"{path}: sequence {record['sequence']} after {last}")
    last = record["sequence"]
    if record["replaces_all"]:
        live.clear()
    for entry in record["remove"]:
        live.discard(entry["path"])
    for entry in record["add"]:
        live.add(entry["path"])


def is_data(key):
    return not key.startswith("_s3c/") and not key.split("/")[-1].startswith(("_", "."))


data = {k for k in keys if is_data(k)}
print(f"live={len(live)} missing={len(live - keys)} orphans={len(data - live)} last={last}")
