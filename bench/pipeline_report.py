#!/usr/bin/env python3
"""Turns the raw runs of pipeline_bench.sh into a markdown report and a results JSON.

  pipeline_report.py META_JSON RUNS_JSONL COUNTS_JSONL OUT_JSON
      -> markdown on stdout, OUT_JSON written; exit 1 when a run failed or the rows differ

Per tool and stage: medians over the repeats of wall time and user+sys CPU (GNU time). DuckDB's
wall time is its COPY alone and its CPU is less that of a DuckDB that only starts (the median of
the "duckdb startup" runs). The peer is download + DuckDB + upload, summed. "speedup" is
peer / s3c (the issue's target: 1.5 or more); ratios of RSS are s3c's on twice the input over
s3c's on the input.
"""
import json
import sys

from bench_runs import (failed_runs, group_runs, load_jsonl, measure, peak_rss_mib,
                        write_result)

PEER_STAGES = [("aws", "download"), ("duckdb", "copy"), ("aws", "upload")]


def summarize(runs):
    startup_cpu, by = group_runs(runs)
    rows = {}
    for key, rs in by.items():
        wall, cpu = measure(rs, startup_cpu)
        rows[key] = {"part": key[0], "tool": key[1], "step": key[2], "wall_s": round(wall, 3),
                     "cpu_s": round(cpu, 3), "peak_rss_mib": peak_rss_mib(rs)}
    return rows, failed_runs(runs), startup_cpu


def peer_sum(rows):
    stages = [rows.get(("pipeline",) + s) for s in PEER_STAGES]
    if not all(stages):
        return None
    return {"wall_s": round(sum(s["wall_s"] for s in stages), 3),
            "cpu_s": round(sum(s["cpu_s"] for s in stages), 3)}


def ratio(a, b):
    return round(a / b, 2) if a is not None and b else None


def check_counts(meta, counts):
    """Every output's rows per day against DuckDB's count of the input."""
    want = meta["input"]["expected_rows_per_day"]
    problems = [f"{c['what']} output #{c['rep']}: rows per day {c['rows_per_day'][:200]}, "
                f"the input has {want[:200]}" for c in counts if c["rows_per_day"] != want]
    if not counts:
        problems.append("no output was counted")
    return problems


def total_rows(per_day):
    return sum(int(item.split(":")[1]) for item in per_day.split(",") if item)


def report(meta, rows, peer, failures, problems):
    inp = meta["input"]
    s3c = rows.get(("pipeline", "s3c", "run"))
    flat = rows.get(("flat", "s3c", "run"))
    out = [f"## CSV -> partitioned Parquet on S3 ({meta['date']}, {meta['cpus']} cores, "
           f"load {meta['loadavg_start']}, DuckDB threads {meta['threads']}, "
           f"repeats {meta['repeats']})", "",
           f"Input: {inp['objects']} gzip CSV objects, {inp['csv_bytes'] / 1e6:.0f} MB CSV "
           f"({inp['gzip_bytes'] / 1e6:.0f} MB gzip); WHERE {inp['where']} keeps "
           f"{total_rows(inp['expected_rows_per_day'])} rows in {inp['days']} day partitions "
           f"(zstd Parquet).", "",
           "| tool / stage | wall s | CPU s | peak RSS MiB |", "| --- | --- | --- | --- |"]
    def line(label, r):
        if not r:
            return f"| {label} | - | - | - |"
        rss = r.get("peak_rss_mib", "")
        return f"| {label} | {r['wall_s']:.2f} | {r['cpu_s']:.2f} | {rss} |"
    out.append(line("s3c run", s3c))
    out.append(line("aws s3 cp --recursive (download)", rows.get(("pipeline", "aws", "download"))))
    out.append(line("DuckDB COPY ... PARTITION_BY (local)", rows.get(("pipeline", "duckdb", "copy"))))
    out.append(line("aws s3 cp --recursive (upload)", rows.get(("pipeline", "aws", "upload"))))
    out.append(line("peer: the three stages", peer))
    out.append("")
    if s3c and peer:
        out.append(f"speedup (peer / s3c): wall {ratio(peer['wall_s'], s3c['wall_s'])}, "
                   f"CPU {ratio(peer['cpu_s'], s3c['cpu_s'])} (target: wall >= 1.5)")
    if s3c and flat:
        out.append(f"memory flatness: s3c peak RSS {s3c['peak_rss_mib']} MiB on the input, "
                   f"{flat['peak_rss_mib']} MiB on twice the input "
                   f"(ratio {ratio(flat['peak_rss_mib'], s3c['peak_rss_mib'])})")
    for p in failures + problems:
        out.append(f"FAILED: {p}")
    return "\n".join(out)


def main():
    if len(sys.argv) != 5:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    with open(sys.argv[1]) as f:
        meta = json.load(f)
    runs, counts = load_jsonl(sys.argv[2]), load_jsonl(sys.argv[3])
    rows, failures, startup_cpu = summarize(runs)
    peer = peer_sum(rows)
    problems = check_counts(meta, counts)
    print(report(meta, rows, peer, failures, problems))
    s3c, flat = rows.get(("pipeline", "s3c", "run")), rows.get(("flat", "s3c", "run"))
    result = {"meta": meta, "duckdb_startup_cpu_s": round(startup_cpu, 3),
              "summary": list(rows.values()), "peer": peer,
              "speedup_wall": ratio(peer["wall_s"], s3c["wall_s"]) if peer and s3c else None,
              "speedup_cpu": ratio(peer["cpu_s"], s3c["cpu_s"]) if peer and s3c else None,
              "rss_ratio_2x": ratio(flat["peak_rss_mib"], s3c["peak_rss_mib"]) if flat and s3c else None,
              "counts": counts, "ok": not failures and not problems,
              "failures": failures + problems, "runs": runs}
    return write_result(sys.argv[4], result)


if __name__ == "__main__":
    sys.exit(main())
