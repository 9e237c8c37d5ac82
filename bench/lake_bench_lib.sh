# Helpers of bench/lake_read_bench.sh (sourced): the lake's data written by DuckDB, the timed run
# of one command, and the readers of what a run left behind. Uses the caller's settings: ROOT,
# WORK, RUNS (the JSON Lines file of runs), THREADS.

log() { printf '[%(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
die() { log "error: $*"; exit 1; }
json_str() { python3 -c 'import json, sys; print(json.dumps(sys.argv[1]))' "$1"; }

# DuckDB (tests/oracle's pinned package) on THREADS threads: statements as arguments or, with
# none, one per stdin line. Prints {"seconds": last statement, "row": its first row}.
# (node resolves the package beside the script, in tests/oracle/node_modules.)
DUCK=(node "$ROOT/tests/oracle/duckdb_exec.mjs")
duck() { "${DUCK[@]}" "$@"; }

# need_tools PROGRAM...: dies naming the first program that is not installed.
need_tools() {
  local t
  for t in "$@"; do
    command -v "$t" >/dev/null || die "$t missing: run scripts/bootstrap --bench"
  done
}

# need_bench_tools AWS: dies unless AWS (the aws cli), GNU time, node, python3, radosgw and
# tests/oracle's DuckDB package are installed.
need_bench_tools() {
  need_tools "$1" /usr/bin/time node python3 radosgw
  [ -d "$ROOT/tests/oracle/node_modules/@duckdb/node-api" ] || die "no DuckDB: run scripts/bootstrap"
}

# private_s3c S3C WORK: copies the s3c binary S3C to WORK/bin/s3c and prints that path: a
# rebuild during the run must not swap (or, mid-link, break) the binary the bench runs.
private_s3c() {
  mkdir -p "$2/bin"
  cp "$1" "$2/bin/s3c"
  echo "$2/bin/s3c"
}

# need_whole_numbers SCRIPT VAR...: exits 2 (usage) unless every VAR holds a positive whole
# number; the message names SCRIPT and the option (the variable's name in lower case).
need_whole_numbers() {
  local script=$1 v
  shift
  for v in "$@"; do
    [[ "${!v}" =~ ^[1-9][0-9]*$ ]] ||
      { echo "$script: ${v,,} wants a positive whole number, got '${!v}'" >&2; exit 2; }
  done
}

# local_dir SHM_NAME GB FALLBACK: where a peer's local files go: BENCH_DL_DIR when set, else
# /dev/shm/SHM_NAME when tmpfs has GB free (see README: writes into fresh ext4 pages are noisy),
# else FALLBACK.
local_dir() {
  local free
  free=$(df -P -BG /dev/shm 2>/dev/null | awk 'NR == 2 { sub("G", "", $4); print $4 }')
  if [ -n "${BENCH_DL_DIR:-}" ]; then echo "$BENCH_DL_DIR"
  elif [ "${free:-0}" -ge "$2" ]; then echo "/dev/shm/$1"
  else echo "$3"; fi
}

# ------------------------------------------------------------------ data
# The 8 columns of every lake file (ints, floats, strings, a date), a function of the row number
# alone so that the CSV and the Parquet lake hold the same rows. `v` is the value the queries
# filter on (uniform in 0..999); the partition column `day` is in the folder names only.
LAKE_MACRO="CREATE MACRO lake_rows(a, b, d) AS TABLE SELECT i AS id,
  (hash(i) % 1000)::INTEGER AS qty, (hash(i * 3) % 1000)::INTEGER AS v,
  round((hash(i * 5) % 100000) / 100.0, 2) AS price, (hash(i * 7) % 1000000) / 1e6 AS score,
  'customer-' || (hash(i * 11) % 50000) AS name,
  ['Lisbon', 'Oslo', 'Berlin', 'Paris', 'Rome', 'Madrid', 'Vienna', 'Prague'][1 + (i % 8)::INTEGER] AS city,
  d::DATE - (hash(i * 13) % 30)::INTEGER AS shipped FROM range(a, b) t(i)"

# lake_day INDEX: the date of day INDEX (0-based) from FIRST, as YYYY-MM-DD.
lake_day() { date -u -d "$1 + $2 days" +%Y-%m-%d; }

# write_lakes DIR DAYS PARTS ROWS FIRST_DAY: DIR/csv/day=D/part-N.csv.gz (gzip CSV with a header)
# and DIR/parquet/day=D/part-N.parquet (snappy), ROWS rows per object, the same rows in both.
write_lakes() {
  local dir=$1 days=$2 parts=$3 rows=$4 first=$5 d p day a
  {
    echo "$LAKE_MACRO" | tr '\n' ' '
    echo
    for ((d = 0; d < days; d++)); do
      day=$(lake_day "$first" "$d")
      mkdir -p "$dir/csv/day=$day" "$dir/parquet/day=$day"
      for ((p = 0; p < parts; p++)); do
        a=$(((d * parts + p) * rows))
        echo "COPY (FROM lake_rows($a, $((a + rows)), '$day')) TO '$dir/csv/day=$day/part-$p.csv.gz' (FORMAT csv, HEADER, COMPRESSION gzip)"
        echo "COPY (FROM lake_rows($a, $((a + rows)), '$day')) TO '$dir/parquet/day=$day/part-$p.parquet' (FORMAT parquet, COMPRESSION snappy)"
      done
    done
  } | duck 2 >/dev/null
}

# write_small_keys DIR DAYS KEYS FIRST_DAY: KEYS tiny CSV files (a header and one row) spread
# evenly over DAYS folders DIR/day=D/k-N.csv.
write_small_keys() {
  python3 - "$@" <<'PY'
import datetime, os, sys
root, days, keys, first = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), sys.argv[4]
start = datetime.date.fromisoformat(first)
per_day = keys // days
for d in range(days):
    folder = os.path.join(root, f"day={start + datetime.timedelta(days=d)}")
    os.makedirs(folder, exist_ok=True)
    for k in range(per_day):
        with open(os.path.join(folder, f"k-{k}.csv"), "w") as f:
            f.write(f"id\n{d * per_day + k}\n")
PY
}

# ------------------------------------------------------------------ one timed run
# run_timed PART TOOL STEP REP SINK -- COMMAND...: runs COMMAND under GNU time (the whole process
# tree) and appends one JSON line to $RUNS: wall, user and sys CPU, peak RSS, exit code, and
#   SINK=lines: stdout is counted (`wc -l`) into "lines" (s3c's CSV rows plus its header);
#   SINK=duckdb: stdout is duckdb_exec.mjs's JSON, kept as "duckdb";
#   SINK=none:   stdout is dropped.
# A --stats FILE named $WORK/logs/PART-TOOL-STEP-REP.stats is kept as "s3c_stats" if written.
# Returns COMMAND's exit code (the run is recorded either way).
run_timed() {
  local part=$1 tool=$2 step=$3 rep=$4 sink=$5
  shift 6
  local base=$WORK/logs/$part-$tool-$step-$rep rc=0 t0 t1
  rm -f "$base".*
  sync
  t0=$(date +%s%N)
  set +e
  case "$sink" in
    lines) /usr/bin/time -f '%U %S %M' -o "$base.time" "$@" 2>"$base.err" | wc -l >"$base.out"
           rc=${PIPESTATUS[0]} ;;
    *) /usr/bin/time -f '%U %S %M' -o "$base.time" "$@" >"$base.out" 2>"$base.err"
       rc=$? ;;
  esac
  set -e
  t1=$(date +%s%N)
  local user sys rss
  read -r user sys rss < <(grep -E '^[0-9.]+ [0-9.]+ [0-9]+$' "$base.time" | tail -1) || true
  local lines=null duckdb=null stats=null note=""
  case "$sink" in
    lines) lines=$(tr -d ' \n' <"$base.out") ;;
    duckdb) [ -s "$base.out" ] && duckdb=$(tail -1 "$base.out") ;;
  esac
  [ -s "$base.stats" ] && stats=$(tr -d '\n' <"$base.stats")
  [ "$rc" = 0 ] || note="exit $rc: $(grep -v '^Command exited' "$base.err" | tail -3 | tr '\n' ' ' | cut -c1-400)"
  printf '{"part":"%s","tool":"%s","step":"%s","rep":%d,"exit_code":%d,"note":%s,' \
    "$part" "$tool" "$step" "$rep" "$rc" "$(json_str "$note")" >>"$RUNS"
  printf '"wall_s":%s,"user_s":%s,"sys_s":%s,"maxrss_kib":%s,"loadavg":"%s","lines":%s,"duckdb":%s,"s3c_stats":%s}\n' \
    "$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f", (b - a) / 1e9 }')" \
    "${user:-0}" "${sys:-0}" "${rss:-0}" "$(cut -d' ' -f1-3 /proc/loadavg)" \
    "$lines" "$duckdb" "$stats" >>"$RUNS"
  log "$part $tool $step #$rep: $(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", (b - a) / 1e9 }') s, cpu ${user:-?}u+${sys:-?}s${note:+, FAILED: $note}"
  return "$rc"
}

# stats_path PART TOOL STEP REP: where run_timed looks for that run's --stats file.
stats_path() { echo "$WORK/logs/$1-$2-$3-$4.stats"; }
