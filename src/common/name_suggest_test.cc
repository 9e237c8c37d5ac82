#include "s3c/common/name_suggest.h"

#include <gtest/gtest.h>

namespace s3c {
namespace {

TEST(NameSuggestTest, ClosestWithinAThirdOfTheNameIgnoringCase) {
  const std::vector<std::string> keys = {"endpoint_url", "region", "path_prefix", "format"};
  EXPECT_EQ(ClosestName("endpoint_uri", keys), "endpoint_url");
  EXPECT_EQ(ClosestName("REGOIN", keys), "region");
  EXPECT_EQ(ClosestName("formt", keys), "format");
  EXPECT_EQ(ClosestName("bucket", keys), std::nullopt);
  EXPECT_EQ(DidYouMean("path_prefx", keys), " (did you mean \"path_prefix\"?)");
  EXPECT_EQ(DidYouMean("zzz", keys), "");
  EXPECT_EQ(DidYouMean("x", {}), "");
}

TEST(NameSuggestTest, EditDistance) {
  EXPECT_EQ(EditDistanceIgnoringCase("kitten", "sitting"), 3u);
  EXPECT_EQ(EditDistanceIgnoringCase("Amount", "amount"), 0u);
  EXPECT_EQ(EditDistanceIgnoringCase("", "abc"), 3u);
}

}  // namespace
}  // namespace s3c
