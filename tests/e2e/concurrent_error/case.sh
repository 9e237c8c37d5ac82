# Two `error` runs at once: one wins, the other fails with a clear message and leaves nothing.
"$S3C" run "$CASE_DIR/dataset.yaml" -q >"$WORK/a.out" 2>"$WORK/a.err" &
a=$!
"$S3C" run "$CASE_DIR/dataset.yaml" -q >"$WORK/b.out" 2>"$WORK/b.err" &
b=$!
wait $a; rc_a=$?
wait $b; rc_b=$?
winners=$(( (rc_a == 0) + (rc_b == 0) ))
expect_eq "exactly one run commits" "$winners" 1
expect_eq "the other fails with a data error (exit 5)" "$(( rc_a + rc_b ))" 5
cat "$WORK/a.err" "$WORK/b.err" > "$WORK/both.err"
expect_grep "the loser says the target exists" "exists" "$WORK/both.err"
expect_eq "rows read back: one run's" "$("$S3C" read -q -o csv "s3://$BUCKET/out/" | tail -n +2 | wc -l)" 2000
expect_eq "one commit record" "$(keys_under "s3://$BUCKET/out/_s3c/commits/" | wc -l)" 1
# A file no commit claims (a failed run's) is not read; --ignore-commits reads it too.
printf '{"id": 9999, "run": "lost"}\n' > "$WORK/orphan.jsonl"
"$S3C" cp -q "$WORK/orphan.jsonl" "s3://$BUCKET/out/part=0/part-20261207T093012Z-0123456789ab-00000-00000.jsonl"
expect_eq "an unclaimed file is not read" "$("$S3C" read -q -o csv "s3://$BUCKET/out/" | tail -n +2 | wc -l)" 2000
expect_eq "--ignore-commits reads it" "$("$S3C" read -q -o csv --ignore-commits "s3://$BUCKET/out/" | tail -n +2 | wc -l)" 2001
