# The issue's memory target: 1000 partitions open at once stay under 512 MiB of RSS (GNU time's
# peak, the whole process). 1,000,000 rows, every batch touching every partition, so all 1000
# files are open together and the write budget is what bounds them (at 4,000,000 rows s3c
# measured 480 MiB with a 256 MiB budget, 421 MiB with the default 192 MiB); rows are generated
# here (8 gzip CSV objects, ~7 MB).
TIME=/usr/bin/time
if [ ! -x "$TIME" ]; then
  echo "GNU time is missing (scripts/bootstrap --bench installs it)"
  [ "${S3C_REQUIRE_TOOLS:-}" = 1 ] && exit 1
  exit 77
fi
mkdir -p "$WORK/big"
python3 - "$WORK/big" <<'PY'
import gzip, os, sys
for f in range(8):
    with gzip.open(os.path.join(sys.argv[1], f"part-{f}.csv.gz"), "wt", compresslevel=1) as out:
        out.write("id,shop,amount,customer\n")
        out.write("".join(
            f"{i},shop-{i % 1000:04d},{(i * 7919) % 100000 / 100:.2f},customer-{(i * 31) % 50000}\n"
            for i in range(f * 125000, (f + 1) * 125000)))
PY
"$S3C" cp -q -r "$WORK/big/" "s3://$BUCKET/big/" || bad "upload of the generated input"
expect_rc 0 "1000 partitions: s3c run under GNU time" -- "$TIME" -f '%M' -o "$WORK/rss" \
  "$S3C" run "$CASE_DIR/parquet.yaml" --json
expect_eq "1000 partitions: rows written" "$(report_field 'r["pipelines"][0]["destinations"][0]["rows"]')" 1000000
expect_eq "1000 partitions: one file each (row groups end early before files close)" \
  "$(report_field 'r["pipelines"][0]["destinations"][0]["files"]')" 1000
expect_eq "1000 partitions: folders" "$(keys_under "s3://$BUCKET/by_shop/" | grep -o '^shop=[^/]*/' | sort -u | wc -l)" 1000
rss_kib=$(tail -1 "$WORK/rss")
if [[ "$rss_kib" =~ ^[0-9]+$ ]] && [ "$rss_kib" -lt $((512 * 1024)) ]; then
  ok "1000 partitions: peak RSS $((rss_kib / 1024)) MiB < 512 MiB"
else
  bad "1000 partitions: peak RSS '$rss_kib' KiB, wanted < 512 MiB"
fi
