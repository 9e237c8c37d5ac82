// The commit protocol against the loopback RGW server (write/commit.h, dataset/commit_log.h):
// each mode with a second run, two concurrent error runs, zero rows, kills at each step, the
// reader's view and its requests, a multipart upload a killed run left (aborted by the commit
// after the grace), and If-None-Match on a single key (PUT and multipart).
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

#include "s3c/common/strings.h"
#include "s3c/store/s3_object_store.h"
#include "s3c/write/commit.h"
#include "support/batch_text.h"
#include "support/fake_clock.h"
#include "support/rgw_lake.h"
#include "write/write_test_util.h"

namespace s3c::write {
namespace {

using std::chrono::hours;

class CommitRgwTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto rgw = testing::LoadRgwSettings();
    if (!rgw) GTEST_SKIP() << testing::RgwUnavailableReason();
    S3StackOptions s3 = testing::RgwStackOptions(*rgw);
    s3.part_size = 5 << 20;  // S3's smallest part: a 6 MiB object is a multipart upload
    auto root = testing::MakeRgwRoot(*rgw, s3, "commit");
    ASSERT_TRUE(root.ok()) << root.status().ToString();
    stores_ = std::move(root->stores);
    uri_ = root->uri;
    store_ = root->store;
    root_ = root->key;
  }

  // Writes `csv` as a Parquet data file at root + path through a format writer, as a write
  // task would, and returns its entry without an ETag (the commit HEADs it).
  dataset::DataFile WriteParquet(const std::string& path, const std::string& csv,
                                 dataset::PartitionValues values = {}) {
    dataset::DataFile file;
    auto written = testing::PutParquetFromCsv(*stores_, *store_, root_ + path, csv);
    EXPECT_TRUE(written.ok()) << path << ": " << written.status().ToString();
    if (written.ok()) {
      file.rows = written->rows;
      schema_ = written->schema;
    }
    file.path = path;
    file.partition_values = std::move(values);
    return file;
  }

  Result<CommitResult> Run(ObjectStore& store, WriteMode mode, const std::string& run,
                           std::vector<dataset::DataFile> files,
                           std::vector<std::string> partition_by = {}) {
    CommitOptions options;
    options.clock = &clock_;
    options.partition_by = std::move(partition_by);
    options.run_started = started_;  // every object of these tests is written after it
    return Commit(store, root_, mode, run, *schema_, std::move(files), options);
  }
  Result<CommitResult> Run(WriteMode mode, const std::string& run,
                           std::vector<dataset::DataFile> files,
                           std::vector<std::string> partition_by = {}) {
    return Run(*store_, mode, run, std::move(files), std::move(partition_by));
  }

  // The rows a reader of the root reads, as text.
  std::string Rows(bool ignore_commits = false, const std::string& where = "") {
    dataset::LakeReadOptions options;
    options.ignore_commits = ignore_commits;
    options.scan.where = where;
    auto lake = dataset::OpenLakeRead(*stores_, uri_, options);
    if (!lake.ok()) return "error: " + lake.status().ToString();
    return testing::ReadAllText(*lake->scan);
  }

  uint64_t Sent(const std::string& op) {
    return stores_->RequestStatistics().requests[op] - mark_.requests[op];
  }
  void Mark() { mark_ = stores_->RequestStatistics(); }

  FakeClock clock_{std::chrono::system_clock::now()};
  const WallTime started_ = clock_.Now();
  std::unique_ptr<StoreResolver> stores_;
  std::string uri_, root_;
  ObjectStore* store_ = nullptr;
  std::shared_ptr<columnar::Schema> schema_ = columnar::MakeSchema({});
  StoreRequestStats mark_;
};

TEST_F(CommitRgwTest, ErrorAndIgnoreRefuseASecondRun) {
  ASSERT_TRUE(Run(WriteMode::kError, "r1", {WriteParquet("a.parquet", "v\n1\n")}).ok());
  auto plan = PlanWrite(*store_, root_, WriteTarget::kPrefix, WriteMode::kError);
  EXPECT_EQ(plan.status().code(), StatusCode::kFailedPrecondition);
  auto second = Run(WriteMode::kError, "r2", {WriteParquet("b.parquet", "v\n2\n")});
  EXPECT_EQ(second.status().code(), StatusCode::kFailedPrecondition);
  auto ignored = Run(WriteMode::kIgnore, "r3", {WriteParquet("c.parquet", "v\n3\n")});
  ASSERT_TRUE(ignored.ok()) << ignored.status().ToString();
  EXPECT_EQ(ignored->outcome, CommitOutcome::kSkipped);
  EXPECT_EQ(Rows(), "[1]\n");
  EXPECT_EQ(Rows(true), "[1]\n");  // the losers deleted their files
}

TEST_F(CommitRgwTest, AppendThenReplaceThenZeroRowReplace) {
  ASSERT_TRUE(Run(WriteMode::kAppend, "r1", {WriteParquet("a.parquet", "v\n1\n")}).ok());
  ASSERT_TRUE(Run(WriteMode::kAppend, "r2", {WriteParquet("b.parquet", "v\n2\n")}).ok());
  EXPECT_EQ(Rows(), "[1]\n[2]\n");
  auto replaced = Run(WriteMode::kReplace, "r3", {WriteParquet("c.parquet", "v\n3\n")});
  ASSERT_TRUE(replaced.ok()) << replaced.status().ToString();
  EXPECT_TRUE(replaced->cleanup.ok()) << replaced->cleanup.ToString();
  EXPECT_EQ(Rows(), "[3]\n");
  EXPECT_EQ(Rows(true), "[3]\n");
  auto zero = Run(WriteMode::kReplace, "r4", {});
  ASSERT_TRUE(zero.ok()) << zero.status().ToString();
  EXPECT_EQ(Rows(), "");
  EXPECT_EQ(StoredKeys(*store_, root_),
            (std::vector<std::string>{"_SUCCESS", "_s3c/commits/00000000000000000000.json",
                                      "_s3c/commits/00000000000000000001.json",
                                      "_s3c/commits/00000000000000000002.json",
                                      "_s3c/commits/00000000000000000003.json"}));
}

TEST_F(CommitRgwTest, OverwritePartitionsKeepsTheOtherPartitions) {
  ASSERT_TRUE(Run(WriteMode::kAppend, "r1",
                  {WriteParquet("day=1/a.parquet", "v\n1\n", {{"day", "1"}}),
                   WriteParquet("day=2/a.parquet", "v\n2\n", {{"day", "2"}})},
                  {"day"})
                  .ok());
  auto run = Run(WriteMode::kOverwritePartitions, "r2",
                 {WriteParquet("day=2/b.parquet", "v\n20\n", {{"day", "2"}})}, {"day"});
  ASSERT_TRUE(run.ok()) << run.status().ToString();
  EXPECT_EQ(Rows(), "[1]\n[1]\n[20]\n[2]\n");
  EXPECT_EQ(Rows(false, "day = 2"), "[20]\n[2]\n");
  auto zero = Run(WriteMode::kOverwritePartitions, "r3", {}, {"day"});
  ASSERT_TRUE(zero.ok());
  EXPECT_EQ(zero->outcome, CommitOutcome::kUnchanged);
  EXPECT_EQ(Rows(), "[1]\n[1]\n[20]\n[2]\n");
}

TEST_F(CommitRgwTest, OfTwoConcurrentErrorRunsExactlyOneWins) {
  auto a = WriteParquet("a.parquet", "v\n1\n");
  auto b = WriteParquet("b.parquet", "v\n2\n");
  Result<CommitResult> ra = InternalError("not run"), rb = InternalError("not run");
  std::thread ta([&] { ra = Run(WriteMode::kError, "ra", {a}); });
  std::thread tb([&] { rb = Run(WriteMode::kError, "rb", {b}); });
  ta.join();
  tb.join();
  ASSERT_NE(ra.ok(), rb.ok()) << ra.status().ToString() << " / " << rb.status().ToString();
  EXPECT_EQ((ra.ok() ? rb : ra).status().code(), StatusCode::kFailedPrecondition);
  const std::string winner = ra.ok() ? "[1]\n" : "[2]\n";
  EXPECT_EQ(Rows(), winner);
  EXPECT_EQ(Rows(true), winner);
}

TEST_F(CommitRgwTest, KilledRunsLeaveThePreviousOrTheNewOutputAndReRunsConverge) {
  ASSERT_TRUE(Run(WriteMode::kAppend, "r1", {WriteParquet("a.parquet", "v\n1\n")}).ok());
  // Killed after a data file: readers see the previous output; ignore_commits sees it all.
  WriteParquet("killed.parquet", "v\n9\n");
  EXPECT_EQ(Rows(), "[1]\n");
  EXPECT_EQ(Rows(true), "[1]\n[9]\n");
  // Killed after its record, before _SUCCESS and before deleting what it replaced.
  FailingStore dying(*store_);
  dying.fail_put = [&](const std::string& key) { return key == root_ + "_SUCCESS"; };
  dying.fail_deletes = true;
  auto replace = Run(dying, WriteMode::kReplace, "r2", {WriteParquet("b.parquet", "v\n2\n")});
  ASSERT_TRUE(replace.ok()) << replace.status().ToString();
  EXPECT_FALSE(replace->cleanup.ok());
  EXPECT_EQ(Rows(), "[2]\n");
  // Two hours later the re-run converges: the replaced file and the orphan are gone.
  clock_.Advance(hours(2));
  auto rerun = Run(WriteMode::kReplace, "r3", {WriteParquet("c.parquet", "v\n3\n")});
  ASSERT_TRUE(rerun.ok()) << rerun.status().ToString();
  EXPECT_EQ(rerun->garbage.retired_deleted, 1);  // a.parquet, retired by r2's record
  EXPECT_EQ(rerun->garbage.orphans_deleted, 1);  // killed.parquet
  EXPECT_EQ(Rows(), "[3]\n");
  EXPECT_EQ(Rows(true), "[3]\n");
}

TEST_F(CommitRgwTest, AMultipartUploadAKilledRunLeftIsAbortedAfterTheGrace) {
  // A run killed while uploading a data file: the upload was begun and a part sent, never
  // completed nor aborted (its process died with the writer that would have aborted it).
  auto* s3 = dynamic_cast<S3ObjectStore*>(store_);
  ASSERT_NE(s3, nullptr);
  const std::string key = root_ + "day=1/killed.parquet";
  Result<std::string> id = s3->client().CreateMultipartUpload(s3->bucket(), key);
  ASSERT_TRUE(id.ok()) << id.status().ToString();
  auto part = s3->client().UploadPart(s3->bucket(), key, *id, 1,
                                     MakeS3RequestBody(std::string(1000, 'x')));
  ASSERT_TRUE(part.ok()) << part.status().ToString();
  // The next run, right away: the upload may be a running write's, it stays.
  Mark();
  auto soon = Run(WriteMode::kAppend, "r1", {WriteParquet("a.parquet", "v\n1\n")});
  ASSERT_TRUE(soon.ok()) << soon.status().ToString();
  EXPECT_EQ(soon->garbage.uploads_young, 1);
  EXPECT_EQ(soon->garbage.uploads_aborted, 0);
  EXPECT_EQ(Sent("ListMultipartUploads"), 1u);
  EXPECT_EQ(Sent("AbortMultipartUpload"), 0u);
  // Two hours later (past the one-hour grace) the next run aborts it.
  clock_.Advance(hours(2));
  Mark();
  auto later = Run(WriteMode::kAppend, "r2", {WriteParquet("b.parquet", "v\n2\n")});
  ASSERT_TRUE(later.ok()) << later.status().ToString();
  EXPECT_TRUE(later->cleanup.ok()) << later->cleanup.ToString();
  EXPECT_EQ(later->garbage.uploads_aborted, 1);
  EXPECT_EQ(later->garbage.uploads_young, 0);
  EXPECT_EQ(Sent("ListMultipartUploads"), 1u);
  EXPECT_EQ(Sent("AbortMultipartUpload"), 1u);
  auto left = store_->ListPendingUploads(root_);
  ASSERT_TRUE(left.ok()) << left.status().ToString();
  EXPECT_TRUE(left->empty());
  EXPECT_EQ(Rows(), "[1]\n[2]\n");
}

TEST_F(CommitRgwTest, ReadingACommittedPrefixCostsItsListingAndOneGetPerRecord) {
  // Named as the write tasks name data files (with the run id): a pinned read then asks for
  // the records.
  const std::string run = "20261207T093012Z-0123456789ab";
  ASSERT_TRUE(Run(WriteMode::kAppend, "r1",
                  {WriteParquet("day=1/part-" + run + "-0.parquet", "v\n1\n", {{"day", "1"}})},
                  {"day"})
                  .ok());
  ASSERT_TRUE(Run(WriteMode::kAppend, "r2",
                  {WriteParquet("day=2/part-" + run + "-1.parquet", "v\n2\n", {{"day", "2"}})},
                  {"day"})
                  .ok());
  Mark();
  dataset::LakeReadOptions options;
  auto flat = dataset::ListLake(*stores_, uri_, options);
  ASSERT_TRUE(flat.ok()) << flat.status().ToString();
  EXPECT_EQ(flat->listing.objects.size(), 2u);
  EXPECT_EQ(Sent("ListObjectsV2"), 1u);  // the flat listing shows the records' keys
  EXPECT_EQ(Sent("GetObject"), 2u);      // the two records
  Mark();
  options.scan.where = "day = 2";
  auto pinned = dataset::ListLake(*stores_, uri_, options);
  ASSERT_TRUE(pinned.ok()) << pinned.status().ToString();
  ASSERT_EQ(pinned->listing.objects.size(), 1u);
  EXPECT_EQ(Sent("ListObjectsV2"), 2u);  // day=2/ and the probe of _s3c/commits/
  EXPECT_EQ(Sent("GetObject"), 2u);
}

// Checkpoints every 3 records over 8 appends: the commits of 3 and 6 write them beside the
// records; the log and a reader then cost the newest checkpoint and the record after it.
TEST_F(CommitRgwTest, CheckpointsBoundTheGetsOfTheLog) {
  const std::string run = "20261207T093012Z-0123456789ab";
  std::string expected_rows;
  for (int i = 0; i < 8; ++i) {
    const std::string day = std::to_string(i % 2);
    CommitOptions options;
    options.clock = &clock_;
    options.partition_by = {"day"};
    options.run_started = started_;
    options.checkpoint_interval = 3;
    auto file = WriteParquet(fmt::format("day={}/part-{}-{}.parquet", day, run, i),
                             fmt::format("v\n{}\n", i), {{"day", day}});
    auto result = Commit(*store_, root_, WriteMode::kAppend, fmt::format("r{}", i), *schema_,
                         {file}, options);
    ASSERT_TRUE(result.ok()) << result.status().ToString();
    EXPECT_TRUE(result->cleanup.ok()) << result->cleanup.ToString();
    EXPECT_EQ(result->checkpoint_key.empty(), i != 3 && i != 6) << i;
  }
  std::vector<std::string> log_keys = StoredKeys(*store_, root_ + "_s3c/commits/");
  std::erase_if(log_keys, [](const std::string& k) { return !dataset::CheckpointSequenceOf(k); });
  EXPECT_EQ(log_keys, (std::vector<std::string>{"00000000000000000003.checkpoint.json",
                                                "00000000000000000006.checkpoint.json"}));
  Mark();
  auto log = dataset::LoadCommitLog(*store_, root_);
  ASSERT_TRUE(log.ok()) << log.status().ToString();
  EXPECT_EQ(log->checkpoint_sequence, 6);
  EXPECT_EQ(log->records_read, 1);
  EXPECT_EQ(log->get_requests, 2);
  EXPECT_EQ(log->live.size(), 8u);
  EXPECT_EQ(Sent("ListObjectsV2"), 1u);
  EXPECT_EQ(Sent("GetObject"), 2u);
  Mark();
  auto flat = dataset::ListLake(*stores_, uri_, dataset::LakeReadOptions{});
  ASSERT_TRUE(flat.ok()) << flat.status().ToString();
  EXPECT_EQ(flat->listing.objects.size(), 8u);
  EXPECT_EQ(flat->listing.commit_log_gets, 2);
  EXPECT_EQ(Sent("ListObjectsV2"), 1u);
  EXPECT_EQ(Sent("GetObject"), 2u);  // checkpoint 6 and record 7
  // The rows of day 1 (v and day, in an order the parallel read chooses): files 1, 3, 5, 7.
  std::string rows = Rows(false, "day = 1");
  std::vector<std::string> lines = Split(rows, '\n');
  std::erase(lines, "");
  std::sort(lines.begin(), lines.end());
  EXPECT_EQ(lines,
            (std::vector<std::string>{"[1]", "[1]", "[1]", "[1]", "[1]", "[3]", "[5]", "[7]"}))
      << rows;
}

// A single key in error mode, created by another run after the plan: a PUT-sized object is
// refused by the publish itself (If-None-Match on PutObject); a multipart one is caught by the
// HEAD before the publish, and the upload is aborted.
TEST_F(CommitRgwTest, ASingleKeyInErrorModeIsCreatedOnce) {
  for (size_t size : {size_t{100}, size_t{6} << 20}) {
    const std::string key = root_ + "single-" + std::to_string(size) + ".bin";
    auto plan = PlanWrite(*store_, key, WriteTarget::kKey, WriteMode::kError);
    ASSERT_TRUE(plan.ok()) << plan.status().ToString();
    auto out = store_->OpenOutput(key, plan->key_options);
    ASSERT_TRUE(out.ok()) << out.status().ToString();
    const std::string data(size, 'x');
    ASSERT_TRUE((*out)->Write(data.data(), data.size()).ok());
    ASSERT_TRUE(store_->Put(key, "another run's").ok());
    auto go = CheckKeyBeforePublish(*store_, key, WriteMode::kError);
    if (size > (5u << 20)) {
      EXPECT_EQ(go.status().code(), StatusCode::kFailedPrecondition) << go.status().ToString();
      (*out)->Abort();
    } else {
      // Skip the HEAD to see the PUT's own check.
      auto finished = FinishKeyWrite((*out)->Close(), store_->UriFor(key), WriteMode::kError);
      EXPECT_EQ(finished.status().code(), StatusCode::kFailedPrecondition)
          << finished.status().ToString();
    }
    auto info = store_->Stat(key);
    ASSERT_TRUE(info.ok());
    EXPECT_EQ(info->size, 13u) << size << ": the losing write must not be published";
  }
}

// What the test server does with If-None-Match on CompleteMultipartUpload (modes.h,
// CheckKeyBeforePublish): Ceph RGW 16.2 ignores it and overwrites. When this test fails, the
// server started honouring it (as AWS S3 does): the HEAD before the publish is then redundant
// there, and this test should assert the refusal instead.
TEST_F(CommitRgwTest, RgwIgnoresIfNoneMatchOnCompleteMultipartUpload) {
  const std::string key = root_ + "multipart.bin";
  ASSERT_TRUE(store_->Put(key, "another run's").ok());
  WriteOptions create;
  create.if_none_match = true;
  auto out = store_->OpenOutput(key, create);
  ASSERT_TRUE(out.ok()) << out.status().ToString();
  const std::string data(size_t{6} << 20, 'x');
  ASSERT_TRUE((*out)->Write(data.data(), data.size()).ok());
  EXPECT_TRUE((*out)->Close().ok());
  auto info = store_->Stat(key);
  ASSERT_TRUE(info.ok());
  EXPECT_EQ(info->size, data.size());
}

}  // namespace
}  // namespace s3c::write
