// Commit-aware discovery (discovery.h, committed_files.h): a prefix that holds commit records
// is read as exactly its live files, pruned by partition; ignore_commits reads everything; the
// requests detection costs.
#include <gtest/gtest.h>

#include "dataset/dataset_test_util.h"
#include "s3c/dataset/commit_log.h"
#include "s3c/dataset/discovery.h"
#include "s3c/dataset/lake_read.h"
#include "s3c/dataset/partition_pruner.h"
#include "s3c/store/memory_object_store.h"
#include "s3c/store/store_resolver.h"
#include "support/rgw_stack.h"

namespace s3c::dataset {
namespace {

class CommittedReadTest : public ::testing::Test {
 protected:
  // Writes `text` at root + path and returns its entry, as a write task would.
  DataFile Write(ObjectStore& store, const std::string& root, const std::string& path,
                 const std::string& text) {
    auto etag = store.Put(root + path, text);
    EXPECT_TRUE(etag.ok()) << etag.status().ToString();
    DataFile f;
    f.path = path;
    f.size = text.size();
    f.rows = 1;
    f.etag = etag.ok() ? *etag : "";
    return f;
  }
  void Publish(ObjectStore& store, const std::string& root, int64_t sequence,
               std::vector<DataFile> added, std::vector<std::string> removed = {}) {
    CommitRecord r;
    r.sequence = sequence;
    r.run_id = "r" + std::to_string(sequence);
    r.mode = "append";
    r.added = std::move(added);
    r.removed = std::move(removed);
    ASSERT_TRUE(PublishCommitRecord(store, root, r).ok());
  }
};

TEST_F(CommittedReadTest, AFlatListingSeesTheRecordsAndReadsOnlyLiveFiles) {
  MemoryObjectStore store("committed-flat");
  DataFile a = Write(store, "t/", "a.csv", "v\n1\n");
  DataFile b = Write(store, "t/", "b.csv", "v\n2\n");
  Write(store, "t/", "orphan.csv", "v\n9\n");  // a failed run's file: no record claims it
  Publish(store, "t/", 0, {a});
  Publish(store, "t/", 1, {b});
  auto d = DiscoverDataset(store, "t/", {});
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(Keys(*d), (std::vector<std::string>{"t/a.csv", "t/b.csv"}));
  EXPECT_EQ(d->listing.list_requests, 1);  // the root's flat listing held the records' keys
  EXPECT_EQ(d->commit_sequence, 1);
  EXPECT_EQ(d->commit_log_gets, 2);
  EXPECT_EQ(d->objects[0].etag, a.etag);
  EXPECT_EQ(d->objects[0].size, a.size);
  DiscoveryOptions everything;
  everything.ignore_commits = true;
  auto all = DiscoverDataset(store, "t/", everything);
  ASSERT_TRUE(all.ok());
  // Never the records themselves: _s3c/ is metadata.
  EXPECT_EQ(Keys(*all), (std::vector<std::string>{"t/a.csv", "t/b.csv", "t/orphan.csv"}));
  EXPECT_EQ(all->commit_sequence, -1);
  // The key named without its '/' is the same folder.
  auto folder = DiscoverDataset(store, "t", {});
  ASSERT_TRUE(folder.ok()) << folder.status().ToString();
  EXPECT_EQ(Keys(*folder), (std::vector<std::string>{"t/a.csv", "t/b.csv"}));
}

TEST_F(CommittedReadTest, AnEmptyLiveSetIsAnEmptyDatasetNotNotFound) {
  MemoryObjectStore store("committed-empty");
  DataFile a = Write(store, "t/", "a.csv", "v\n1\n");
  Publish(store, "t/", 0, {a});
  Publish(store, "t/", 1, {}, {"a.csv"});
  auto d = DiscoverDataset(store, "t/", {});
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_TRUE(d->objects.empty());
  EXPECT_EQ(d->commit_sequence, 1);
}

constexpr char kRun[] = "20261207T093012Z-0123456789ab";
const std::string kRunName = kRun;

TEST_F(CommittedReadTest, PrunedWalksSeeTheMetadataFolderOrProbeForIt) {
  MemoryObjectStore store("committed-walk");
  std::vector<DataFile> files;
  for (int day = 1; day <= 3; ++day) {
    for (int part = 0; part < 2; ++part) {
      // Named as s3c names its data files (with the run id): a reader then asks for records.
      files.push_back(Write(store, "t/", "day=" + std::to_string(day) + "/p" +
                                             std::to_string(part) + "-" + kRun + ".csv",
                            "v\n1\n"));
    }
  }
  Write(store, "t/", "day=2/orphan-" + std::string(kRun) + ".csv", "v\n9\n");
  auto pruned = [&](const std::string& where) {
    DiscoveryOptions options;
    auto pruner = MakePartitionPruner(where, Partitioning{}, {});
    EXPECT_TRUE(pruner.ok()) << pruner.status().ToString();
    if (pruner.ok()) options.pruner = *pruner;
    return DiscoverDataset(store, "t/", options);
  };
  // Without records, as before: a walk of the root costs no probe, a pinned day one.
  auto plain_walk = pruned("day > 1 AND v > 0");
  ASSERT_TRUE(plain_walk.ok());
  const int64_t walk_requests = plain_walk->listing.list_requests;
  EXPECT_EQ(plain_walk->objects.size(), 5u);
  auto plain_pinned = pruned("day = 2");
  ASSERT_TRUE(plain_pinned.ok());
  EXPECT_EQ(Keys(*plain_pinned), (std::vector<std::string>{"t/day=2/orphan-" + kRunName + ".csv", "t/day=2/p0-" + kRunName + ".csv",
                                                           "t/day=2/p1-" + kRunName + ".csv"}));
  EXPECT_EQ(plain_pinned->listing.list_requests, 1 + 1);  // day=2/ and the probe of _s3c/commits/

  Publish(store, "t/", 0, files);
  auto walk = pruned("day > 1 AND v > 0");
  ASSERT_TRUE(walk.ok()) << walk.status().ToString();
  EXPECT_EQ(Keys(*walk), (std::vector<std::string>{"t/day=2/p0-" + kRunName + ".csv",
                                                   "t/day=2/p1-" + kRunName + ".csv",
                                                   "t/day=3/p0-" + kRunName + ".csv",
                                                   "t/day=3/p1-" + kRunName + ".csv"}));
  EXPECT_EQ(walk->listing.objects_pruned, 2);
  // The root's delimited listing showed "_s3c/": one LIST of the records, one GET.
  EXPECT_EQ(walk->listing.list_requests, walk_requests + 1);
  EXPECT_EQ(walk->commit_log_gets, 1);
  auto pinned = pruned("day = 2");
  ASSERT_TRUE(pinned.ok());
  EXPECT_EQ(Keys(*pinned), (std::vector<std::string>{"t/day=2/p0-" + kRunName + ".csv",
                                                     "t/day=2/p1-" + kRunName + ".csv"}));
  EXPECT_EQ(pinned->listing.list_requests, 1 + 1);
}

TEST_F(CommittedReadTest, LakeReadReadsCommittedRowsOrEverything) {
  auto made = StoreResolver::Make({}, testing::IsolatedAwsEnv());
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  StoreResolver& stores = **made;
  auto loc = stores.Resolve("mem://committed-lake/t/");
  ASSERT_TRUE(loc.ok()) << loc.status().ToString();
  ObjectStore& store = *loc->store;
  DataFile a = Write(store, "t/", "a.csv", "v\n1\n");
  Write(store, "t/", "b.csv", "v\n2\n");
  Publish(store, "t/", 0, {a});
  auto committed = OpenLakeRead(stores, "mem://committed-lake/t/", {});
  ASSERT_TRUE(committed.ok()) << committed.status().ToString();
  EXPECT_EQ(ReadAllText(*committed->scan), "[1]\n");
  LakeReadOptions everything;
  everything.ignore_commits = true;
  auto all = OpenLakeRead(stores, "mem://committed-lake/t/", everything);
  ASSERT_TRUE(all.ok()) << all.status().ToString();
  EXPECT_EQ(ReadAllText(*all->scan), "[1]\n[2]\n");
}

}  // namespace
}  // namespace s3c::dataset
