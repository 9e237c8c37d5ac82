// Commit (write/commit.h) on the memory store: each mode with a second run, adoption of a
// prefix written by something else, concurrent commits (threads), zero rows.
#include "s3c/write/commit.h"

#include <gtest/gtest.h>

#include <set>
#include <thread>

#include "s3c/columnar/schema.h"
#include "s3c/store/memory_object_store.h"
#include "support/fake_clock.h"
#include "write/commit_internal.h"
#include "write/write_test_util.h"

namespace s3c::write {
namespace {

using Keys = std::vector<std::string>;

class CommitTest : public ::testing::Test {
 protected:
  Result<CommitResult> Run(WriteMode mode, const std::string& run,
                           std::vector<dataset::DataFile> files,
                           std::vector<std::string> partition_by = {}) {
    CommitOptions options;
    options.clock = &clock_;
    options.partition_by = std::move(partition_by);
    options.run_started = run_started_;
    return Commit(store_, "t/", mode, run, schema_, std::move(files), options);
  }
  dataset::DataFile File(const std::string& path, dataset::PartitionValues values = {}) {
    return PutDataFile(store_, "t/", path, "v\n1\n", std::move(values));
  }

  // Objects written before a run start count as a prefix's content from before s3c.
  void StartRun() {
    clock_.Advance(std::chrono::minutes(1));
    run_started_ = clock_.Now();
  }

  FakeClock clock_{std::chrono::system_clock::now()};
  WallTime run_started_ = clock_.Now();
  MemoryObjectStore store_{"commit", &clock_};
  columnar::Schema schema_{{}};
};

TEST_F(CommitTest, ErrorModeCreatesOnceThenRefusesAndDeletesItsFiles) {
  auto first = Run(WriteMode::kError, "r1", {File("a.csv")});
  ASSERT_TRUE(first.ok()) << first.status().ToString();
  EXPECT_EQ(first->outcome, CommitOutcome::kCommitted);
  EXPECT_EQ(first->sequence, 0);
  EXPECT_EQ(first->record_key, "t/_s3c/commits/00000000000000000000.json");
  EXPECT_EQ(StoredKeys(store_, "t/"),
            (Keys{"_SUCCESS", "_s3c/commits/00000000000000000000.json", "a.csv"}));
  // The check before reading refuses now.
  auto plan = PlanWrite(store_, "t/", WriteTarget::kPrefix, WriteMode::kError);
  ASSERT_FALSE(plan.ok());
  EXPECT_EQ(plan.status().code(), StatusCode::kFailedPrecondition);
  // A run that passed its check before the first committed loses at commit.
  auto second = Run(WriteMode::kError, "r2", {File("b.csv")});
  ASSERT_FALSE(second.ok());
  EXPECT_EQ(second.status().code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(second.status().message(),
            "mem://commit/t/ already exists (mode error): its commit log holds 1 record(s) (1 live "
            "file(s)); this run's 1 data file(s) were deleted");
  EXPECT_EQ(ReadableKeys(store_, "t/"), (Keys{"a.csv"}));
  EXPECT_EQ(ReadableKeys(store_, "t/", true), (Keys{"a.csv"}));  // b.csv is gone
}

TEST_F(CommitTest, IgnoreModeSkipsAnExistingTarget) {
  ASSERT_TRUE(Run(WriteMode::kIgnore, "r1", {File("a.csv")}).ok());
  auto plan = PlanWrite(store_, "t/", WriteTarget::kPrefix, WriteMode::kIgnore);
  ASSERT_TRUE(plan.ok());
  EXPECT_TRUE(plan->skip);
  auto second = Run(WriteMode::kIgnore, "r2", {File("b.csv")});
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->outcome, CommitOutcome::kSkipped);
  EXPECT_EQ(ReadableKeys(store_, "t/", true), (Keys{"a.csv"}));
}

TEST_F(CommitTest, AppendAddsARecordPerRun) {
  ASSERT_TRUE(Run(WriteMode::kAppend, "r1", {File("a.csv")}).ok());
  auto second = Run(WriteMode::kAppend, "r2", {File("b.csv"), File("c.csv")});
  ASSERT_TRUE(second.ok()) << second.status().ToString();
  EXPECT_EQ(second->sequence, 1);
  EXPECT_EQ(ReadableKeys(store_, "t/"), (Keys{"a.csv", "b.csv", "c.csv"}));
  // Zero files: nothing to commit.
  auto empty = Run(WriteMode::kAppend, "r3", {});
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(empty->outcome, CommitOutcome::kUnchanged);
  auto log = dataset::LoadCommitLog(store_, "t/");
  ASSERT_TRUE(log.ok());
  EXPECT_EQ(log->next_sequence, 2);
}

TEST_F(CommitTest, AppendToAPrefixWithoutRecordsAdoptsItsObjects) {
  PutDataFile(store_, "t/", "day=1/old.csv", "v\n7\n");
  PutDataFile(store_, "t/", "_SUCCESS", "");  // hidden: left alone, never adopted
  StartRun();
  auto run = Run(WriteMode::kAppend, "r1", {File("day=2/new.csv", {{"day", "2"}})}, {"day"});
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_EQ(run->files_added, 2);
  EXPECT_EQ(ReadableKeys(store_, "t/"), (Keys{"day=1/old.csv", "day=2/new.csv"}));
  auto log = dataset::LoadCommitLog(store_, "t/");
  ASSERT_TRUE(log.ok());
  const dataset::DataFile& adopted = log->live.at("day=1/old.csv");
  EXPECT_EQ(adopted.rows, -1);
  EXPECT_EQ(adopted.partition_values, (dataset::PartitionValues{{"day", "1"}}));
  EXPECT_FALSE(adopted.etag.empty());
}

TEST_F(CommitTest, AConcurrentRunsFileInFlightIsNeitherAdoptedNorRead) {
  PutDataFile(store_, "t/", "legacy.csv", "v\n1\n");
  StartRun();
  File("theirs-in-flight.csv");  // written after this run started: another run's
  auto run = Run(WriteMode::kAppend, "r1", {File("mine.csv")});
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_EQ(ReadableKeys(store_, "t/"), (Keys{"legacy.csv", "mine.csv"}));
  EXPECT_EQ(run->garbage.orphans_young, 1);
}

TEST_F(CommitTest, ReplaceLeavesExactlyTheNewOutputAlsoWithZeroRows) {
  ASSERT_TRUE(Run(WriteMode::kAppend, "r1", {File("a.csv"), File("b.csv")}).ok());
  auto replaced = Run(WriteMode::kReplace, "r2", {File("c.csv")});
  ASSERT_TRUE(replaced.ok()) << replaced.status().ToString();
  EXPECT_EQ(replaced->files_removed, 2);
  EXPECT_TRUE(replaced->cleanup.ok()) << replaced->cleanup.ToString();
  EXPECT_EQ(ReadableKeys(store_, "t/"), (Keys{"c.csv"}));
  EXPECT_EQ(ReadableKeys(store_, "t/", true), (Keys{"c.csv"}));  // the old files are deleted
  auto zero = Run(WriteMode::kReplace, "r3", {});
  ASSERT_TRUE(zero.ok()) << zero.status().ToString();
  EXPECT_EQ(zero->outcome, CommitOutcome::kCommitted);
  EXPECT_EQ(ReadableKeys(store_, "t/"), Keys{});
  EXPECT_EQ(StoredKeys(store_, "t/"), (Keys{"_SUCCESS", "_s3c/commits/00000000000000000000.json",
                                            "_s3c/commits/00000000000000000001.json",
                                            "_s3c/commits/00000000000000000002.json"}));
}

TEST_F(CommitTest, ReplaceOfAPrefixWithoutRecordsDeletesWhatWasThere) {
  PutDataFile(store_, "t/", "legacy/x.csv", "v\n1\n");
  StartRun();
  auto run = Run(WriteMode::kReplace, "r1", {File("y.csv")});
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_EQ(ReadableKeys(store_, "t/", true), (Keys{"y.csv"}));
}

TEST_F(CommitTest, OverwritePartitionsReplacesOnlyThePartitionsWritten) {
  ASSERT_TRUE(Run(WriteMode::kAppend, "r1",
                  {File("day=1/a.csv", {{"day", "1"}}), File("day=2/a.csv", {{"day", "2"}}),
                   File("day=2/b.csv", {{"day", "2"}})},
                  {"day"})
                  .ok());
  auto run = Run(WriteMode::kOverwritePartitions, "r2",
                 {File("day=2/c.csv", {{"day", "2"}}), File("day=3/c.csv", {{"day", "3"}})},
                 {"day"});
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_EQ(run->files_removed, 2);
  EXPECT_EQ(ReadableKeys(store_, "t/"), (Keys{"day=1/a.csv", "day=2/c.csv", "day=3/c.csv"}));
  // Zero rows change nothing.
  auto zero = Run(WriteMode::kOverwritePartitions, "r3", {}, {"day"});
  ASSERT_TRUE(zero.ok());
  EXPECT_EQ(zero->outcome, CommitOutcome::kUnchanged);
  EXPECT_EQ(ReadableKeys(store_, "t/", true), (Keys{"day=1/a.csv", "day=2/c.csv", "day=3/c.csv"}));
}

TEST_F(CommitTest, OverwritePartitionsOfAPrefixWithoutRecordsAdoptsTheOthers) {
  PutDataFile(store_, "t/", "day=1/old.csv", "v\n1\n");
  PutDataFile(store_, "t/", "day=2/old.csv", "v\n2\n");
  StartRun();
  auto run = Run(WriteMode::kOverwritePartitions, "r1", {File("day=2/new.csv", {{"day", "2"}})},
                 {"day"});
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_EQ(ReadableKeys(store_, "t/", true), (Keys{"day=1/old.csv", "day=2/new.csv"}));
  EXPECT_EQ(ReadableKeys(store_, "t/"), (Keys{"day=1/old.csv", "day=2/new.csv"}));
}

TEST_F(CommitTest, OfTwoConcurrentErrorRunsExactlyOneWins) {
  for (int round = 0; round < 5; ++round) {
    const std::string root = "race" + std::to_string(round) + "/";
    auto a = PutDataFile(store_, root, "a.csv", "v\n1\n");
    auto b = PutDataFile(store_, root, "b.csv", "v\n2\n");
    Result<CommitResult> ra = InternalError("not run"), rb = InternalError("not run");
    CommitOptions options;
    options.clock = &clock_;
    options.run_started = run_started_;
    std::thread ta([&] { ra = Commit(store_, root, WriteMode::kError, "ra", schema_, {a}, options); });
    std::thread tb([&] { rb = Commit(store_, root, WriteMode::kError, "rb", schema_, {b}, options); });
    ta.join();
    tb.join();
    ASSERT_NE(ra.ok(), rb.ok()) << ra.status().ToString() << " / " << rb.status().ToString();
    const Status& lost = ra.ok() ? rb.status() : ra.status();
    EXPECT_EQ(lost.code(), StatusCode::kFailedPrecondition) << lost.ToString();
    const Keys winner = {ra.ok() ? "a.csv" : "b.csv"};
    EXPECT_EQ(ReadableKeys(store_, root), winner);
    EXPECT_EQ(ReadableKeys(store_, root, true), winner);  // the loser deleted its file
  }
}

TEST_F(CommitTest, ConcurrentAppendsTakeDistinctSequences) {
  constexpr int kRuns = 6;
  std::vector<dataset::DataFile> files;
  for (int i = 0; i < kRuns; ++i) files.push_back(File("f" + std::to_string(i) + ".csv"));
  std::vector<Result<CommitResult>> results(kRuns, InternalError("not run"));
  std::vector<std::thread> threads;
  CommitOptions options;
  options.clock = &clock_;
  options.run_started = run_started_;
  for (int i = 0; i < kRuns; ++i) {
    threads.emplace_back([&, i] {
      results[i] = Commit(store_, "t/", WriteMode::kAppend, "r" + std::to_string(i), schema_,
                          {files[i]}, options);
    });
  }
  for (auto& t : threads) t.join();
  std::set<int64_t> sequences;
  for (auto& r : results) {
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    sequences.insert(r->sequence);
  }
  EXPECT_EQ(sequences, (std::set<int64_t>{0, 1, 2, 3, 4, 5}));
  EXPECT_EQ(ReadableKeys(store_, "t/").size(), static_cast<size_t>(kRuns));
}

TEST_F(CommitTest, AFileAConcurrentReplaceRemovedIsNotCommitted) {
  dataset::CommitLog log;
  log.next_sequence = 3;
  log.retired = {"mine.csv"};
  CommitInputs in;
  in.mode = WriteMode::kAppend;
  in.run_id = "late";
  dataset::DataFile f;
  f.path = "mine.csv";
  in.added = {f};
  auto draft = DraftRecord(log, {}, in);
  ASSERT_FALSE(draft.ok());
  EXPECT_EQ(draft.status().code(), StatusCode::kAborted);
}

TEST_F(CommitTest, CommittingTheSameFilesAgainPublishesNothing) {
  auto a = File("a.csv");
  ASSERT_TRUE(Run(WriteMode::kAppend, "r1", {a}).ok());
  auto again = Run(WriteMode::kAppend, "r1", {a});
  ASSERT_TRUE(again.ok()) << again.status().ToString();
  EXPECT_EQ(again->sequence, -1);
  auto log = dataset::LoadCommitLog(store_, "t/");
  ASSERT_TRUE(log.ok());
  EXPECT_EQ(log->next_sequence, 1);
}

// Checkpoints (CommitOptions::checkpoint_interval 3): written by the commits of records 3
// and 6 only, each the replay up to its record (6's drafted on the log loaded from 3's and
// records 4, 5); loading then reads the newest and the records after it; garbage collection
// past the grace keeps them; interval 0 writes none.
TEST_F(CommitTest, CheckpointsAreWrittenAtMultiplesOfTheInterval) {
  int64_t state_sequence = 0;
  auto run = [&](WriteMode mode, const std::string& id, std::vector<dataset::DataFile> files,
                 int interval = 3) {
    CommitOptions options;
    options.clock = &clock_;
    options.partition_by = {"day"};
    options.checkpoint_interval = interval;
    options.state = dataset::RecordedState{"p/" + id.substr(0, 1), ++state_sequence,
                                           "{\"run\":\"" + id + "\"}"};
    auto result = Commit(store_, "t/", mode, id, schema_, std::move(files), options);
    EXPECT_TRUE(result.ok()) << result.status().ToString();
    if (!result.ok()) return std::string("error");
    EXPECT_TRUE(result->cleanup.ok()) << result->cleanup.ToString();
    return result->checkpoint_key;
  };
  auto day = [&](const std::string& d, const std::string& name) {
    return File("day=" + d + "/" + name, {{"day", d}});
  };
  Keys written;
  written.push_back(run(WriteMode::kAppend, "a0", {day("1", "a0.csv"), day("2", "a0.csv")}));
  written.push_back(run(WriteMode::kReplace, "b1", {day("1", "b1.csv"), day("2", "b1.csv")}));
  written.push_back(run(WriteMode::kAppend, "a2", {day("3", "a2.csv")}));
  written.push_back(run(WriteMode::kOverwritePartitions, "b3", {day("1", "b3.csv")}));
  written.push_back(run(WriteMode::kAppend, "a4", {day("4", "a4.csv")}));
  written.push_back(run(WriteMode::kOverwritePartitions, "b5", {day("3", "b5.csv")}));
  written.push_back(run(WriteMode::kAppend, "a6", {day("2", "a6.csv")}));
  written.push_back(run(WriteMode::kAppend, "a7", {day("4", "a7.csv")}));
  written.push_back(run(WriteMode::kAppend, "b8", {day("5", "b8.csv")}));
  EXPECT_EQ(written, (Keys{"", "", "", "t/_s3c/commits/00000000000000000003.checkpoint.json", "",
                           "", "t/_s3c/commits/00000000000000000006.checkpoint.json", "", ""}));
  auto log = dataset::LoadCommitLog(store_, "t/");
  ASSERT_TRUE(log.ok()) << log.status().ToString();
  EXPECT_EQ(log->checkpoint_sequence, 6);
  EXPECT_EQ(log->records_read, 2);
  EXPECT_EQ(log->get_requests, 3);
  const Keys live_now{"day=1/b3.csv", "day=2/a6.csv", "day=2/b1.csv", "day=3/b5.csv",
                      "day=4/a4.csv", "day=4/a7.csv", "day=5/b8.csv"};
  EXPECT_EQ(ReadableKeys(store_, "t/"), live_now);
  // Checkpoint 6 holds what records 1 (the replace) to 6 say.
  auto text = store_.OpenInput("t/_s3c/commits/00000000000000000006.checkpoint.json");
  ASSERT_TRUE(text.ok());
  auto checkpoint = dataset::ParseCheckpoint(*(*text)->ReadAll(), "6");
  ASSERT_TRUE(checkpoint.ok()) << checkpoint.status().ToString();
  Keys live;
  for (const auto& [path, file] : checkpoint->live) live.push_back(path);
  EXPECT_EQ(live,
            (Keys{"day=1/b3.csv", "day=2/a6.csv", "day=2/b1.csv", "day=3/b5.csv", "day=4/a4.csv"}));
  EXPECT_EQ(checkpoint->retired, (std::set<std::string>{"day=1/a0.csv", "day=1/b1.csv",
                                                        "day=2/a0.csv", "day=3/a2.csv"}));
  EXPECT_EQ(checkpoint->partition_by, (Keys{"day"}));
  EXPECT_EQ(checkpoint->states.at("p/a"), (dataset::RecordedState{"p/a", 7, R"({"run":"a6"})"}));
  EXPECT_EQ(checkpoint->states.at("p/b"), (dataset::RecordedState{"p/b", 6, R"({"run":"b5"})"}));
  // Past the grace, garbage collection deletes an orphan, never the log; interval 0 writes
  // no checkpoint at 9.
  File("orphan.csv");
  clock_.Advance(std::chrono::hours(2));
  EXPECT_EQ(run(WriteMode::kAppend, "a9", {day("5", "a9.csv")}, /*interval=*/0), "");
  Keys log_keys = StoredKeys(store_, "t/_s3c/commits/");
  std::erase_if(log_keys, [](const std::string& k) { return !dataset::CheckpointSequenceOf(k); });
  EXPECT_EQ(log_keys,
            (Keys{"00000000000000000003.checkpoint.json", "00000000000000000006.checkpoint.json"}));
  EXPECT_EQ(StoredKeys(store_, "t/_s3c/commits/").size(), 12u);  // 10 records, 2 checkpoints
  EXPECT_EQ(ReadableKeys(store_, "t/", true).size(), live_now.size() + 1);  // a9's, no orphan
}

}  // namespace
}  // namespace s3c::write
