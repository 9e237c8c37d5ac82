#!/usr/bin/env python3
"""The table and JSON of bench/incremental_bench.sh.

Usage: incremental_report.py META_JSON RUNS_JSONL LOG_DIR CHECKS_JSONL OUT_JSON

RUNS_JSONL holds run_timed's lines (lake_bench_lib.sh); LOG_DIR the stdout (`s3c run --json`)
and --stats of each run, named PART-TOOL-STEP-1.{out,stats}; CHECKS_JSONL one line per strategy
with the rows read back from its destination. Prints a markdown table and the checks, writes
OUT_JSON, and exits 1 when a check fails: a run failed, a run read other than what it should,
a destination does not hold every id exactly once, the peer listed other than every object, or
the key strategy's nothing-new run sent as many LIST requests as the full re-listing.
"""
import json
import math
import os
import sys

STRATEGIES = ("key", "last_modified")
STEPS = ("first", "nothing_new", "new")


def load_jsonl(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def load_json(path):
    try:
        with open(path) as f:
            return json.load(f)
    except (OSError, ValueError):
        return None


def kib(n):
    return "-" if n is None else f"{n / 1024:,.0f}"


def main():
    meta_path, runs_path, log_dir, checks_path, out_path = sys.argv[1:6]
    meta = load_json(meta_path)
    runs = {(r["part"], r["tool"], r["step"]): r for r in load_jsonl(runs_path)}
    checks = {c["strategy"]: c for c in load_jsonl(checks_path)}
    n, new = meta["objects"], meta["new"]
    peer_pages = math.ceil(n / 1000)
    problems = []
    rows = []

    for strategy in STRATEGIES:
        for step in STEPS:
            run = runs.get((strategy, "s3c", step))
            if run is None:
                problems.append(f"{strategy} {step}: did not run")
                continue
            base = os.path.join(log_dir, f"{strategy}-s3c-{step}-1")
            report = load_json(base + ".out") or {}
            stats = load_json(base + ".stats") or {}
            pipeline = (report.get("pipelines") or [{}])[0]
            requests = report.get("requests") or {}
            row = {
                "strategy": strategy, "step": step, "exit_code": run["exit_code"],
                "note": run["note"], "wall_s": run["wall_s"],
                "cpu_s": round(run["user_s"] + run["sys_s"], 2),
                "maxrss_mib": round(run["maxrss_kib"] / 1024, 1), "loadavg": run["loadavg"],
                "requests": requests,
                "list": requests.get("ListObjectsV2", 0), "get": requests.get("GetObject", 0),
                "put": requests.get("PutObject", 0),
                "bytes_downloaded": stats.get("bytes_downloaded"),
                "bytes_uploaded": stats.get("bytes_uploaded"),
                "objects_listed": pipeline.get("objects_listed"),
                "objects_read": pipeline.get("objects_read"),
                "objects_not_new": pipeline.get("objects_not_new"),
                "rows_out": pipeline.get("rows_out"),
                "incremental": pipeline.get("incremental"),
            }
            rows.append(row)
            if run["exit_code"] != 0:
                problems.append(f"{strategy} {step}: exit {run['exit_code']}: {run['note']}")
            want_read = {"first": n, "nothing_new": 0, "new": new}[step]
            if row["objects_read"] != want_read:
                problems.append(f"{strategy} {step}: read {row['objects_read']} objects, "
                                f"expected {want_read}")

    peers = []
    for tool in ("s3c_ls", "aws_ls"):
        run = runs.get(("peer", tool, "full_listing"))
        if run is None:
            problems.append(f"peer {tool}: did not run")
            continue
        stats = load_json(os.path.join(log_dir, f"peer-{tool}-full_listing-1.stats")) or {}
        measured = (stats.get("requests") or {}).get("ListObjectsV2")
        peer = {"tool": tool, "exit_code": run["exit_code"], "note": run["note"],
                "wall_s": run["wall_s"], "cpu_s": round(run["user_s"] + run["sys_s"], 2),
                "keys_listed": run["lines"],
                "list_measured": measured, "list_minimum": peer_pages}
        peers.append(peer)
        if run["exit_code"] != 0:
            problems.append(f"peer {tool}: exit {run['exit_code']}: {run['note']}")
        if run["lines"] != n:
            problems.append(f"peer {tool}: listed {run['lines']} keys, expected {n}")
        if measured is not None and measured != peer_pages:
            problems.append(f"peer {tool}: {measured} LIST requests, expected {peer_pages}")

    for strategy in STRATEGIES:
        c = checks.get(strategy)
        if c is None:
            problems.append(f"{strategy}: destination not read back")
        elif not (c["rows"] == c["distinct_ids"] == n + new and c["min_id"] == 0
                  and c["max_id"] == n + new - 1):
            problems.append(f"{strategy}: destination holds {c['rows']} rows, "
                            f"{c['distinct_ids']} distinct ids ({c['min_id']}..{c['max_id']}), "
                            f"expected {n + new} ids 0..{n + new - 1} once each")
    key_idle = next((r for r in rows if r["strategy"] == "key" and r["step"] == "nothing_new"), None)
    if key_idle is not None and peer_pages > 2 and key_idle["list"] >= peer_pages:
        problems.append(f"key nothing_new: {key_idle['list']} LIST requests, not below the "
                        f"full re-listing's {peer_pages}")

    print(f"## Incremental runs: {n:,} objects, {new} new "
          f"({meta['date']}, {meta['cpus']} cores, load {meta['loadavg_end']}, s3c {meta['git_rev']})")
    print()
    print(f"Upload of the {n:,} objects (`s3c cp -r`): {meta['upload_s']} s. "
          f"State documents after the runs: key {meta['state_bytes']['key']} B, "
          f"last_modified {meta['state_bytes']['last_modified']} B "
          f"(max_tracked_objects {meta['max_tracked_objects']}).")
    print()
    print("| strategy | run | wall s | CPU s | peak MiB | LIST | GET | PUT | other requests "
          "| KiB down / up | listed | read | not new |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---|---|---:|---:|---:|")
    for r in rows:
        other = ", ".join(f"{k} {v}" for k, v in sorted(r["requests"].items())
                          if k not in ("ListObjectsV2", "GetObject", "PutObject"))
        print(f"| {r['strategy']} | {r['step']} | {r['wall_s']:.2f} | {r['cpu_s']:.2f} "
              f"| {r['maxrss_mib']:.0f} | {r['list']} | {r['get']} | {r['put']} | {other or '-'} "
              f"| {kib(r['bytes_downloaded'])} / {kib(r['bytes_uploaded'])} | {r['objects_listed']} | {r['objects_read']} | {r['objects_not_new']} |")
    for p in peers:
        lists = p["list_measured"] if p["list_measured"] is not None else f"({p['list_minimum']})"
        print(f"| peer | {p['tool'].replace('_', ' ')} full re-listing | {p['wall_s']:.2f} "
              f"| {p['cpu_s']:.2f} | - | {lists} | 0 | 0 | - | - | {p['keys_listed']} | 0 | - |")
    print()
    print("LIST for `aws s3 ls` in parentheses: ceil(objects / 1000), not measured. KiB: the "
          "response and request bodies (--stats). listed / read / not new: the report's "
          "objects_listed (after the incremental selection), objects_read, objects_not_new.")
    for s in STRATEGIES:
        c = checks.get(s)
        if c:
            print(f"- {s}: destination rows {c['rows']}, distinct ids {c['distinct_ids']} "
                  f"(expected {n + new})")
    if problems:
        print()
        print("**Checks failed:**")
        for p in problems:
            print(f"- {p}")
    else:
        print("- every check held")

    result = {"meta": meta, "runs": rows, "peer": peers, "destinations": checks,
              "problems": problems}
    with open(out_path, "w") as f:
        json.dump(result, f, indent=1)
        f.write("\n")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
