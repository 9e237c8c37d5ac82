#!/usr/bin/env python3
"""Turns the raw runs of run_transfer_bench.sh into a markdown report and a results JSON.

  bench_report.py META_JSON RUNS_JSONL OUT_JSON   -> markdown on stdout, OUT_JSON written

A run counts only when the tool exited 0 and its result was verified (size and content);
medians are over counted runs. Ratios compare medians measured in the same invocation.
"""
import json
import statistics
import sys

MIB = 1024 * 1024
GIB = 1024 * MIB
TOOLS = ["s3c", "aws", "rclone", "curl1", "curl4"]
TOOL_LABEL = {"s3c": "s3c", "aws": "aws cli", "rclone": "rclone", "curl1": "curl 1 stream",
              "curl4": "curl 4 streams"}
CASES = ["put_big", "get_big", "put_small", "get_small"]
# Targets: s3c >= 1.5x aws cli and >= 1.0x rclone in every case; >= 0.8x curl-4 on GET big.
TARGETS = [("aws", None, 1.5), ("rclone", None, 1.0), ("curl4", "get_big", 0.8)]


def case_label(case, meta):
    big = meta["big_bytes"] / MIB
    big_s = f"{big / 1024:g} GiB" if big >= 1024 else f"{big:g} MiB"
    n = meta["small_count"]
    small_s = f"{n} x {meta['small_bytes'] // 1024} KiB"
    return {"put_big": f"PUT {big_s}", "get_big": f"GET {big_s}",
            "put_small": f"PUT {small_s}", "get_small": f"GET {small_s}"}[case]


def summarize(runs):
    out = {}
    for r in runs:
        out.setdefault((r["case"], r["tool"]), []).append(r)
    summary = {}
    for (case, tool), rs in out.items():
        ok = [r for r in rs if r["ok"]]
        s = {"case": case, "tool": tool, "runs": len(rs), "ok_runs": len(ok)}
        if ok:
            nbytes = ok[0]["bytes"]
            wall = statistics.median(r["wall_s"] for r in ok)
            s.update({
                "bytes": nbytes,
                "median_wall_s": round(wall, 3),
                "mib_per_s": round(nbytes / MIB / wall, 1),
                "client_cpu_s_per_gib": round(statistics.median(
                    (r["user_s"] + r["sys_s"]) * GIB / nbytes for r in ok), 3),
                "peak_rss_mib": round(max(r["maxrss_kib"] for r in ok) / 1024, 1),
                "server_cpu_s_per_gib": round(statistics.median(
                    r["server_cpu_s"] * GIB / nbytes for r in ok), 3),
            })
        summary[(case, tool)] = s
    return summary


def fmt(v, spec):
    return "-" if v is None else format(v, spec)


def main(argv):
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1]) as f:
        meta = json.load(f)
    with open(argv[2]) as f:
        runs = [json.loads(line) for line in f if line.strip()]
    summary = summarize(runs)
    tools = [t for t in TOOLS if any(k[1] == t for k in summary)]
    cases = [c for c in CASES if any(k[0] == c for k in summary)]

    lines = [f"## s3c transfer benchmark {meta['date']} ({meta['mode']} mode)", ""]
    lines.append(f"RGW {meta['osd_store']} on 127.0.0.1, {meta['cpus']} CPUs, "
                 f"median of {meta['repeats']} run(s); s3c {meta['git_rev']}; "
                 f"load average at start {meta['loadavg_start']}.")
    lines.append("")
    lines.append("| case | tool | MiB/s | client CPU s/GiB | peak RSS MiB "
                 "| server CPU s/GiB | ok runs |")
    lines.append("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for c in cases:
        for t in tools:
            s = summary.get((c, t))
            if s is None:
                continue
            if not s["ok_runs"]:
                lines.append(f"| {case_label(c, meta)} | {TOOL_LABEL[t]} | FAILED | - | - | - "
                             f"| 0/{s['runs']} |")
                continue
            lines.append(
                f"| {case_label(c, meta)} | {TOOL_LABEL[t]} | {s['mib_per_s']:.1f} "
                f"| {s['client_cpu_s_per_gib']:.2f} | {s['peak_rss_mib']:.0f} "
                f"| {s['server_cpu_s_per_gib']:.2f} | {s['ok_runs']}/{s['runs']} |")

    def speed(c, t):
        s = summary.get((c, t))
        return s.get("mib_per_s") if s else None

    ratios = {}
    lines += ["", "| case | s3c / aws cli | s3c / rclone | s3c / curl 4 streams |",
              "| --- | ---: | ---: | ---: |"]
    for c in cases:
        row = {}
        for peer in ("aws", "rclone", "curl4"):
            a, b = speed(c, "s3c"), speed(c, peer)
            row[peer] = round(a / b, 2) if a and b else None
        ratios[c] = row
        lines.append(f"| {case_label(c, meta)} | {fmt(row['aws'], '.2f')} "
                     f"| {fmt(row['rclone'], '.2f')} | {fmt(row['curl4'], '.2f')} |")

    targets = []
    lines += ["", "Targets:"]
    for peer, only, want in TARGETS:
        for c in cases:
            if only and c != only:
                continue
            got = ratios[c].get(peer)
            verdict = "n/a" if got is None else ("met" if got >= want else "MISSED")
            targets.append({"case": c, "peer": peer, "want_ratio": want, "ratio": got,
                            "verdict": verdict})
            lines.append(f"- {case_label(c, meta)}: s3c >= {want}x {TOOL_LABEL[peer]}: "
                         f"{fmt(got, '.2f')} -> {verdict}")
    failed = [r for r in runs if not r["ok"]]
    if failed:
        lines += ["", "Failed runs:"]
        for r in failed:
            lines.append(f"- {r['case']} {r['tool']} #{r['rep']}: {r['note']}")
    print("\n".join(lines))

    result = {"meta": meta, "summary": list(summary.values()), "ratios": ratios,
              "targets": targets, "runs": runs}
    with open(argv[3], "w") as f:
        json.dump(result, f, indent=1, sort_keys=True)
        f.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
