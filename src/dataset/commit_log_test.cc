// The commit log (commit_log.h): record keys, JSON both ways with positioned errors, publishing
// with If-None-Match, loading and replay from the newest baseline.
#include "s3c/dataset/commit_log.h"

#include <gtest/gtest.h>

#include "s3c/store/memory_object_store.h"

namespace s3c::dataset {
namespace {

DataFile File(std::string path, PartitionValues values = {}, int64_t rows = 2) {
  DataFile f;
  f.path = std::move(path);
  f.partition_values = std::move(values);
  f.size = 10;
  f.rows = rows;
  f.etag = "e-" + f.path;
  f.modification_time = WallTime(std::chrono::milliseconds(1'700'000'000'123));
  return f;
}

CommitRecord Record(int64_t sequence, std::vector<DataFile> added,
                    std::vector<std::string> removed = {}, bool replaces_all = false) {
  CommitRecord r;
  r.sequence = sequence;
  r.run_id = "run-" + std::to_string(sequence);
  r.time = WallTime(std::chrono::milliseconds(1'700'000'000'000 + sequence));
  r.mode = replaces_all ? "replace" : "append";
  r.added = std::move(added);
  r.removed = std::move(removed);
  r.replaces_all = replaces_all;
  return r;
}

std::vector<std::string> LivePaths(const CommitLog& log) {
  std::vector<std::string> out;
  for (const auto& [path, file] : log.live) out.push_back(path);
  return out;
}

// Why loading "t/" fails ("loaded" when it does not).
std::string LoadError(ObjectStore& store) {
  auto log = LoadCommitLog(store, "t/");
  return log.ok() ? "loaded" : log.status().ToString();
}

TEST(CommitLogTest, RunIdsInNamesTellS3csFiles) {
  EXPECT_TRUE(NameHoldsRunId("a/day=1/part-20261207T093012Z-0123456789ab-00000-00000.parquet"));
  EXPECT_TRUE(NameHoldsRunId("20261207T093012Z-0123456789ab"));
  EXPECT_FALSE(NameHoldsRunId("a/20261207T093012Z-0123456789ab/part-0.csv"));  // a folder's
  EXPECT_FALSE(NameHoldsRunId("part-20261207T093012Z-0123456789a.csv"));       // 11 hex digits
  EXPECT_FALSE(NameHoldsRunId("part-20261207T093012Z-0123456789AB.csv"));      // upper case
  EXPECT_FALSE(NameHoldsRunId("part-2026120XT093012Z-0123456789ab.csv"));
  EXPECT_FALSE(NameHoldsRunId("part-00000.csv"));
  EXPECT_FALSE(NameHoldsRunId(""));
}

TEST(CommitLogTest, KeysAreZeroPaddedSequences) {
  EXPECT_EQ(CommitRecordKey("out/", 42), "out/_s3c/commits/00000000000000000042.json");
  EXPECT_EQ(CommitSequenceOf("out/_s3c/commits/00000000000000000042.json"), 42);
  EXPECT_EQ(CommitSequenceOf("out/_s3c/commits/42.json"), std::nullopt);
  EXPECT_EQ(CommitSequenceOf("out/_s3c/commits/0000000000000000004x.json"), std::nullopt);
  EXPECT_EQ(CommitSequenceOf("out/_s3c/commits/00000000000000000042.tmp"), std::nullopt);
}

TEST(CommitLogTest, RecordJsonRoundTripsWithDeltaFieldNames) {
  CommitRecord r = Record(7, {File("day=2024-01-05/a b.parquet", {{"day", "2024-01-05"}}),
                              File("day=__HIVE_DEFAULT_PARTITION__/c.parquet", {{"day", std::nullopt}})},
                          {"day=2024-01-04/old.parquet"});
  r.partition_by = {"day"};
  r.schema_json = R"([{"name":"id","type":"int64","nullable":false}])";
  r.replaced_partitions = {{{"day", "2024-01-05"}}};
  r.added[0].stats_json = R"({"numRecords":2,"minValues":{"id":1},"maxValues":{"id":2}})";
  const std::string text = CommitRecordJson(r);
  for (const char* field : {"\"partitionValues\":{\"day\":\"2024-01-05\"}", "\"size\":10",
                            "\"modificationTime\":1700000000123", "\"dataChange\":true",
                            "\"stats\":\"{\\\"numRecords\\\":2", "\"rows\":2",
                            "\"deletionTimestamp\":1700000000007", "{\"day\":null}"}) {
    EXPECT_NE(text.find(field), std::string::npos) << field << " in " << text;
  }
  auto back = ParseCommitRecord(text, "mem://t/r.json");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->sequence, 7);
  EXPECT_EQ(back->run_id, "run-7");
  EXPECT_EQ(back->time, r.time);
  EXPECT_EQ(back->mode, "append");
  EXPECT_EQ(back->partition_by, r.partition_by);
  EXPECT_EQ(back->schema_json, r.schema_json);
  EXPECT_EQ(back->replaced_partitions, r.replaced_partitions);
  ASSERT_EQ(back->added.size(), 2u);
  EXPECT_EQ(back->added[0].path, "day=2024-01-05/a b.parquet");
  EXPECT_EQ(back->added[0].stats_json, r.added[0].stats_json);
  EXPECT_EQ(back->added[0].modification_time, r.added[0].modification_time);
  EXPECT_EQ(back->added[1].partition_values, r.added[1].partition_values);
  EXPECT_EQ(back->added[1].etag, "e-day=__HIVE_DEFAULT_PARTITION__/c.parquet");
  EXPECT_EQ(back->removed, r.removed);
}

TEST(CommitLogTest, ParseErrorsNameTheRecordAndThePosition) {
  auto syntax = ParseCommitRecord("{\"format\":\"s3c-commit\",\n \"sequence\" 1}", "mem://t/x.json");
  ASSERT_FALSE(syntax.ok());
  EXPECT_EQ(syntax.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(syntax.status().message().find("mem://t/x.json: line 2"), std::string::npos)
      << syntax.status().ToString();
  std::string text = CommitRecordJson(Record(1, {File("a.csv"), File("b.csv")}));
  text.replace(text.rfind("\"size\":10"), 9, "\"size\":-3");
  auto field = ParseCommitRecord(text, "mem://t/y.json");
  ASSERT_FALSE(field.ok());
  EXPECT_EQ(field.status().message(), "mem://t/y.json: add[1].size: expected a whole number >= 0");
  auto other = ParseCommitRecord("{\"format\":\"delta\"}", "mem://t/z.json");
  ASSERT_FALSE(other.ok());
  EXPECT_EQ(other.status().message(), "mem://t/z.json: format: expected \"s3c-commit\"");
}

TEST(CommitLogTest, ASequenceIsPublishedOnce) {
  MemoryObjectStore store("log-once");
  ASSERT_TRUE(PublishCommitRecord(store, "t/", Record(0, {File("a.csv")})).ok());
  Status again = PublishCommitRecord(store, "t/", Record(0, {File("b.csv")}));
  EXPECT_EQ(again.code(), StatusCode::kFailedPrecondition) << again.ToString();
  auto log = LoadCommitLog(store, "t/");
  ASSERT_TRUE(log.ok()) << log.status().ToString();
  EXPECT_EQ(LivePaths(*log), (std::vector<std::string>{"a.csv"}));
}

TEST(CommitLogTest, ReplayReadsBackToTheNewestReplace) {
  MemoryObjectStore store("log-replay");
  auto log0 = LoadCommitLog(store, "t/");
  ASSERT_TRUE(log0.ok());
  EXPECT_FALSE(log0->has_records());
  EXPECT_EQ(log0->list_requests, 1);
  ASSERT_TRUE(PublishCommitRecord(store, "t/", Record(0, {File("a.csv"), File("b.csv")})).ok());
  ASSERT_TRUE(PublishCommitRecord(store, "t/", Record(1, {File("c.csv")})).ok());
  ASSERT_TRUE(PublishCommitRecord(store, "t/", Record(2, {File("d.csv")}, {"a.csv"})).ok());
  auto log = LoadCommitLog(store, "t/");
  ASSERT_TRUE(log.ok()) << log.status().ToString();
  EXPECT_EQ(LivePaths(*log), (std::vector<std::string>{"b.csv", "c.csv", "d.csv"}));
  EXPECT_EQ(log->retired, (std::set<std::string>{"a.csv"}));
  EXPECT_EQ(log->next_sequence, 3);
  EXPECT_EQ(log->records_read, 3);
  ASSERT_TRUE(PublishCommitRecord(store, "t/",
                                  Record(3, {File("e.csv")}, {"b.csv", "c.csv", "d.csv"}, true))
                  .ok());
  ASSERT_TRUE(PublishCommitRecord(store, "t/", Record(4, {File("f.csv")})).ok());
  // Records 0-2 are behind the replace at 3: not fetched.
  ASSERT_TRUE(store.Put("t/_s3c/commits/00000000000000000000.json", "not json").ok());
  auto after = LoadCommitLog(store, "t/");
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_EQ(LivePaths(*after), (std::vector<std::string>{"e.csv", "f.csv"}));
  EXPECT_EQ(after->records_read, 2);
  EXPECT_EQ(after->get_requests, 2);
  EXPECT_EQ(after->retired, (std::set<std::string>{"b.csv", "c.csv", "d.csv"}));
  // A corrupt record within reach fails, naming it.
  ASSERT_TRUE(store.Put("t/_s3c/commits/00000000000000000004.json", "{").ok());
  const std::string error = LoadError(store);
  EXPECT_NE(error.find("DataLoss: mem://log-replay/t/_s3c/commits/00000000000000000004.json: "),
            std::string::npos)
      << error;
}

TEST(CommitLogTest, ARecordUnderAnotherSequenceNameIsCorrupt) {
  MemoryObjectStore store("log-moved");
  ASSERT_TRUE(store.Put(CommitRecordKey("t/", 5), CommitRecordJson(Record(4, {}))).ok());
  const std::string error = LoadError(store);
  EXPECT_NE(error.find("sequence: expected 5 (the record's name), found 4"), std::string::npos)
      << error;
}

TEST(CommitLogTest, SuccessMarkerPointsAtTheRecord) {
  MemoryObjectStore store("log-success");
  ASSERT_TRUE(WriteSuccessMarker(store, "t/", Record(12, {})).ok());
  auto in = store.OpenInput("t/_SUCCESS");
  ASSERT_TRUE(in.ok());
  auto text = (*in)->ReadAll();
  ASSERT_TRUE(text.ok());
  EXPECT_NE(text->find("\"sequence\":12,\"record\":\"_s3c/commits/00000000000000000012.json\""),
            std::string::npos)
      << *text;
}

}  // namespace
}  // namespace s3c::dataset
