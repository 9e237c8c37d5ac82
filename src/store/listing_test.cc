#include "store/listing.h"

#include <gtest/gtest.h>

namespace s3c::store_internal {
namespace {

TEST(PrefixSuccessorTest, IncrementsLastByteAndDropsTrailingFf) {
  EXPECT_EQ(PrefixSuccessor("a/"), "a0");
  EXPECT_EQ(PrefixSuccessor("ab"), "ac");
  EXPECT_EQ(PrefixSuccessor(std::string("a\xff\xff", 3)), "b");
  EXPECT_EQ(PrefixSuccessor(""), "");
  EXPECT_EQ(PrefixSuccessor("\xff"), "");
}

TEST(CommonPrefixForTest, RollsUpAtFirstDelimiterAfterPrefix) {
  EXPECT_EQ(CommonPrefixFor("a/b/c", "", "/"), "a/");
  EXPECT_EQ(CommonPrefixFor("a/b/c", "a/", "/"), "a/b/");
  EXPECT_EQ(CommonPrefixFor("a/b/c", "a/b/", "/"), "");
  EXPECT_EQ(CommonPrefixFor("a/bc/d", "a/b", "/"), "a/bc/");
  EXPECT_EQ(CommonPrefixFor("x--y--z", "", "--"), "x--");
  EXPECT_EQ(CommonPrefixFor("a/b", "", ""), "");
}

// Feeds every key >= seek_key() from a sorted list, as a source does.
std::vector<std::vector<std::string>> Pages(const std::vector<std::string>& keys,
                                            const ListOptions& options, size_t page_size,
                                            int* fed = nullptr) {
  std::vector<std::vector<std::string>> pages;
  ListPageCallback cb = [&pages](const std::vector<ObjectInfo>& page) {
    pages.emplace_back();
    for (const auto& o : page) pages.back().push_back(o.key + (o.is_prefix ? "*" : ""));
    return Status::OK();
  };
  ListingBuilder b(options, page_size, cb);
  int n = 0;
  while (!b.done()) {
    auto it = std::lower_bound(keys.begin(), keys.end(), b.seek_key());
    if (it == keys.end()) break;
    ObjectInfo info;
    info.key = *it;
    ++n;
    EXPECT_TRUE(b.Add(info).ok());
  }
  EXPECT_TRUE(b.Finish().ok());
  if (fed) *fed = n;
  return pages;
}

const std::vector<std::string> kKeys = {"a.txt", "a/b", "a/c", "a/d/e", "ab", "b", "x/y"};

TEST(ListingBuilderTest, RecursiveListsEveryKeyInPages) {
  ListOptions o;
  auto pages = Pages(kKeys, o, 3);
  ASSERT_EQ(pages.size(), 3u);
  EXPECT_EQ(pages[0], (std::vector<std::string>{"a.txt", "a/b", "a/c"}));
  EXPECT_EQ(pages[1], (std::vector<std::string>{"a/d/e", "ab", "b"}));
  EXPECT_EQ(pages[2], (std::vector<std::string>{"x/y"}));
}

TEST(ListingBuilderTest, DelimiterRollsUpAndSkipsTheSubtree) {
  ListOptions o;
  o.delimiter = "/";
  int fed = 0;
  auto pages = Pages(kKeys, o, 100, &fed);
  ASSERT_EQ(pages.size(), 1u);
  EXPECT_EQ(pages[0], (std::vector<std::string>{"a.txt", "a/*", "ab", "b", "x/*"}));
  EXPECT_EQ(fed, 5);  // a/c and a/d/e were skipped by seeking past "a/"
}

TEST(ListingBuilderTest, StartAfterHidesCommonPrefixesNotAfterIt) {
  // Matches RGW: start_after inside "a/" hides "a/" although a/c and a/d/e follow it.
  ListOptions o;
  o.delimiter = "/";
  o.start_after = "a/b";
  EXPECT_EQ(Pages(kKeys, o, 100)[0], (std::vector<std::string>{"ab", "b", "x/*"}));
  o.start_after = "a";
  EXPECT_EQ(Pages(kKeys, o, 100)[0], (std::vector<std::string>{"a.txt", "a/*", "ab", "b", "x/*"}));
}

TEST(ListingBuilderTest, PrefixAndMaxKeys) {
  ListOptions o;
  o.prefix = "a/";
  o.delimiter = "/";
  EXPECT_EQ(Pages(kKeys, o, 100)[0], (std::vector<std::string>{"a/b", "a/c", "a/d/*"}));
  o.max_keys = 2;
  EXPECT_EQ(Pages(kKeys, o, 100)[0], (std::vector<std::string>{"a/b", "a/c"}));
  o.prefix = "zz";
  EXPECT_TRUE(Pages(kKeys, o, 100).empty());
}

TEST(ListingBuilderTest, CallbackErrorStopsTheListing) {
  ListOptions o;
  int calls = 0;
  ListPageCallback cb = [&calls](const std::vector<ObjectInfo>&) {
    ++calls;
    return CancelledError("enough");
  };
  ListingBuilder b(o, 1, cb);
  ObjectInfo info;
  info.key = "a";
  Status st = b.Add(info);
  EXPECT_EQ(st.code(), StatusCode::kCancelled);
  EXPECT_TRUE(b.done());
  EXPECT_EQ(calls, 1);
}

}  // namespace
}  // namespace s3c::store_internal
