#include "s3c/common/time_format.h"

#include <gtest/gtest.h>

namespace s3c {
namespace {

TEST(TimeFormatTest, FormatsAndParsesTheAwsForms) {
  WallTime t = *ParseIso8601("2015-08-30T12:36:00Z");
  EXPECT_EQ(FormatAmzDate(t), "20150830T123600Z");
  EXPECT_EQ(FormatDateStamp(t), "20150830");
  EXPECT_EQ(FormatIso8601(t), "2015-08-30T12:36:00Z");
  EXPECT_EQ(FormatHttpDate(t), "Sun, 30 Aug 2015 12:36:00 GMT");
  EXPECT_EQ(*ParseHttpDate("Sun, 30 Aug 2015 12:36:00 GMT"), t);
  EXPECT_EQ(*ParseAmzDate("20150830T123600Z"), t);
}

TEST(TimeFormatTest, Iso8601FractionsAndOffsets) {
  WallTime t = *ParseIso8601("2015-08-30T12:36:00Z");
  EXPECT_EQ(*ParseIso8601("2015-08-30T14:36:00+02:00"), t);
  auto frac = ParseIso8601("2015-08-30T12:36:00.500Z");
  ASSERT_TRUE(frac.has_value());
  EXPECT_EQ(*frac - t, std::chrono::milliseconds(500));
  EXPECT_FALSE(ParseIso8601("2015-13-30T12:36:00Z").has_value());
  EXPECT_FALSE(ParseIso8601("yesterday").has_value());
  EXPECT_FALSE(ParseHttpDate("Sun, 30 Foo 2015 12:36:00 GMT").has_value());
}

}  // namespace
}  // namespace s3c
