#include "s3c/dataset/partition_pruner.h"

#include <gtest/gtest.h>

namespace s3c::dataset {
namespace {

std::vector<RawPartitionValue> Known(std::vector<std::pair<std::string, std::string>> pairs) {
  std::vector<RawPartitionValue> out;
  for (auto& [k, v] : pairs) {
    RawPartitionValue r;
    r.name = k;
    r.spelling = v;
    if (v != "__HIVE_DEFAULT_PARTITION__") r.text = v;
    out.push_back(std::move(r));
  }
  return out;
}

bool May(const PartitionPruner& p, std::vector<std::pair<std::string, std::string>> known) {
  return p.may_match(Known(std::move(known)));
}

TEST(PartitionPrunerTest, DecidesFromPartitionTermsOnly) {
  auto p = MakePartitionPruner("dt = DATE '2024-03-05' AND v > 1", Partitioning{}, {});
  ASSERT_TRUE(p.ok()) << p.status().ToString();
  EXPECT_EQ(p->columns, (std::set<std::string>{"dt", "v"}));
  EXPECT_TRUE(May(*p, {{"dt", "2024-03-05"}}));
  EXPECT_FALSE(May(*p, {{"dt", "2024-03-06"}}));
  EXPECT_TRUE(May(*p, {}));                      // nothing known yet
  EXPECT_TRUE(May(*p, {{"region", "eu"}}));      // a key the filter does not read
  EXPECT_FALSE(May(*p, {{"dt", "__HIVE_DEFAULT_PARTITION__"}}));  // NULL = x is not true
  EXPECT_FALSE(MakePartitionPruner("dt = ", Partitioning{}, {}).ok());
}

TEST(PartitionPrunerTest, KeepsAFolderWhenAnotherTypingCouldMatch) {
  // hour=2 alone is an int, but beside hour=x the column is a string, and '2' > '10' as text.
  auto p = MakePartitionPruner("hour > '10'", Partitioning{}, {});
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(May(*p, {{"hour", "2"}}));
  // With the type fixed by an override, 2 > 10 is false for sure.
  Partitioning typed;
  typed.types = {{"hour", columnar::Int64()}};
  auto q = MakePartitionPruner("hour > '10'", typed, {});
  ASSERT_TRUE(q.ok());
  EXPECT_FALSE(May(*q, {{"hour", "2"}}));
  EXPECT_TRUE(May(*q, {{"hour", "11"}}));
  // Both typings agree: pruned.
  auto r = MakePartitionPruner("hour = 3", Partitioning{}, {});
  ASSERT_TRUE(r.ok());
  EXPECT_FALSE(May(*r, {{"hour", "2"}}));
  EXPECT_TRUE(May(*r, {{"hour", "3"}}));
}

TEST(PartitionPrunerTest, FunctionsAndOrOverPartitions) {
  auto p = MakePartitionPruner(
      "(year(dt) = 2024 AND month(dt) = 3) OR region LIKE 'eu-%'", Partitioning{}, {});
  ASSERT_TRUE(p.ok());
  EXPECT_TRUE(May(*p, {{"dt", "2024-03-09"}}));                       // region unknown
  EXPECT_FALSE(May(*p, {{"dt", "2024-04-01"}, {"region", "us-1"}}));
  EXPECT_TRUE(May(*p, {{"dt", "2024-04-01"}, {"region", "eu-2"}}));
}

TEST(PartitionPrunerTest, FirstLevelFoldersFromOneKeysEqualities) {
  auto first = [](const std::string& where, Partitioning p = {}) {
    auto pruner = MakePartitionPruner(where, p, {});
    EXPECT_TRUE(pruner.ok()) << pruner.status().ToString();
    return pruner.ok() ? pruner->first_level : std::vector<std::vector<std::string>>{{"error"}};
  };
  using V = std::vector<std::vector<std::string>>;
  EXPECT_EQ(first("dt = '2024-03-05' AND v > 1"), (V{{"dt=2024-03-05"}}));
  EXPECT_EQ(first("dt IN (DATE '2024-03-05', '2024-03-07')"), (V{{"dt=2024-03-05", "dt=2024-03-07"}}));
  EXPECT_EQ(first("n = 7"), (V{{"n=7"}}));
  EXPECT_EQ(first("n = 007"), V{});  // a spelling that is not canonical: walk instead
  EXPECT_EQ(first("path = 'a/b:c'"), (V{{"path=a%2Fb%3Ac"}}));
  // Which key comes first is not known: each is tried in turn.
  EXPECT_EQ(first("dt = '2024-03-05' AND region = 'eu'"), (V{{"dt=2024-03-05"}, {"region=eu"}}));
  EXPECT_EQ(first("dt = '2024-03-05' OR v = 1"), V{});
  EXPECT_EQ(first("dt > '2024-03-05'"), V{});
  auto tpl = ParsePartitioning("{year}/{month}");
  ASSERT_TRUE(tpl.ok());
  EXPECT_EQ(first("year = 2024", *tpl), (V{{"2024"}}));
  EXPECT_EQ(first("month = 3", *tpl), V{});  // not the first segment
  Partitioning none;
  none.kind = Partitioning::Kind::kNone;
  EXPECT_EQ(first("dt = '2024-03-05'", none), V{});
}

TEST(PartitionPrunerTest, FirstLevelRangeOnlyWhenSpellingsSortLikeValues) {
  auto range = [](const std::string& where) -> std::string {
    auto p = MakePartitionPruner(where, Partitioning{}, {});
    EXPECT_TRUE(p.ok());
    if (!p.ok() || !p->first_level_range) return "none";
    const auto& r = *p->first_level_range;
    return r.key + ":" + r.lower.value_or("") + ".." + r.upper.value_or("");
  };
  EXPECT_EQ(range("dt BETWEEN DATE '2024-03-01' AND DATE '2024-03-07'"), "dt:2024-03-01..2024-03-07");
  EXPECT_EQ(range("dt >= '2024-03-01' AND dt < '2024-03-08' AND v = 1"), "dt:2024-03-01..2024-03-08");
  // A lower bound not spelt canonically is left out: listed from the first dt= folder.
  EXPECT_EQ(range("dt >= DATE '2024-3-1' AND dt < DATE '2024-03-08'"), "dt:..2024-03-08");
  EXPECT_EQ(range("hour BETWEEN 1 AND 5"), "none");       // 10 sorts before 5 as text
  EXPECT_EQ(range("dt >= '2024-03-01'"), "dt:2024-03-01..");  // no upper bound: to the end
  EXPECT_EQ(range("dt < DATE '2024-03-08'"), "dt:..2024-03-08");
  EXPECT_EQ(range("name BETWEEN 'a b' AND 'c'"), "name:a b..c");
  // A bound whose folder spelling is escaped is left out: the listing starts at the key's start.
  EXPECT_EQ(range("name BETWEEN 'a/b' AND 'c'"), "name:..c");
  // Of several bounded columns the one bounded on both sides; else none can be chosen.
  EXPECT_EQ(range("dt BETWEEN '2024-03-01' AND '2024-03-07' AND s >= 'k'"),
            "dt:2024-03-01..2024-03-07");
  EXPECT_EQ(range("dt >= '2024-03-01' AND s >= 'k'"), "none");
  EXPECT_EQ(range("hour >= 1 AND dt >= '2024-03-01'"), "dt:2024-03-01..");
}

}  // namespace
}  // namespace s3c::dataset
