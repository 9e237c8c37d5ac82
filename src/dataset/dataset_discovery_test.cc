// DiscoverDataset (discovery.h): globs as literal prefixes, pruning, filters and limits.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include "dataset/dataset_test_util.h"
#include "s3c/dataset/discovery.h"
#include "s3c/dataset/partition_pruner.h"
#include "s3c/store/memory_object_store.h"

namespace s3c::dataset {
namespace {

class DatasetDiscoveryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* k : {"d/2024-01/a.csv", "d/2024-01/b.json", "d/2024-02/a.csv",
                          "d/2024-03/a.csv", "d/2024-03/_SUCCESS", "e/dt=1/x.csv",
                          "e/dt=2/x.csv", "e/dt=3/x.csv"}) {
      ASSERT_TRUE(store_.Put(k, "v\n1\n").ok());
    }
  }
  MemoryObjectStore store_{"disc"};
};

TEST_F(DatasetDiscoveryTest, BraceAlternativesAreSeparatePrefixes) {
  auto d = DiscoverDataset(store_, "d/{2024-01,2024-03}/*.csv", {});
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(Keys(*d), (std::vector<std::string>{"d/2024-01/a.csv", "d/2024-03/a.csv"}));
  EXPECT_EQ(d->listing.list_requests, 2);  // d/2024-01/ and d/2024-03/, never d/2024-02/
  EXPECT_EQ(d->root_prefix, "d/");
  // A glob that names hidden files gets them.
  auto hidden = DiscoverDataset(store_, "d/2024-03/_*", {});
  ASSERT_TRUE(hidden.ok());
  EXPECT_EQ(Keys(*hidden), (std::vector<std::string>{"d/2024-03/_SUCCESS"}));
  DiscoveryOptions few;
  few.max_prefixes = 1;
  auto capped = DiscoverDataset(store_, "d/{2024-01,2024-03}/*.csv", few);
  ASSERT_FALSE(capped.ok());
  EXPECT_NE(capped.status().message().find("more than 1 alternatives"), std::string::npos);
}

TEST_F(DatasetDiscoveryTest, PrunesPrefixesAndKeepsAnEmptyResult) {
  DiscoveryOptions options;
  options.pruner.columns = {"dt"};
  options.pruner.may_match = [](const std::vector<RawPartitionValue>& known) {
    for (const auto& k : known) {
      if (k.name == "dt") return *k.text == "2";
    }
    return true;
  };
  auto d = DiscoverDataset(store_, "e/", options);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(Keys(*d), (std::vector<std::string>{"e/dt=2/x.csv"}));
  EXPECT_EQ(d->listing.folders_pruned, 2);
  options.pruner.may_match = [](const std::vector<RawPartitionValue>& known) {
    return known.empty();
  };
  auto none = DiscoverDataset(store_, "e/", options);
  ASSERT_TRUE(none.ok()) << none.status().ToString();
  EXPECT_TRUE(none->objects.empty());
  EXPECT_EQ(DiscoverDataset(store_, "nothing/", {}).status().code(), StatusCode::kNotFound);
}

TEST_F(DatasetDiscoveryTest, FiltersThenLimits) {
  ObjectFilterOptions fo;
  fo.exclude = {"**/*.json"};
  auto filter = ObjectFilter::Make(fo);
  ASSERT_TRUE(filter.ok());
  DiscoveryOptions options;
  options.filter = &*filter;
  auto d = DiscoverDataset(store_, "d/", options);
  ASSERT_TRUE(d.ok());
  EXPECT_EQ(d->objects.size(), 3u);  // _SUCCESS is hidden under a prefix, b.json excluded
  EXPECT_EQ(d->objects_filtered, 1);
  options.limits.max_files = 2;
  auto limited = DiscoverDataset(store_, "d/", options);
  ASSERT_FALSE(limited.ok());
  EXPECT_EQ(limited.status().message(),
            "the listing found 3 object(s) (12 B) under mem://disc/d/; --max-files is 2: nothing "
            "was read");
}

TEST_F(DatasetDiscoveryTest, SingleKeyAndFolderWithoutSlash) {
  auto one = DiscoverDataset(store_, "d/2024-01/a.csv", {});
  ASSERT_TRUE(one.ok());
  EXPECT_EQ(Keys(*one), (std::vector<std::string>{"d/2024-01/a.csv"}));
  auto folder = DiscoverDataset(store_, "e", {});
  ASSERT_TRUE(folder.ok());
  EXPECT_EQ(folder->objects.size(), 3u);
  EXPECT_EQ(folder->root_prefix, "e/");
}

// The layout: one day of a thousand day folders costs one LIST request, plus the probe
// of "lake/_s3c/commits/" that asks whether the lake holds commit records (the walk never
// lists the root, so it cannot see "_s3c/" there).
TEST(DatasetDiscoveryPruning, OneDayOfAThousandIsOneRequest) {
  MemoryObjectStore store{"days"};
  for (int d = 0; d < 1000; ++d) {
    std::string day = fmt::format("2021-01-01+{:04d}", d);  // distinct, sortable names
    ASSERT_TRUE(store.Put("lake/dt=" + day + "/part-0.csv", "v\n1\n").ok());
    ASSERT_TRUE(store.Put("lake/dt=" + day + "/part-1.csv", "v\n2\n").ok());
  }
  DiscoveryOptions options;
  auto pruner = MakePartitionPruner("dt = '2021-01-01+0417' AND v > 0", Partitioning{}, {});
  ASSERT_TRUE(pruner.ok());
  options.pruner = *pruner;
  auto d = DiscoverDataset(store, "lake/", options);
  ASSERT_TRUE(d.ok()) << d.status().ToString();
  EXPECT_EQ(Keys(*d), (std::vector<std::string>{"lake/dt=2021-01-01+0417/part-0.csv",
                                                "lake/dt=2021-01-01+0417/part-1.csv"}));
  // No file holds an s3c run id: no commit probe.
  EXPECT_EQ(d->listing.list_requests, 1);
  // Three days of an IN list: at most three requests.
  auto three = MakePartitionPruner("dt IN ('2021-01-01+0001', '2021-01-01+0500', '2021-01-01+0999')",
                                   Partitioning{}, {});
  ASSERT_TRUE(three.ok());
  options.pruner = *three;
  auto t = DiscoverDataset(store, "lake/", options);
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->objects.size(), 6u);
  EXPECT_LE(t->listing.list_requests, 3);
  // A range of days whose names sort like the dates: one request from start-after.
  auto week = MakePartitionPruner("dt BETWEEN '2021-01-01+0100' AND '2021-01-01+0106'",
                                  Partitioning{}, {});
  ASSERT_TRUE(week.ok());
  ASSERT_TRUE(week->first_level_range.has_value());
  options.pruner = *week;
  auto w = DiscoverDataset(store, "lake/", options);
  ASSERT_TRUE(w.ok()) << w.status().ToString();
  EXPECT_EQ(w->objects.size(), 14u);
  EXPECT_EQ(w->listing.list_requests, 1);
  EXPECT_EQ(w->objects.front().key, "lake/dt=2021-01-01+0100/part-0.csv");
  EXPECT_EQ(w->objects.back().key, "lake/dt=2021-01-01+0106/part-1.csv");
  // Bounded on one side: from start-after to the end of the dt= folders (the last five days),
  // or from their start to the bound; one request each (a page holds 1000 keys).
  auto tail = MakePartitionPruner("dt >= '2021-01-01+0995'", Partitioning{}, {});
  ASSERT_TRUE(tail.ok());
  options.pruner = *tail;
  auto t5 = DiscoverDataset(store, "lake/", options);
  ASSERT_TRUE(t5.ok()) << t5.status().ToString();
  EXPECT_EQ(t5->objects.size(), 10u);
  EXPECT_EQ(t5->listing.list_requests, 1);
  EXPECT_EQ(t5->objects.front().key, "lake/dt=2021-01-01+0995/part-0.csv");
  auto head = MakePartitionPruner("dt <= '2021-01-01+0002'", Partitioning{}, {});
  ASSERT_TRUE(head.ok());
  options.pruner = *head;
  auto h3 = DiscoverDataset(store, "lake/", options);
  ASSERT_TRUE(h3.ok()) << h3.status().ToString();
  EXPECT_EQ(h3->objects.size(), 6u);
  EXPECT_EQ(h3->listing.list_requests, 1);
  // Without a filter: the flat listing of 2000 keys, two pages (no probe: it lists the root).
  auto all = DiscoverDataset(store, "lake/", {});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->listing.list_requests, 2);
  // A day holding a file s3c wrote (its name holds a run id): one more LIST asks whether commit
  // records govern the root (none here: the listing is read as it is).
  ASSERT_TRUE(store.Put("lake/dt=2021-01-01+0417/part-20261207T093012Z-0123456789ab-00000-00000.csv",
                        "v\n3\n").ok());
  options.pruner = *pruner;
  auto probed = DiscoverDataset(store, "lake/", options);
  ASSERT_TRUE(probed.ok()) << probed.status().ToString();
  EXPECT_EQ(probed->objects.size(), 3u);
  EXPECT_EQ(probed->listing.list_requests, 1 + 1);
}

}  // namespace
}  // namespace s3c::dataset
