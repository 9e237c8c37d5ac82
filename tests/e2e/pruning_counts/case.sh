# Filters at the three levels, by the requests they save and the rows they keep: partition
# folders (a day is one LIST and one GET of 30 days; three days at most three LISTs), Parquet
# row-group statistics (a file of 12 row groups of 10 rows sorted by id: a filter on id decodes
# the 2 groups that can hold matches) and rows (the rest filtered out). The report's "requests"
# are the run's --stats counts (one JSON read per run keeps the case fast).
# facts: the last run's [LIST requests, GET requests, objects listed, objects read, rows read,
# rows filtered out, rows out] (a request kind absent from the report counts 0).
facts() {
  report_field '[r["requests"].get(k, 0) for k in ("ListObjectsV2", "GetObject")] + [r["pipelines"][0][k] for k in ("objects_listed", "objects_read", "rows_read", "rows_filtered", "rows_out")]'
}

run_pipeline 0 pruning.yaml --pipeline one_day
expect_eq "one_day: LISTs, GETs, listed, read, rows read, filtered out, out" "$(facts)" \
  "[1, 1, 1, 1, 4, 1, 3]"
expect_rows "one_day: the day's rows with amount > 10" "s3://$BUCKET/out/one_day.csv" expected_one_day.csv

run_pipeline 0 pruning.yaml --pipeline three_days
read -r lists rest <<<"$(facts | tr -d '[],')"
expect_eq "three_days: at most 3 LISTs (got $lists)" "$([ "$lists" -le 3 ] 2>/dev/null && echo yes)" yes
expect_eq "three_days: GETs, listed, read, rows read, filtered out, out" "$rest" "3 3 3 12 3 9"
expect_rows "three_days: the three days' rows with amount > 10" "s3://$BUCKET/out/three_days.csv" expected_three_days.csv

run_pipeline 0 pruning.yaml --pipeline make_sorted
expect_eq "make_sorted: 120 rows in one Parquet object (row_group_rows 10)" \
  "$(report_field 'r["pipelines"][0]["destinations"][0]["rows"]')" 120

run_pipeline 0 pruning.yaml --pipeline last_days
expect_eq "last_days: no LIST, one GET, 2 of 12 row groups decoded (20 rows read), 11 filtered out, 9 out" \
  "$(facts)" "[0, 1, 1, 1, 20, 11, 9]"
expect_rows "last_days: ids >= 280 with amount > 10" "s3://$BUCKET/out/last_days.csv" expected_last_days.csv
