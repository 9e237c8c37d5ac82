#!/usr/bin/env python3
"""Summarises bench/formats_bench.sh runs: markdown on stdout and a results JSON.

  formats_report.py RUNS_JSONL OUT_JSON CSV_BYTES JSONL_BYTES GZ_BYTES

Medians over the runs of each (case, tool, threads). Input MB/s is file bytes (compressed bytes
for gunzip, which also reports uncompressed output MB/s); rows/s uses s3c's row count, checked
against DuckDB's count(*). Ratios compare medians measured in the same invocation: above 1.00
means s3c is faster.
"""
import json
import statistics
import sys

MB = 1e6


def main():
    runs_path, out_path = sys.argv[1], sys.argv[2]
    sizes = {"csv": int(sys.argv[3]), "jsonl": int(sys.argv[4]), "gunzip": int(sys.argv[5])}
    runs = [json.loads(line) for line in open(runs_path) if line.strip()]
    groups = {}
    for r in runs:
        groups.setdefault((r["case"], r["tool"], int(r["threads"])), []).append(r)
    rows_of = {}
    out_bytes = 0
    for (case, tool, _), rs in groups.items():
        if tool == "s3c" and case != "gunzip":
            rows_of[case] = rs[0]["rows"]
        if tool == "s3c" and case == "gunzip":
            out_bytes = rs[0]["output_bytes"]
    results = []
    for (case, tool, threads), rs in sorted(groups.items()):
        med = statistics.median(r["seconds"] for r in rs)
        entry = {"case": case, "tool": tool, "threads": threads, "runs": len(rs),
                 "seconds": [round(r["seconds"], 4) for r in rs], "median_s": round(med, 4),
                 "input_bytes": sizes[case],
                 "input_mb_per_s": round(sizes[case] / MB / med, 1)}
        if case in rows_of:
            entry["rows"] = rows_of[case]
            entry["rows_per_s"] = round(rows_of[case] / med)
        if tool == "duckdb":
            count = json.loads(rs[0]["result"])[0]
            entry["duckdb_count"] = int(count)
            entry["rows_agree"] = int(count) == rows_of.get(case)
        if tool == "s3c" and "schema" in rs[0]:
            entry["schema"] = rs[0]["schema"]
        if case == "gunzip":
            entry["output_mb_per_s"] = round(out_bytes / MB / med, 1)
        results.append(entry)
    by_key = {(e["case"], e["tool"], e["threads"]): e for e in results}
    ratios = []
    for (case, tool, threads), e in by_key.items():
        if tool != "s3c":
            continue
        for peer, peer_threads in (("duckdb", threads), ("igzip", 1)):
            p = by_key.get((case, peer, peer_threads))
            if p:
                ratios.append({"case": case, "s3c_threads": threads, "peer": peer,
                               "peer_threads": peer_threads,
                               "speed_ratio": round(p["median_s"] / e["median_s"], 2)})
    with open(out_path, "w") as f:
        json.dump({"bench": "formats", "results": results, "ratios": ratios}, f, indent=2)
        f.write("\n")
    print("| case | tool | threads | median s | input MB/s | rows/s | note |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for e in results:
        note = f"output {e['output_mb_per_s']} MB/s" if "output_mb_per_s" in e else ""
        if "rows_agree" in e and not e["rows_agree"]:
            note += f" ROW COUNT DIFFERS ({e['duckdb_count']})"
        rps = f"{e['rows_per_s']:,}" if "rows_per_s" in e else "-"
        print(f"| {e['case']} | {e['tool']} | {e['threads']} | {e['median_s']} | "
              f"{e['input_mb_per_s']} | {rps} | {note} |")
    print()
    for r in ratios:
        print(f"{r['case']}: s3c ({r['s3c_threads']} thr) vs {r['peer']} ({r['peer_threads']} thr): "
              f"{r['speed_ratio']:.2f}x")
    print(f"\nresults: {out_path}")


if __name__ == "__main__":
    main()
