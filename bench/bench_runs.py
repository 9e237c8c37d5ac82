"""The runs lake_bench_lib.sh's run_timed records (one JSON line each), grouped and measured the
same way by every report (lake_report.py, pipeline_report.py).

A run: part, tool, step, rep, exit_code, note, wall_s, user_s, sys_s, maxrss_kib, and "duckdb"
({"seconds": the statement alone, ...}) for DuckDB's. Runs of part "duckdb" are DuckDB processes
that only start: their CPU is what every DuckDB run is charged for starting.
"""
import json
import statistics


def load_jsonl(path):
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def failed_runs(runs):
    """One line per run that did not exit 0."""
    return [f"{r['part']} {r['tool']} {r['step']} #{r['rep']}: {r['note']}"
            for r in runs if r["exit_code"] != 0]


def group_runs(runs):
    """Startup CPU (the median of the "duckdb" runs, 0 without them) and the successful other
    runs by (part, tool, step)."""
    startup = [r["user_s"] + r["sys_s"] for r in runs if r["part"] == "duckdb"]
    by = {}
    for r in runs:
        if r["part"] != "duckdb" and r["exit_code"] == 0:
            by.setdefault((r["part"], r["tool"], r["step"]), []).append(r)
    return (statistics.median(startup) if startup else 0.0), by


def measure(runs, startup_cpu):
    """(wall, cpu) medians of one tool's runs. DuckDB's wall time is its statement alone and its
    CPU the process's less startup_cpu; other tools' are the process's."""
    walls, cpus = [], []
    for r in runs:
        cpu = r["user_s"] + r["sys_s"]
        if r["duckdb"] is not None:
            walls.append(r["duckdb"]["seconds"])
            cpus.append(max(cpu - startup_cpu, 0.0))
        else:
            walls.append(r["wall_s"])
            cpus.append(cpu)
    return statistics.median(walls), statistics.median(cpus)


def peak_rss_mib(runs):
    return round(max(r["maxrss_kib"] for r in runs) / 1024, 1)


def write_result(path, result):
    """Writes the results JSON; the exit code of a report: 0 when result["ok"], else 1."""
    with open(path, "w") as f:
        json.dump(result, f, indent=1)
        f.write("\n")
    return 0 if result["ok"] else 1
