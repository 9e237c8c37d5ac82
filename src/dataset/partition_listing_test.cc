#include "s3c/dataset/partition_listing.h"

#include <gtest/gtest.h>

#include "s3c/store/memory_object_store.h"

namespace s3c::dataset {
namespace {

std::vector<std::string> Keys(const PartitionListing& listing) {
  std::vector<std::string> keys;
  for (const auto& o : listing.objects) keys.push_back(o.key);
  return keys;
}

// Keeps partitions whose `column` value is one of `allowed` (other columns: maybe).
PartitionPruner OneOf(std::string column, std::set<std::string> allowed) {
  PartitionPruner p;
  p.columns = {column, "v"};
  p.may_match = [column, allowed](const std::vector<RawPartitionValue>& known) {
    for (const auto& k : known) {
      if (k.name == column) return k.text && allowed.count(*k.text) > 0;
    }
    return true;
  };
  return p;
}

class PartitionListingTest : public ::testing::Test {
 protected:
  void SetUp() override {
    // 30 days x 4 hours, one file each, plus a _SUCCESS marker per day.
    for (int d = 1; d <= 30; ++d) {
      std::string day = "t/dt=2024-04-" + std::string(d < 10 ? "0" : "") + std::to_string(d);
      ASSERT_TRUE(store_.Put(day + "/_SUCCESS", "").ok());
      for (int h = 0; h < 4; ++h) {
        ASSERT_TRUE(store_.Put(day + "/hour=" + std::to_string(h) + "/part.csv", "v\n1\n").ok());
      }
    }
    store_.set_page_size(50);
  }
  MemoryObjectStore store_{"walk"};
};

TEST_F(PartitionListingTest, FlatWithoutAPruner) {
  auto listing = ListPartitioned(store_, "t/", Partitioning{}, PartitionPruner{});
  ASSERT_TRUE(listing.ok()) << listing.status().ToString();
  EXPECT_EQ(listing->objects.size(), 120u);
  EXPECT_EQ(listing->stats.list_requests, 3);  // 150 keys (with the markers), 50 per page
  EXPECT_EQ(listing->stats.plan, "flat listing");
}

TEST_F(PartitionListingTest, StartAfterListsFlatFromTheKeyAndStillPrunesEachObject) {
  // The key strategy resumes after 2024-04-28 hour=1: one page instead of three, and the
  // pruner (hour 2 only) judges the 10 data keys listed after it (the markers are hidden).
  auto listing = ListPartitioned(store_, "t/", Partitioning{}, OneOf("hour", {"2"}),
                                 /*skip_hidden=*/true, "t/dt=2024-04-28/hour=1/part.csv");
  ASSERT_TRUE(listing.ok()) << listing.status().ToString();
  EXPECT_EQ(Keys(*listing),
            (std::vector<std::string>{"t/dt=2024-04-28/hour=2/part.csv",
                                      "t/dt=2024-04-29/hour=2/part.csv",
                                      "t/dt=2024-04-30/hour=2/part.csv"}));
  EXPECT_EQ(listing->stats.list_requests, 1);
  EXPECT_EQ(listing->stats.objects_pruned, 7);
  EXPECT_EQ(listing->stats.plan, "flat listing after t/dt=2024-04-28/hour=1/part.csv");
}

TEST_F(PartitionListingTest, PrunesDayFoldersAndListsTheRestFlat) {
  auto listing = ListPartitioned(store_, "t/", Partitioning{}, OneOf("dt", {"2024-04-07"}));
  ASSERT_TRUE(listing.ok()) << listing.status().ToString();
  EXPECT_EQ(Keys(*listing),
            (std::vector<std::string>{"t/dt=2024-04-07/hour=0/part.csv", "t/dt=2024-04-07/hour=1/part.csv",
                                      "t/dt=2024-04-07/hour=2/part.csv", "t/dt=2024-04-07/hour=3/part.csv"}));
  EXPECT_EQ(listing->stats.folders_pruned, 29);
  // The root's 30 folders (one page), then the day flat: its keys show hour, which the filter
  // does not read, and the page is the whole day.
  EXPECT_EQ(listing->stats.list_requests, 2);
  EXPECT_EQ(listing->stats.levels_walked, 1);
}

TEST_F(PartitionListingTest, ListsFlatWhenThatIsCheaperThanAWalk) {
  // hour is the second key and every day survives the first level: walking 30 days costs 30
  // requests, the whole lake flat (150 keys) one page by the estimate.
  auto listing = ListPartitioned(store_, "t/", Partitioning{}, OneOf("hour", {"2"}));
  ASSERT_TRUE(listing.ok()) << listing.status().ToString();
  ASSERT_EQ(listing->objects.size(), 30u);
  for (const auto& o : listing->objects) EXPECT_NE(o.key.find("/hour=2/"), std::string::npos);
  EXPECT_TRUE(listing->stats.flat_instead_of_walk);
  EXPECT_EQ(listing->stats.objects_pruned, 90);
  // The root with the delimiter, the first day's probe, then the root flat (3 pages of 50).
  EXPECT_EQ(listing->stats.list_requests, 1 + 1 + 3);
}

TEST(PartitionListingWalk, WalksDownToTheFilteredKeyWhenFoldersAreLarge) {
  // 3 days x 4 hours x 300 files: a day is more than one probe page, so the walk goes on.
  MemoryObjectStore store{"big"};
  for (int d = 1; d <= 3; ++d) {
    for (int h = 0; h < 4; ++h) {
      for (int f = 0; f < 300; ++f) {
        std::string key = "t/dt=" + std::to_string(d) + "/hour=" + std::to_string(h) + "/f" +
                          std::to_string(f) + ".csv";
        ASSERT_TRUE(store.Put(key, "v\n1\n").ok());
      }
    }
  }
  auto listing = ListPartitioned(store, "t/", Partitioning{}, OneOf("hour", {"2"}));
  ASSERT_TRUE(listing.ok()) << listing.status().ToString();
  EXPECT_EQ(listing->objects.size(), 900u);
  EXPECT_FALSE(listing->stats.flat_instead_of_walk);
  EXPECT_EQ(listing->stats.levels_walked, 2);
  EXPECT_EQ(listing->stats.folders_pruned, 9);
  // root, the first day's probe page, the 3 days with the delimiter, the first hour=2 folder's
  // probe (complete: 300 keys), the 2 other hour=2 folders flat.
  EXPECT_EQ(listing->stats.list_requests, 1 + 1 + 3 + 1 + 2);
}

TEST_F(PartitionListingTest, FolderNamedByTheFilterIsListedDirectly) {
  PartitionPruner p = OneOf("dt", {"2024-04-07"});
  p.first_level = {{"dt=2024-04-07"}};
  auto listing = ListPartitioned(store_, "t/", Partitioning{}, p);
  ASSERT_TRUE(listing.ok()) << listing.status().ToString();
  EXPECT_EQ(listing->objects.size(), 4u);
  // The day's folder flat (hour is not filtered): one request, never the root.
  EXPECT_EQ(listing->stats.list_requests, 1);
  EXPECT_EQ(listing->stats.plan,
            "1 prefix(es) from the filter, then walk 0 folder level(s), 0 folder(s) pruned");

  // Two days of an IN list; one of them does not exist.
  PartitionPruner two = OneOf("dt", {"2024-04-07", "2024-05-01"});
  two.first_level = {{"dt=2024-04-07", "dt=2024-05-01"}};
  auto both = ListPartitioned(store_, "t/", Partitioning{}, two);
  ASSERT_TRUE(both.ok());
  EXPECT_EQ(both->objects.size(), 4u);
  EXPECT_EQ(both->stats.list_requests, 2);

  // A guess that is not the first level (hour is the second): nothing there, so the root is
  // walked after all and the answer is complete.
  PartitionPruner wrong = OneOf("hour", {"1"});
  wrong.first_level = {{"hour=1"}};
  auto walked = ListPartitioned(store_, "t/", Partitioning{}, wrong);
  ASSERT_TRUE(walked.ok());
  EXPECT_EQ(walked->objects.size(), 30u);
  EXPECT_EQ(walked->stats.list_requests, 1 + (1 + 1 + 3));  // then as the flat case above
}

TEST_F(PartitionListingTest, NothingMatchesListsOnlyTheRoot) {
  auto listing = ListPartitioned(store_, "t/", Partitioning{}, OneOf("dt", {"1999-01-01"}));
  ASSERT_TRUE(listing.ok());
  EXPECT_TRUE(listing->objects.empty());
  EXPECT_EQ(listing->stats.list_requests, 1);
  EXPECT_EQ(listing->stats.folders_pruned, 30);
}

TEST_F(PartitionListingTest, TemplateFoldersAndFileNameFields) {
  MemoryObjectStore store{"tpl"};
  for (const char* k : {"logs/2024/03/events-a.jsonl", "logs/2024/03/events-b.jsonl",
                        "logs/2024/04/events-a.jsonl", "logs/2023/12/events-a.jsonl"}) {
    ASSERT_TRUE(store.Put(k, "{}\n").ok());
  }
  auto p = ParsePartitioning("{year}/{month}/events-{part}.jsonl");
  ASSERT_TRUE(p.ok());
  auto year = ListPartitioned(store, "logs/", *p, OneOf("year", {"2024"}));
  ASSERT_TRUE(year.ok()) << year.status().ToString();
  EXPECT_EQ(Keys(*year), (std::vector<std::string>{"logs/2024/03/events-a.jsonl",
                                                    "logs/2024/03/events-b.jsonl",
                                                    "logs/2024/04/events-a.jsonl"}));
  EXPECT_EQ(year->stats.folders_pruned, 1);
  // A field of the file name prunes objects after the listing, before any read.
  auto part = ListPartitioned(store, "logs/", *p, OneOf("part", {"b"}));
  ASSERT_TRUE(part.ok());
  EXPECT_EQ(Keys(*part), (std::vector<std::string>{"logs/2024/03/events-b.jsonl"}));
  EXPECT_EQ(part->stats.objects_pruned, 3);
}

TEST_F(PartitionListingTest, RootMustBeAFolder) {
  EXPECT_FALSE(ListPartitioned(store_, "t", Partitioning{}, PartitionPruner{}).ok());
}

}  // namespace
}  // namespace s3c::dataset
