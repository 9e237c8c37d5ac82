#!/usr/bin/env python3
"""Turns the raw runs of lake_read_bench.sh into a markdown report and a results JSON.

  lake_report.py META_JSON RUNS_JSONL OUT_JSON   -> markdown on stdout, OUT_JSON written;
                                                   exit 1 when a run failed or counts differ

Per case and tool: medians over the repeats of wall time and user+sys CPU (GNU time). DuckDB's
wall time is its query alone and its CPU is less that of a DuckDB that only starts (the median
of the "duckdb startup" runs). Peer (a) is `aws s3 cp --recursive` plus DuckDB on the download, summed;
(b) is DuckDB on the local files. Ratios are s3c / peer: below 1 means s3c took less.
"""
import json
import sys

from bench_runs import (failed_runs, group_runs, load_jsonl, measure, peak_rss_mib,
                        write_result)


def load(meta_path, runs_path):
    with open(meta_path) as f:
        meta = json.load(f)
    return meta, load_jsonl(runs_path)


def rows_of(run):
    """The rows one run produced, or None: s3c read prints a header line, ls and grep do not."""
    if run["duckdb"] is not None:
        return int(run["duckdb"]["row"][0])
    if run["lines"] is None:
        return None
    if run["step"] == "read":
        return max(run["lines"] - 1, 0)
    return run["lines"]


def requests(run, op):
    stats = run.get("s3c_stats") or {}
    return stats.get("requests", {}).get(op, 0)


def summarize(meta, runs):
    failures = failed_runs(runs)
    startup_cpu, by = group_runs(runs)
    rows = {}
    for key, rs in by.items():
        wall, cpu = measure(rs, startup_cpu)
        counts = sorted({rows_of(r) for r in rs} - {None})
        rows[key] = {"part": key[0], "tool": key[1], "step": key[2], "wall_s": round(wall, 3),
                     "cpu_s": round(cpu, 3),
                     "peak_rss_mib": peak_rss_mib(rs),
                     "rows": counts[0] if len(counts) == 1 else (counts or None),
                     "list_requests": max(requests(r, "ListObjectsV2") for r in rs),
                     "get_requests": max(requests(r, "GetObject") for r in rs)}
    return rows, failures, startup_cpu


def combined(rows, part):
    """Peer (a): the download and the query on it, one after the other."""
    dl, q = rows.get((part, "aws", "download")), rows.get((part, "duckdb", "downloaded"))
    if not dl or not q:
        return None
    return {"wall_s": round(dl["wall_s"] + q["wall_s"], 3), "cpu_s": round(dl["cpu_s"] + q["cpu_s"], 3)}


def ratio(a, b, key):
    return round(a[key] / b[key], 2) if a and b and b[key] > 0 else None


def check_counts(meta, rows):
    """Every tool's rows against the others' (and the small keys against their known number)."""
    problems = []
    def expect(what, got, want):
        if got != want:
            problems.append(f"{what}: {got} rows, the reference has {want}")
    ref = rows.get(("csv", "duckdb", "local"), {}).get("rows")
    for key in [("csv", "s3c", "read"), ("csv", "duckdb", "downloaded"), ("delay", "s3c", "read"),
                ("parquet", "s3c", "read"), ("parquet", "duckdb", "downloaded"),
                ("parquet", "duckdb", "local")]:
        expect(" ".join(key), rows.get(key, {}).get("rows"), ref)
    want = meta["small"]["keys_in_day"]
    for key in [("small", "s3c", "ls"), ("small", "s3c", "read"), ("small", "aws", "ls")]:
        expect(" ".join(key), rows.get(key, {}).get("rows"), want)
    return problems


def report(meta, rows, failures, problems):
    def line(label, r, peer_a=None, peer_b=None, extra=""):
        if not r:
            return f"| {label} | - | - | - | - | | {extra} |"
        ra = f"{ratio(r, peer_a, 'wall_s')} / {ratio(r, peer_a, 'cpu_s')}" if peer_a else ""
        rb = f"{ratio(r, peer_b, 'wall_s')} / {ratio(r, peer_b, 'cpu_s')}" if peer_b else ""
        ratios = "; ".join(x for x in [f"(a) {ra}" if ra else "", f"(b) {rb}" if rb else ""] if x)
        count = r.get("rows")
        return (f"| {label} | {r['wall_s']:.2f} | {r['cpu_s']:.2f} | {r.get('peak_rss_mib', '')} "
                f"| {'' if count is None else count} | {ratios} | {extra} |")
    lake = meta["lake"]
    out = [f"## Reading a data lake ({meta['mode']}, {meta['date']}, {meta['cpus']} cores, "
           f"load {meta['loadavg_start']}, threads {meta['threads']}, s3c flags "
           f"'{meta['s3c_scan_flags']}')", "",
           f"Lake: {lake['objects']} objects over {lake['days']} days, "
           f"{lake['csv_bytes'] / 1e6:.0f} MB CSV ({lake['csv_gzip_bytes'] / 1e6:.0f} MB gzip), "
           f"{lake['parquet_bytes'] / 1e6:.0f} MB Parquet. WHERE {lake['where']}", "",
           "| case / tool | wall s | CPU s | peak RSS MiB | rows | s3c/peer wall / CPU | requests |",
           "| --- | --- | --- | --- | --- | --- | --- |"]
    for part, cols in (("csv", "all columns"), ("parquet", lake["parquet_columns"])):
        s3c = rows.get((part, "s3c", "read"))
        a = combined(rows, part)
        b = rows.get((part, "duckdb", "local"))
        reqs = f"LIST {s3c['list_requests']}, GET {s3c['get_requests']}" if s3c else ""
        out.append(line(f"{part} ({cols}): s3c read", s3c, a, b, reqs))
        out.append(line(f"{part}: aws s3 cp --recursive", rows.get((part, "aws", "download"))))
        out.append(line(f"{part}: DuckDB on the download", rows.get((part, "duckdb", "downloaded"))))
        out.append(line(f"{part}: (a) = download + DuckDB", a))
        out.append(line(f"{part}: (b) DuckDB on local files", b))
    small = meta["small"]
    aws_ls = rows.get(("small", "aws", "ls"))
    for step in ("ls", "read"):
        r = rows.get(("small", "s3c", step))
        reqs = f"LIST {r['list_requests']} (min 1), GET {r['get_requests']}" if r else ""
        out.append(line(f"one day of {small['keys']} small keys: s3c {step} --where", r,
                        aws_ls, None, reqs).replace("(a) ", "vs aws ls "))
    out.append(line("small keys: aws s3 ls --recursive \\| grep", aws_ls))
    delayed, plain = rows.get(("delay", "s3c", "read")), rows.get(("csv", "s3c", "read"))
    out.append(line(f"csv with {meta['delay_ms']} ms per request: s3c read", delayed, None, None,
                    f"delayed / not: {ratio(delayed, plain, 'wall_s')}"))
    out.append("")
    out.append("(a) aws s3 cp of the whole prefix, then DuckDB on the download; (b) DuckDB on "
               "the same files already local. Ratios below 1: s3c took less.")
    for p in failures + problems:
        out.append(f"FAILED: {p}")
    return "\n".join(out)


def main():
    meta, runs = load(sys.argv[1], sys.argv[2])
    rows, failures, startup_cpu = summarize(meta, runs)
    problems = check_counts(meta, rows)
    print(report(meta, rows, failures, problems))
    result = {"meta": meta, "duckdb_startup_cpu_s": round(startup_cpu, 3),
              "summary": list(rows.values()),
              "peer_a": {p: combined(rows, p) for p in ("csv", "parquet")},
              "ok": not failures and not problems, "failures": failures + problems, "runs": runs}
    return write_result(sys.argv[3], result)


if __name__ == "__main__":
    sys.exit(main())
