# A file that does not validate: every error with its position, exit 2, nothing sent.
run_pipeline 2 bad.yaml
expect_grep "unknown key with a hint" "bad.yaml:4:5: unknown key 'formt'.*did you mean 'format'" "$WORK/err"
expect_grep "unknown mode" "bad.yaml:9:11: unknown mode 'upsert': use error, ignore, append, replace or overwrite_partitions" "$WORK/err"
expect_grep "the count" "bad.yaml: 2 errors" "$WORK/err"
