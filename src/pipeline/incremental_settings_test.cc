// A source's incremental: section: each strategy's keys as values, and every mistake reported
// with its position (a key of another strategy, unknown keys and words, bad lengths of time).
#include <gtest/gtest.h>

#include "pipeline/pipeline_test_util.h"
#include "s3c/common/time_format.h"

namespace s3c::pipeline {
namespace {

using testing::Errors;
using testing::Load;
using Lines = std::vector<std::string>;
using std::chrono::hours;
using std::chrono::seconds;

TEST(IncrementalSettingsTest, EachStrategyLoadsItsSettings) {
  auto file = Load(R"y(sources:
  by_time:
    uri: s3://bkt/logs/
    incremental: {strategy: last_modified, lookback: 2h, settle: 30s, max_tracked_objects: 50,
                  on_overwrite: error, start: "2024-03-01", end: "2024-03-02T12:00:00Z"}
  by_key:
    uri: s3://bkt/keys/
    incremental: {strategy: key, lag: 20, start: "k/2024-03-01/"}
  by_cursor:
    uri: s3://bkt/rows/
    incremental: {strategy: cursor, cursor_field: updated_at, primary_key: "id, part",
                  on_cursor_value_missing: exclude, start: "2024-01-01"}
  plain: {uri: s3://bkt/plain/}
destinations:
  out: {uri: s3://bkt/out/, format: csv, mode: append}
pipelines:
  a: {from: by_time, to: out}
  b: {from: by_key, to: out}
  d: {from: plain, to: out}
)y");
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  const IncrementalSettings& t = file->FindSource("by_time")->incremental;
  EXPECT_EQ(t.strategy, IncrementalStrategy::kLastModified);
  EXPECT_EQ(t.last_modified.lookback, hours(2));
  EXPECT_EQ(t.last_modified.settle, seconds(30));
  EXPECT_EQ(t.last_modified.max_tracked_objects, 50);
  EXPECT_EQ(t.last_modified.on_overwrite, state::OnOverwrite::kError);
  EXPECT_EQ(t.last_modified.start, ParseIso8601("2024-03-01T00:00:00Z"));
  EXPECT_EQ(t.last_modified.end, ParseIso8601("2024-03-02T12:00:00Z"));
  const IncrementalSettings& k = file->FindSource("by_key")->incremental;
  EXPECT_EQ(k.strategy, IncrementalStrategy::kKey);
  EXPECT_EQ(k.key.lag, 20);
  EXPECT_EQ(k.key.start, "k/2024-03-01/");
  EXPECT_FALSE(k.key.end.has_value());
  const IncrementalSettings& c = file->FindSource("by_cursor")->incremental;
  EXPECT_EQ(c.strategy, IncrementalStrategy::kCursor);
  EXPECT_EQ(c.cursor.field, "updated_at");
  EXPECT_EQ(c.cursor.primary_key, (std::vector<std::string>{"id", "part"}));
  EXPECT_EQ(c.cursor.on_missing, OnCursorValueMissing::kExclude);
  EXPECT_EQ(c.cursor.start, "2024-01-01");
  EXPECT_EQ(file->FindSource("plain")->incremental.strategy, IncrementalStrategy::kNone);
}

TEST(IncrementalSettingsTest, MistakesAreReportedWithTheirPositions) {
  EXPECT_EQ(Errors(R"y(sources:
  a: {uri: s3://bkt/a/, incremental: {strategy: last_modfied}}
  b: {uri: s3://bkt/b/, incremental: {strategy: key, lookback: 1h, lagg: 3}}
  c: {uri: s3://bkt/c/, incremental: {strategy: last_modified, lookback: soon, max_tracked_objects: 0}}
  d: {uri: s3://bkt/d/, incremental: {strategy: cursor}}
  e: {uri: s3://bkt/e/, incremental: {lag: 3}}
  f: {uri: s3://bkt/f/, incremental: last_modified}
destinations:
  out: {uri: s3://bkt/out/, format: csv, incremental: {strategy: key}}
pipelines:
  p: {from: a, to: out}
)y"),
            (Lines{"p.yaml:2:49: incremental.strategy: 'last_modfied' is not a strategy: "
                   "last_modified, key or cursor (did you mean 'last_modified'?)",
                   "p.yaml:3:54: incremental.lookback is a setting of strategy last_modified, "
                   "not key",
                   "p.yaml:3:68: unknown key 'lagg' in incremental (did you mean 'lag'?)",
                   "p.yaml:4:74: incremental.lookback: 'soon' is not a length of time such as "
                   "30s, 90m, 1h or 7d",
                   "p.yaml:4:101: incremental.max_tracked_objects: expected 1 or more, got 0",
                   "p.yaml:5:49: incremental: strategy cursor needs cursor_field (the column "
                   "that grows)",
                   "p.yaml:6:25: incremental needs 'strategy': last_modified, key or cursor",
                   "p.yaml:7:38: incremental: expected a map (strategy: last_modified, key or "
                   "cursor, and its settings), got a value",
                   "p.yaml:9:42: 'incremental' is a source setting: a destination takes write "
                   "settings"}));
}

TEST(IncrementalSettingsTest, AnIncrementalPipelineWritesOneDatasetThatEveryRunAddsTo) {
  EXPECT_EQ(Errors(R"y(sources:
  logs: {uri: s3://bkt/logs/, incremental: {strategy: key}}
destinations:
  one: {uri: s3://bkt/one.csv, format: csv}
  strict: {uri: s3://bkt/strict/, format: csv}
  lake: {uri: s3://bkt/lake/, format: csv, mode: append}
pipelines:
  to_key: {from: logs, to: one}
  to_error: {from: logs, to: strict}
  to_two: {from: logs, to: [lake, strict]}
  fine: {from: logs, to: lake}
)y"),
            (Lines{"p.yaml:8:3: pipeline to_key: source logs is incremental, so destination one "
                   "must be a dataset (path_prefix), not the single object s3://bkt/one.csv",
                   "p.yaml:9:3: pipeline to_error: source logs is incremental, so destination "
                   "strict takes mode append, overwrite_partitions or replace, not error (every "
                   "run after the first would find the target exists)",
                   "p.yaml:10:3: pipeline to_two: source logs is incremental, so the pipeline "
                   "writes to exactly one destination (its commit records carry the state), "
                   "not 2"}));
}

TEST(IncrementalSettingsTest, StateLocationIsAString) {
  auto file = Load(R"y(state: s3://bkt/state/
sources: {logs: {uri: s3://bkt/logs/, incremental: {strategy: key}}}
destinations: {lake: {uri: s3://bkt/lake/, format: csv, mode: append}}
)y");
  ASSERT_TRUE(file.ok()) << file.status().ToString();
  EXPECT_EQ(file->state_location, "s3://bkt/state/");
  EXPECT_EQ(Errors("state: [a, b]\nsources: {a: {uri: s3://bkt/a/}}\n"
                   "destinations: {o: {uri: s3://bkt/o/, format: csv}}\n"),
            (Lines{"p.yaml:1:8: state: expected a value, got a list"}));
}

}  // namespace
}  // namespace s3c::pipeline
