// Commit (write/commit.h) when a run dies: after some data files (no record: readers see the
// previous output; orphans are deleted once older than the grace), after the record but before
// _SUCCESS or before the replaced files are deleted (readers see exactly the new output; the
// next run converges); a kill during a multipart upload leaves it in progress (the next commit
// aborts it after the grace); entries are checked before any record claims them.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "s3c/columnar/schema.h"
#include "s3c/store/memory_object_store.h"
#include "s3c/write/commit.h"
#include "support/fake_clock.h"
#include "write/write_test_util.h"

namespace s3c::write {
namespace {

using Keys = std::vector<std::string>;
using std::chrono::minutes;

class CommitFailuresTest : public ::testing::Test {
 protected:
  Result<CommitResult> Run(ObjectStore& store, WriteMode mode, const std::string& run,
                           std::vector<dataset::DataFile> files) {
    CommitOptions options;
    options.clock = &clock_;
    return Commit(store, "t/", mode, run, schema_, std::move(files), options);
  }
  dataset::DataFile File(const std::string& path) {
    return PutDataFile(store_, "t/", path, "v\n1\n");
  }

  FakeClock clock_{std::chrono::system_clock::now()};
  MemoryObjectStore store_{"commit-failures", &clock_};
  columnar::Schema schema_{{}};
};

TEST_F(CommitFailuresTest, AKillAfterDataFilesLeavesThePreviousOutputAndOrphansGoLater) {
  ASSERT_TRUE(Run(store_, WriteMode::kAppend, "r1", {File("a.csv")}).ok());
  File("killed-1.csv");  // a run that died before its commit
  File("killed-2.csv");
  EXPECT_EQ(ReadableKeys(store_, "t/"), (Keys{"a.csv"}));
  EXPECT_EQ(ReadableKeys(store_, "t/", true), (Keys{"a.csv", "killed-1.csv", "killed-2.csv"}));
  // Ten minutes later the next run keeps them: they may be a running write's.
  clock_.Advance(minutes(10));
  auto soon = Run(store_, WriteMode::kAppend, "r2", {File("b.csv")});
  ASSERT_TRUE(soon.ok()) << soon.status().ToString();
  EXPECT_EQ(soon->garbage.orphans_young, 2);
  EXPECT_EQ(soon->garbage.orphans_deleted, 0);
  // Past the grace period (one hour by default) the next run deletes them.
  clock_.Advance(minutes(55));
  auto later = Run(store_, WriteMode::kAppend, "r3", {File("c.csv")});
  ASSERT_TRUE(later.ok()) << later.status().ToString();
  EXPECT_EQ(later->garbage.orphans_deleted, 2);
  EXPECT_EQ(ReadableKeys(store_, "t/", true), (Keys{"a.csv", "b.csv", "c.csv"}));
  EXPECT_EQ(ReadableKeys(store_, "t/"), (Keys{"a.csv", "b.csv", "c.csv"}));
}

TEST_F(CommitFailuresTest, AKillBeforeSuccessStillShowsTheNewOutputAndTheRerunConverges) {
  ASSERT_TRUE(Run(store_, WriteMode::kAppend, "r1", {File("old.csv")}).ok());
  FailingStore dying(store_);
  dying.fail_put = [](const std::string& key) { return key == "t/_SUCCESS"; };
  dying.fail_deletes = true;  // and it dies before deleting what it replaced
  auto run = Run(dying, WriteMode::kReplace, "r2", {File("new.csv")});
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_EQ(run->sequence, 1);
  EXPECT_FALSE(run->cleanup.ok());
  EXPECT_NE(run->cleanup.message().find("injected failure: PUT t/_SUCCESS"), std::string::npos)
      << run->cleanup.ToString();
  EXPECT_EQ(ReadableKeys(store_, "t/"), (Keys{"new.csv"}));
  EXPECT_EQ(ReadableKeys(store_, "t/", true), (Keys{"new.csv", "old.csv"}));
  // The same replace again: the retired file goes at once (no grace: a record removed it).
  auto rerun = Run(store_, WriteMode::kReplace, "r3", {File("new-2.csv")});
  ASSERT_TRUE(rerun.ok()) << rerun.status().ToString();
  EXPECT_TRUE(rerun->cleanup.ok()) << rerun->cleanup.ToString();
  EXPECT_EQ(rerun->garbage.retired_deleted, 1);
  EXPECT_EQ(ReadableKeys(store_, "t/", true), (Keys{"new-2.csv"}));
  EXPECT_EQ(StoredKeys(store_, "t/").front(), "_SUCCESS");
}

TEST_F(CommitFailuresTest, AKillDuringAMultipartUploadIsAbortedAfterTheGrace) {
  ASSERT_TRUE(Run(store_, WriteMode::kAppend, "r1", {File("a.csv")}).ok());
  FailingStore s3_like(store_);
  const WallTime now = clock_.Now();
  s3_like.pending = {
      PendingUpload{"t/killed.parquet", "old", now - minutes(61)},
      PendingUpload{"t/p=1/_x.csv", "other-tool", now - minutes(120)},  // '_' name: kept
      PendingUpload{"t/p=1/running.parquet", "young", now - minutes(10)},
      PendingUpload{"u/elsewhere.csv", "outside", now - minutes(120)},  // not under the root
  };
  auto run = Run(s3_like, WriteMode::kAppend, "r2", {File("b.csv")});
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_TRUE(run->cleanup.ok()) << run->cleanup.ToString();
  EXPECT_EQ(run->garbage.uploads_aborted, 1);
  EXPECT_EQ(run->garbage.uploads_young, 1);
  EXPECT_EQ(s3_like.aborted, (Keys{"old"}));
  EXPECT_EQ(s3_like.upload_lists, 1);
  // Past the grace the running write's upload is a killed one too.
  clock_.Advance(minutes(51));
  s3_like.fail_aborts = true;
  auto failing = Run(s3_like, WriteMode::kAppend, "r3", {File("c.csv")});
  ASSERT_TRUE(failing.ok()) << failing.status().ToString();  // the commit stands
  EXPECT_EQ(failing->cleanup.code(), StatusCode::kUnavailable);
  EXPECT_NE(failing->cleanup.message().find(
                "multipart upload young of mem://commit-failures/t/p=1/running.parquet"),
            std::string::npos)
      << failing->cleanup.ToString();
  EXPECT_EQ(ReadableKeys(store_, "t/"), (Keys{"a.csv", "b.csv", "c.csv"}));
  s3_like.fail_aborts = false;
  auto rerun = Run(s3_like, WriteMode::kAppend, "r4", {File("d.csv")});
  ASSERT_TRUE(rerun.ok()) << rerun.status().ToString();
  EXPECT_EQ(rerun->garbage.uploads_aborted, 1);
  EXPECT_EQ(s3_like.aborted, (Keys{"old", "young"}));
  // A root without records is left alone: its uploads may be another tool's.
  CommitOptions options;
  options.clock = &clock_;
  auto legacy = CollectGarbage(s3_like, "u/", dataset::CommitLog{}, options);
  ASSERT_TRUE(legacy.ok()) << legacy.status().ToString();
  EXPECT_EQ(legacy->uploads_aborted, 0);
  EXPECT_EQ(s3_like.upload_lists, 3);
}

// State documents of incremental runs (docs/incremental.md) that no record's newest state
// names: a killed run's goes once older than the grace; the one the newest record names stays.
TEST_F(CommitFailuresTest, StateDocumentsNoRecordNamesGoAfterTheGrace) {
  auto commit_with_state = [&](const std::string& run, int64_t sequence,
                               const std::string& data_file) {
    const std::string ref = fmt::format("_s3c/state/{:020}-{}.json", sequence, run);
    EXPECT_TRUE(store_.Put("t/" + ref, "{}").ok());
    CommitOptions options;
    options.clock = &clock_;
    options.state = dataset::RecordedState{"p/s/d", sequence, R"({"ref":")" + ref + R"("})"};
    return Commit(store_, "t/", WriteMode::kAppend, run, schema_, {File(data_file)}, options);
  };
  ASSERT_TRUE(commit_with_state("r1", 1, "a.csv").ok());
  ASSERT_TRUE(store_.Put("t/_s3c/state/00000000000000000002-killed.json", "{}").ok());
  clock_.Advance(minutes(10));
  auto young = commit_with_state("r2", 2, "b.csv");
  ASSERT_TRUE(young.ok()) << young.status().ToString();
  EXPECT_EQ(young->garbage.state_files_deleted, 0);  // r1's and the killed one are young
  clock_.Advance(minutes(61));
  auto old = commit_with_state("r3", 3, "c.csv");
  ASSERT_TRUE(old.ok()) << old.status().ToString();
  EXPECT_EQ(old->garbage.state_files_deleted, 3);  // r1's, the killed run's, r2's
  EXPECT_EQ(old->garbage.list_requests, 1);         // the listing garbage collection makes anyway
  Keys state;
  for (const std::string& k : StoredKeys(store_, "t/")) {
    if (k.rfind("_s3c/state/", 0) == 0) state.push_back(k);
  }
  EXPECT_EQ(state, Keys{"_s3c/state/00000000000000000003-r3.json"});
}

// A checkpoint that cannot be written fails no commit: the record stands, the failure is in
// cleanup, loading reads the records; the next due checkpoint is written.
TEST_F(CommitFailuresTest, AFailedCheckpointLeavesTheCommitCommitted) {
  FailingStore dying(store_);
  dying.fail_put = [](const std::string& key) {
    return dataset::CheckpointSequenceOf(key).has_value();
  };
  auto run = [&](ObjectStore& store, const std::string& id, const std::string& file) {
    CommitOptions options;
    options.clock = &clock_;
    options.checkpoint_interval = 2;
    return Commit(store, "t/", WriteMode::kAppend, id, schema_, {File(file)}, options);
  };
  ASSERT_TRUE(run(dying, "r0", "a.csv").ok());
  auto one = run(dying, "r1", "b.csv");
  ASSERT_TRUE(one.ok()) << one.status().ToString();
  EXPECT_TRUE(one->cleanup.ok()) << one->cleanup.ToString();  // 1: no checkpoint due
  auto two = run(dying, "r2", "c.csv");
  ASSERT_TRUE(two.ok()) << two.status().ToString();
  EXPECT_EQ(two->outcome, CommitOutcome::kCommitted);
  EXPECT_EQ(two->sequence, 2);
  EXPECT_EQ(two->checkpoint_key, "");
  EXPECT_EQ(two->cleanup.code(), StatusCode::kUnavailable);
  EXPECT_EQ(two->cleanup.message(),
            "commit checkpoint "
            "mem://commit-failures/t/_s3c/commits/00000000000000000002.checkpoint.json: "
            "injected failure: PUT t/_s3c/commits/00000000000000000002.checkpoint.json");
  EXPECT_EQ(ReadableKeys(store_, "t/"), (Keys{"a.csv", "b.csv", "c.csv"}));
  auto log = dataset::LoadCommitLog(store_, "t/");
  ASSERT_TRUE(log.ok()) << log.status().ToString();
  EXPECT_EQ(log->checkpoint_sequence, -1);
  EXPECT_EQ(log->records_read, 3);
  ASSERT_TRUE(run(store_, "r3", "d.csv").ok());
  auto four = run(store_, "r4", "e.csv");
  ASSERT_TRUE(four.ok()) << four.status().ToString();
  EXPECT_TRUE(four->cleanup.ok()) << four->cleanup.ToString();
  EXPECT_EQ(four->checkpoint_key, "t/_s3c/commits/00000000000000000004.checkpoint.json");
  auto after = dataset::LoadCommitLog(store_, "t/");
  ASSERT_TRUE(after.ok()) << after.status().ToString();
  EXPECT_EQ(after->checkpoint_sequence, 4);
  EXPECT_EQ(after->get_requests, 1);
  EXPECT_EQ(after->live.size(), 5u);
}

TEST_F(CommitFailuresTest, ARecordThatCannotBePublishedChangesNothing) {
  ASSERT_TRUE(Run(store_, WriteMode::kAppend, "r1", {File("a.csv")}).ok());
  FailingStore dying(store_);
  dying.fail_put = [](const std::string& key) { return key.find("/_s3c/commits/") != std::string::npos; };
  auto run = Run(dying, WriteMode::kReplace, "r2", {File("b.csv")});
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(ReadableKeys(store_, "t/"), (Keys{"a.csv"}));
}

TEST_F(CommitFailuresTest, EntriesAreCheckedBeforeAnyRecordClaimsThem) {
  dataset::DataFile missing;
  missing.path = "never-written.csv";  // no ETag: the commit looks at it
  auto run = Run(store_, WriteMode::kAppend, "r1", {missing});
  ASSERT_FALSE(run.ok());
  EXPECT_EQ(run.status().code(), StatusCode::kNotFound);
  EXPECT_NE(run.status().message().find("mem://commit-failures/t/never-written.csv"),
            std::string::npos)
      << run.status().ToString();
  EXPECT_EQ(StoredKeys(store_, "t/"), Keys{});
  // An entry without its ETag that exists gets size and ETag from the HEAD.
  dataset::DataFile written = File("w.csv");
  written.etag.clear();
  written.size = 0;
  ASSERT_TRUE(Run(store_, WriteMode::kAppend, "r2", {written}).ok());
  auto log = dataset::LoadCommitLog(store_, "t/");
  ASSERT_TRUE(log.ok());
  EXPECT_EQ(log->live.at("w.csv").size, 4u);
  EXPECT_FALSE(log->live.at("w.csv").etag.empty());
  // A path outside the data files is refused.
  dataset::DataFile sneaky;
  sneaky.path = "_s3c/commits/00000000000000000009.json";
  auto refused = Run(store_, WriteMode::kAppend, "r3", {sneaky});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace s3c::write
