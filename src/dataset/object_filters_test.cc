#include "s3c/dataset/object_filters.h"

#include <gtest/gtest.h>

namespace s3c::dataset {
namespace {

using std::chrono::hours;

const WallTime kNow = WallTime(std::chrono::seconds(1'710'000'000));  // 2024-03-09T16:00:00Z

ObjectInfo Obj(std::string key, uint64_t size, WallTime modified = kNow) {
  ObjectInfo o;
  o.key = std::move(key);
  o.size = size;
  o.last_modified = modified;
  return o;
}

std::vector<std::string> KeptKeys(const ObjectFilterOptions& options,
                                  std::vector<ObjectInfo> objects) {
  auto filter = ObjectFilter::Make(options);
  EXPECT_TRUE(filter.ok()) << filter.status().ToString();
  filter->Apply(&objects);
  std::vector<std::string> keys;
  for (const auto& o : objects) keys.push_back(o.key);
  return keys;
}

TEST(ObjectFiltersTest, EachOptionDropsWhatItNames) {
  std::vector<ObjectInfo> objects = {Obj("d/a.csv", 10, kNow - hours(48)),
                                     Obj("d/b.csv.gz", 500, kNow - hours(2)),
                                     Obj("d/tmp/c.csv", 1000, kNow)};
  ObjectFilterOptions none;
  EXPECT_EQ(KeptKeys(none, objects).size(), 3u);
  ObjectFilterOptions exclude;
  exclude.exclude = {"d/tmp/**", "*.none"};
  EXPECT_EQ(KeptKeys(exclude, objects), (std::vector<std::string>{"d/a.csv", "d/b.csv.gz"}));
  ObjectFilterOptions regex;
  regex.regex = R"(\.csv$)";
  EXPECT_EQ(KeptKeys(regex, objects), (std::vector<std::string>{"d/a.csv", "d/tmp/c.csv"}));
  ObjectFilterOptions sizes;
  sizes.min_size = 11;
  sizes.max_size = 999;
  EXPECT_EQ(KeptKeys(sizes, objects), (std::vector<std::string>{"d/b.csv.gz"}));
  ObjectFilterOptions edges;  // bounds are inclusive
  edges.min_size = 10;
  edges.max_size = 10;
  EXPECT_EQ(KeptKeys(edges, objects), (std::vector<std::string>{"d/a.csv"}));
  ObjectFilterOptions after;
  after.modified_after = kNow - hours(3);
  EXPECT_EQ(KeptKeys(after, objects), (std::vector<std::string>{"d/b.csv.gz", "d/tmp/c.csv"}));
  ObjectFilterOptions before;
  before.modified_before = kNow - hours(2);  // exclusive: the object at exactly -2h is dropped
  EXPECT_EQ(KeptKeys(before, objects), (std::vector<std::string>{"d/a.csv"}));
}

TEST(ObjectFiltersTest, BadRegexIsAnError) {
  ObjectFilterOptions o;
  o.regex = "(unclosed";
  auto f = ObjectFilter::Make(o);
  ASSERT_FALSE(f.ok());
  EXPECT_NE(f.status().message().find("--regex '(unclosed': missing )"), std::string::npos)
      << f.status().message();
}

TEST(ObjectFiltersTest, LimitsSayWhatTheListingFound) {
  std::vector<ObjectInfo> objects = {Obj("a", 1024), Obj("b", 2048)};
  EXPECT_TRUE(CheckObjectLimits(objects, {}, "s3://b/p/").ok());
  EXPECT_TRUE(CheckObjectLimits(objects, {2, 3072}, "s3://b/p/").ok());
  Status files = CheckObjectLimits(objects, {1, std::nullopt}, "s3://b/p/");
  EXPECT_EQ(files.code(), StatusCode::kFailedPrecondition);
  EXPECT_EQ(files.message(),
            "the listing found 2 object(s) (3.0 KiB) under s3://b/p/; --max-files is 1: nothing was "
            "read");
  Status bytes = CheckObjectLimits(objects, {std::nullopt, 3071}, "s3://b/p/");
  EXPECT_NE(bytes.message().find("--max-bytes is"), std::string::npos);
}

TEST(ObjectFiltersTest, ParsesInstantsAndAges) {
  auto date = ParseInstant("2024-03-05", kNow);
  ASSERT_TRUE(date.ok());
  EXPECT_EQ(std::chrono::duration_cast<std::chrono::seconds>(date->time_since_epoch()).count(),
            1'709'596'800);
  auto zoned = ParseInstant("2024-03-05T10:00:00+02:00", kNow);
  ASSERT_TRUE(zoned.ok());
  EXPECT_EQ(*zoned - *date, hours(8));
  EXPECT_EQ(*ParseInstant("36h", kNow), kNow - hours(36));
  EXPECT_EQ(*ParseInstant("7d", kNow), kNow - hours(7 * 24));
  EXPECT_EQ(*ParseInstant("90m", kNow), kNow - std::chrono::minutes(90));
  for (const char* bad : {"yesterday", "7w", "-3d", ""}) {
    EXPECT_FALSE(ParseInstant(bad, kNow).ok()) << bad;
  }
}

}  // namespace
}  // namespace s3c::dataset
