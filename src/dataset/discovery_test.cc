#include "s3c/dataset/discovery.h"

#include <gtest/gtest.h>

#include "s3c/store/memory_object_store.h"

namespace s3c::dataset {
namespace {

TEST(Glob, Matching) {
  EXPECT_TRUE(GlobMatch("logs/*.csv", "logs/a.csv"));
  EXPECT_FALSE(GlobMatch("logs/*.csv", "logs/2024/a.csv"));  // '*' stays in one folder
  EXPECT_TRUE(GlobMatch("logs/**.csv", "logs/2024/01/a.csv"));
  EXPECT_TRUE(GlobMatch("logs/**/*.csv", "logs/a.csv"));  // "**/" matches zero folders
  EXPECT_TRUE(GlobMatch("logs/**/*.csv", "logs/x/y/a.csv"));
  EXPECT_TRUE(GlobMatch("d/part-?.json", "d/part-7.json"));
  EXPECT_FALSE(GlobMatch("d/part-?.json", "d/part-17.json"));
  EXPECT_TRUE(GlobMatch("d/[a-c]x", "d/bx"));
  EXPECT_FALSE(GlobMatch("d/[!a-c]x", "d/bx"));
  EXPECT_TRUE(GlobMatch("d/*.{csv,tsv}", "d/t.tsv"));
  EXPECT_FALSE(GlobMatch("d/*.{csv,tsv}", "d/t.json"));
  EXPECT_TRUE(GlobMatch("year={2023,2024}/*", "year=2024/f"));
  EXPECT_TRUE(GlobMatch("a[b", "a[b"));  // an unclosed '[' is literal
  EXPECT_FALSE(GlobMatch("*", "a/b"));
}

TEST(Glob, ListPrefixIsTheLiteralFolder) {
  EXPECT_EQ(GlobListPrefix("logs/2024/*.csv"), "logs/2024/");
  EXPECT_EQ(GlobListPrefix("logs/20*/x.csv"), "logs/");
  EXPECT_EQ(GlobListPrefix("*.csv"), "");
  EXPECT_EQ(GlobListPrefix("a/b/{c,d}/e"), "a/b/");
}

class DiscoveryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    for (const char* key : {"d/a.csv", "d/b.csv", "d/sub/c.csv", "d/_SUCCESS", "d/.a.csv.crc",
                            "d/folder/", "other/x.csv", "dx.csv"}) {
      ASSERT_TRUE(store_.Put(key, "x").ok());
    }
  }
  std::vector<std::string> Keys(std::string_view key) {
    auto found = DiscoverObjects(store_, key);
    EXPECT_TRUE(found.ok()) << found.status().ToString();
    std::vector<std::string> keys;
    if (found.ok()) {
      for (const auto& o : *found) keys.push_back(o.key);
    }
    return keys;
  }
  MemoryObjectStore store_{"discovery"};
};

TEST_F(DiscoveryTest, OneObject) {
  EXPECT_EQ(Keys("d/a.csv"), (std::vector<std::string>{"d/a.csv"}));
}

TEST_F(DiscoveryTest, PrefixSkipsMarkersAndHiddenFiles) {
  std::vector<std::string> want{"d/a.csv", "d/b.csv", "d/sub/c.csv"};
  EXPECT_EQ(Keys("d/"), want);
  EXPECT_EQ(Keys("d"), want);  // not an object: read as the folder d/ (never "dx.csv")
}

TEST_F(DiscoveryTest, Globs) {
  EXPECT_EQ(Keys("d/*.csv"), (std::vector<std::string>{"d/a.csv", "d/b.csv"}));
  EXPECT_EQ(Keys("d/**.csv"), (std::vector<std::string>{"d/a.csv", "d/b.csv", "d/sub/c.csv"}));
  EXPECT_EQ(Keys("d/_*"), (std::vector<std::string>{"d/_SUCCESS"}));  // named explicitly
}

TEST_F(DiscoveryTest, NothingIsNotFound) {
  auto found = DiscoverObjects(store_, "d/*.parquet");
  ASSERT_FALSE(found.ok());
  EXPECT_EQ(found.status().code(), StatusCode::kNotFound);
  EXPECT_NE(found.status().message().find("no object matches"), std::string::npos);
  EXPECT_EQ(DiscoverObjects(store_, "nope").status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace s3c::dataset
