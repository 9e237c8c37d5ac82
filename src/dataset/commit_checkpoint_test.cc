// Commit-log checkpoints (commit_log.h): a history of 250 records checkpointed every 100 the
// way Commit does it loads from the newest checkpoint with exactly the GETs it needs and to the
// same log as the records alone; a newer baseline makes the checkpoint unneeded; a corrupt
// checkpoint falls back to the records; FindRecordedState stops at the checkpoint.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <atomic>

#include "s3c/dataset/commit_log.h"
#include "s3c/store/memory_object_store.h"
#include "support/forwarding_store.h"

namespace s3c::dataset {
namespace {

constexpr int kInterval = 100;

// Counts the objects opened for reading (the GETs of the log).
class CountingStore final : public testing::ForwardingStore {
 public:
  explicit CountingStore(ObjectStore& inner) : ForwardingStore(inner) {}
  Result<std::unique_ptr<InputStream>> OpenInput(const std::string& key,
                                                 const ReadOptions& o = {}) override {
    ++opened;
    if (CheckpointSequenceOf(key)) ++checkpoints_opened;
    return inner_.OpenInput(key, o);
  }
  std::atomic<int64_t> opened{0};
  std::atomic<int64_t> checkpoints_opened{0};
};

DataFile File(int64_t sequence, const std::string& day) {
  DataFile f;
  f.path = fmt::format("day={}/part-{:03}.parquet", day, sequence);
  f.partition_values = {{"day", day}};
  f.size = 100 + static_cast<uint64_t>(sequence);
  f.rows = sequence;
  f.etag = fmt::format("etag-{}", sequence);
  f.modification_time = WallTime(std::chrono::milliseconds(1'700'000'000'000 + sequence));
  f.stats_json = fmt::format(R"({{"numRecords":{}}})", sequence);
  return f;
}

// The record a run at `sequence` makes on top of `log`: appends to one of seven days; every
// 10th overwrites its day's partition (removing the live files there); record 30 replaces
// all; states of two pipelines: "p/hourly" every 3rd record, "p/daily" at 5 and 152 only (so
// its newest state is older than the newest checkpoint's window of records).
CommitRecord RecordAt(int64_t sequence, const CommitLog& log) {
  CommitRecord r;
  r.sequence = sequence;
  r.run_id = fmt::format("run-{}", sequence);
  r.time = WallTime(std::chrono::milliseconds(1'700'000'000'000 + sequence));
  r.partition_by = {"day"};
  const std::string day = fmt::format("2024-01-0{}", 1 + sequence % 7);
  r.added.push_back(File(sequence, day));
  r.mode = "append";
  if (sequence == 30) {
    r.mode = "replace";
    r.replaces_all = true;
    for (const auto& [path, file] : log.live) r.removed.push_back(path);
  } else if (sequence % 10 == 0) {
    r.mode = "overwrite_partitions";
    r.replaced_partitions = {{{"day", day}}};
    for (const auto& [path, file] : log.live) {
      if (file.partition_values == r.replaced_partitions[0]) r.removed.push_back(path);
    }
  }
  if (sequence % 3 == 0) {
    r.state = RecordedState{"p/hourly", sequence + 1, fmt::format(R"({{"at":{}}})", sequence)};
  } else if (sequence == 5 || sequence == 152) {
    r.state = RecordedState{"p/daily", sequence, fmt::format(R"({{"day":{}}})", sequence)};
  }
  return r;
}

// Appends records `from`..`to` as Commit does: load the log, draft, publish, replay the
// record, checkpoint when due.
void Append(ObjectStore& store, int64_t from, int64_t to) {
  for (int64_t sequence = from; sequence <= to; ++sequence) {
    auto log = LoadCommitLog(store, "t/");
    ASSERT_TRUE(log.ok()) << log.status().ToString();
    ASSERT_EQ(log->next_sequence, sequence);
    CommitRecord record = RecordAt(sequence, *log);
    ASSERT_TRUE(PublishCommitRecord(store, "t/", record).ok());
    ApplyCommitRecord(record, &*log);
    if (sequence > 0 && sequence % kInterval == 0) {
      ASSERT_TRUE(PublishCheckpoint(store, "t/", *log).ok());
    }
  }
}

// The log loaded from the records alone (the checkpoints left out of the listing).
CommitLog LoadFromRecords(ObjectStore& store) {
  ListOptions options;
  options.prefix = "t/_s3c/commits/";
  auto listed = store.ListAll(options);
  EXPECT_TRUE(listed.ok());
  std::erase_if(*listed, [](const ObjectInfo& o) { return !CommitSequenceOf(o.key); });
  auto log = LoadCommitLogFrom(store, "t/", *listed);
  EXPECT_TRUE(log.ok()) << log.status().ToString();
  return log.ok() ? *log : CommitLog{};
}

void ExpectSameLog(const CommitLog& got, const CommitLog& want) {
  EXPECT_EQ(got.next_sequence, want.next_sequence);
  EXPECT_EQ(got.partition_by, want.partition_by);
  EXPECT_EQ(got.retired, want.retired);
  EXPECT_EQ(got.states, want.states);
  ASSERT_EQ(got.live.size(), want.live.size());
  for (const auto& [path, w] : want.live) {
    auto g = got.live.find(path);
    ASSERT_NE(g, got.live.end()) << path;
    EXPECT_EQ(g->second.partition_values, w.partition_values) << path;
    EXPECT_EQ(g->second.size, w.size) << path;
    EXPECT_EQ(g->second.rows, w.rows) << path;
    EXPECT_EQ(g->second.etag, w.etag) << path;
    EXPECT_EQ(g->second.modification_time, w.modification_time) << path;
    EXPECT_EQ(g->second.stats_json, w.stats_json) << path;
  }
}

class CommitCheckpointTest : public ::testing::Test {
 protected:
  void SetUp() override { Append(memory_, 0, 249); }

  MemoryObjectStore memory_{"checkpoint"};
  CountingStore store_{memory_};
};

TEST_F(CommitCheckpointTest, KeysNameTheSequenceAndAreNoRecords) {
  EXPECT_EQ(CheckpointKey("out/", 200), "out/_s3c/commits/00000000000000000200.checkpoint.json");
  EXPECT_EQ(CheckpointSequenceOf("out/_s3c/commits/00000000000000000200.checkpoint.json"), 200);
  EXPECT_EQ(CheckpointSequenceOf("out/_s3c/commits/00000000000000000200.json"), std::nullopt);
  EXPECT_EQ(CommitSequenceOf("out/_s3c/commits/00000000000000000200.checkpoint.json"),
            std::nullopt);
  EXPECT_EQ(CheckpointSequenceOf("out/_s3c/commits/200.checkpoint.json"), std::nullopt);
  for (int64_t s : {100, 200}) EXPECT_TRUE(memory_.Stat(CheckpointKey("t/", s)).ok()) << s;
  EXPECT_FALSE(memory_.Stat(CheckpointKey("t/", 0)).ok());    // record 0: never
  EXPECT_FALSE(memory_.Stat(CheckpointKey("t/", 150)).ok());  // not a multiple of 100
  // Another run's checkpoint of the same log is already there: refused, harmlessly (a log
  // that differed would be a bug; the one there stays).
  auto at200 = memory_.OpenInput(CheckpointKey("t/", 200));
  ASSERT_TRUE(at200.ok());
  const std::string before = *(*at200)->ReadAll();
  auto log = ParseCheckpoint(before, "200");
  ASSERT_TRUE(log.ok()) << log.status().ToString();
  log->partition_by = {"other"};
  EXPECT_TRUE(PublishCheckpoint(memory_, "t/", *log).ok());
  auto after = memory_.OpenInput(CheckpointKey("t/", 200));
  ASSERT_TRUE(after.ok());
  EXPECT_EQ(*(*after)->ReadAll(), before);
}

TEST_F(CommitCheckpointTest, LoadingReadsTheNewestCheckpointAndTheRecordsAfterIt) {
  auto log = LoadCommitLog(store_, "t/");
  ASSERT_TRUE(log.ok()) << log.status().ToString();
  EXPECT_EQ(log->checkpoint_sequence, 200);
  EXPECT_EQ(log->checkpoint_fallback, "");
  EXPECT_EQ(log->records_read, 49);  // 201..249
  EXPECT_EQ(log->get_requests, 50);
  EXPECT_EQ(store_.opened, 50);
  EXPECT_EQ(store_.checkpoints_opened, 1);
  // The same log as the records back to the replace at 30 (220 GETs).
  const CommitLog full = LoadFromRecords(memory_);
  EXPECT_EQ(full.records_read, 220);
  EXPECT_EQ(full.checkpoint_sequence, -1);
  ExpectSameLog(*log, full);
  // The history means something: files retired by overwrites and the replace, both states.
  EXPECT_GT(full.retired.size(), 30u);
  EXPECT_EQ(full.states.size(), 2u);
  EXPECT_EQ(full.states.at("p/daily").sequence, 152);
  EXPECT_EQ(full.states.at("p/hourly").sequence, 250);  // record 249's
  // One more record: 50 records after the checkpoint.
  Append(memory_, 250, 250);
  auto more = LoadCommitLog(store_, "t/");
  ASSERT_TRUE(more.ok()) << more.status().ToString();
  EXPECT_EQ(more->records_read, 50);
  EXPECT_EQ(more->get_requests, 51);
  ExpectSameLog(*more, LoadFromRecords(memory_));
}

TEST_F(CommitCheckpointTest, ABaselineAfterTheCheckpointIsEnough) {
  CommitLog log = LoadFromRecords(memory_);
  CommitRecord replace = RecordAt(250, log);
  replace.mode = "replace";
  replace.replaces_all = true;
  replace.replaced_partitions.clear();
  replace.removed.clear();
  for (const auto& [path, file] : log.live) replace.removed.push_back(path);
  ASSERT_TRUE(PublishCommitRecord(memory_, "t/", replace).ok());
  Append(memory_, 251, 252);
  store_.opened = 0;
  auto loaded = LoadCommitLog(store_, "t/");
  ASSERT_TRUE(loaded.ok()) << loaded.status().ToString();
  EXPECT_EQ(loaded->checkpoint_sequence, -1);
  EXPECT_EQ(loaded->get_requests, 3);  // 252, 251, the replace at 250
  EXPECT_EQ(store_.checkpoints_opened, 0);
  EXPECT_EQ(loaded->live.size(), 3u);
}

TEST_F(CommitCheckpointTest, ACorruptCheckpointFallsBackToTheRecords) {
  ASSERT_TRUE(memory_.Put(CheckpointKey("t/", 200), R"({"format":"s3c-checkpoint",)").ok());
  auto log = LoadCommitLog(store_, "t/");
  ASSERT_TRUE(log.ok()) << log.status().ToString();
  EXPECT_EQ(log->checkpoint_sequence, -1);
  EXPECT_NE(log->checkpoint_fallback.find(
                "DataLoss: mem://checkpoint/t/_s3c/commits/00000000000000000200.checkpoint.json"),
            std::string::npos)
      << log->checkpoint_fallback;
  EXPECT_EQ(log->records_read, 220);  // 249 back to the replace at 30
  EXPECT_EQ(log->get_requests, 221);
  ExpectSameLog(*log, LoadFromRecords(memory_));
  // A checkpoint under another sequence's name is corrupt too.
  auto at100 = memory_.OpenInput(CheckpointKey("t/", 100));
  ASSERT_TRUE(at100.ok());
  ASSERT_TRUE(memory_.Put(CheckpointKey("t/", 200), *(*at100)->ReadAll()).ok());
  auto moved = LoadCommitLog(store_, "t/");
  ASSERT_TRUE(moved.ok()) << moved.status().ToString();
  EXPECT_NE(
      moved->checkpoint_fallback.find("sequence: expected 200 (the checkpoint's name), found 100"),
      std::string::npos)
      << moved->checkpoint_fallback;
  // One past the newest record is not used.
  ASSERT_TRUE(memory_.Put(CheckpointKey("t/", 300), "not read").ok());
  ASSERT_TRUE(memory_.DeleteMany({CheckpointKey("t/", 200)}).ok());
  auto ahead = LoadCommitLog(store_, "t/");
  ASSERT_TRUE(ahead.ok()) << ahead.status().ToString();
  EXPECT_EQ(ahead->checkpoint_sequence, 100);
  EXPECT_EQ(ahead->records_read, 149);
  ExpectSameLog(*ahead, LoadFromRecords(memory_));
}

TEST_F(CommitCheckpointTest, FindRecordedStateStopsAtTheCheckpoint) {
  // "p/daily" was last recorded at 152: found in checkpoint 200 after records 249..201.
  auto daily = FindRecordedState(store_, "t/", "p/daily");
  ASSERT_TRUE(daily.ok()) << daily.status().ToString();
  ASSERT_TRUE(daily->has_value());
  EXPECT_EQ((*daily)->sequence, 152);
  EXPECT_EQ((*daily)->json, R"({"day":152})");
  EXPECT_EQ(store_.opened, 50);
  EXPECT_EQ(store_.checkpoints_opened, 1);
  // An id no record holds: the same 50 GETs, not 220.
  store_.opened = 0;
  auto none = FindRecordedState(store_, "t/", "p/never");
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_FALSE(none->has_value());
  EXPECT_EQ(store_.opened, 50);
  // The newest record holds "p/hourly": one GET.
  store_.opened = 0;
  auto hourly = FindRecordedState(store_, "t/", "p/hourly");
  ASSERT_TRUE(hourly.ok() && hourly->has_value());
  EXPECT_EQ((*hourly)->sequence, 250);
  EXPECT_EQ(store_.opened, 1);
  // An unreadable checkpoint: the records before it are read on.
  ASSERT_TRUE(memory_.Put(CheckpointKey("t/", 200), "{").ok());
  store_.opened = 0;
  auto fallback = FindRecordedState(store_, "t/", "p/daily");
  ASSERT_TRUE(fallback.ok() && fallback->has_value());
  EXPECT_EQ((*fallback)->sequence, 152);
  EXPECT_EQ(store_.opened, 99);  // 249..152 and the checkpoint
}

TEST_F(CommitCheckpointTest, CheckpointJsonRoundTripsAndNamesBadMembers) {
  CommitLog log = LoadFromRecords(memory_);
  const std::string text = CheckpointJson(log);
  EXPECT_EQ(text.rfind(R"({"format":"s3c-checkpoint","version":1,"sequence":249,)", 0), 0u)
      << text.substr(0, 80);
  auto back = ParseCheckpoint(text, "mem://c");
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  ExpectSameLog(*back, log);
  // Unknown members are ignored.
  auto extended = ParseCheckpoint(R"({"format":"s3c-checkpoint","version":1,"sequence":3,)"
                                  R"("later":{"x":1},"live":[]})",
                                  "mem://c");
  ASSERT_TRUE(extended.ok()) << extended.status().ToString();
  EXPECT_EQ(extended->next_sequence, 4);
  std::string bad = text;
  const size_t second_size = bad.find("\"size\":", bad.find("\"size\":") + 1);
  bad.replace(second_size, 7, "\"size\":\"x\",\"was\":");
  auto field = ParseCheckpoint(bad, "mem://c");
  ASSERT_FALSE(field.ok());
  EXPECT_EQ(field.status().code(), StatusCode::kDataLoss);
  EXPECT_EQ(field.status().message(), "mem://c: live[1].size: expected a whole number >= 0");
  auto state = ParseCheckpoint(R"({"format":"s3c-checkpoint","version":1,"sequence":3,)"
                               R"("states":[{"id":"a","sequence":1,"state":[]}]})",
                               "mem://c");
  ASSERT_FALSE(state.ok());
  EXPECT_EQ(state.status().message(),
            "mem://c: states[0].state: expected an object (the incremental state)");
  auto record = ParseCheckpoint(CommitRecordJson(RecordAt(1, log)), "mem://c");
  ASSERT_FALSE(record.ok());
  EXPECT_EQ(record.status().message(), "mem://c: format: expected \"s3c-checkpoint\"");
}

}  // namespace
}  // namespace s3c::dataset
