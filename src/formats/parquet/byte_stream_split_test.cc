#include <gtest/gtest.h>

#include <cstring>
#include <random>
#include <string>
#include <vector>

#include "formats/parquet/encodings.h"

namespace s3c::formats::parquet {
namespace {

TEST(ByteStreamSplitTest, SpecExample) {
  const std::string values("\xAA\xBB\xCC\xDD\x00\x11\x22\x33\xA3\xB4\xC5\xD6", 12);
  const std::string split("\xAA\x00\xA3\xBB\x11\xB4\xCC\x22\xC5\xDD\x33\xD6", 12);
  EXPECT_EQ(EncodeByteStreamSplit(values.data(), 3, 4), split);
  std::string out(12, '\0');
  ASSERT_TRUE(DecodeByteStreamSplit(split, 3, 4, out.data()).ok());
  EXPECT_EQ(out, values);
}

TEST(ByteStreamSplitTest, RoundTripsEveryWidth) {
  std::mt19937 rng(31);
  for (size_t width : {1, 2, 3, 4, 8, 12, 16, 33}) {
    for (size_t n : {0, 1, 7, 8, 9, 1000}) {
      std::string values(n * width, '\0');
      for (auto& c : values) c = static_cast<char>(rng());
      const std::string enc = EncodeByteStreamSplit(values.data(), n, width);
      ASSERT_EQ(enc.size(), values.size());
      if (n > 1) {
        EXPECT_EQ(enc[1], values[width]) << "stream 0 holds byte 0 of value 1";
      }
      std::string out(values.size(), '\0');
      ASSERT_TRUE(DecodeByteStreamSplit(enc, n, width, out.data()).ok());
      EXPECT_EQ(out, values) << width << " " << n;
    }
  }
  const double d[] = {1.5, -2.25, 1e300};
  const std::string enc = EncodeByteStreamSplit(d, 3, 8);
  double back[3];
  ASSERT_TRUE(DecodeByteStreamSplit(enc, 3, 8, back).ok());
  EXPECT_EQ(std::memcmp(back, d, sizeof(d)), 0);
}

TEST(ByteStreamSplitTest, SizeMismatchIsDataLoss) {
  char out[16];
  Status s = DecodeByteStreamSplit(std::string(13, 'x'), 3, 4, out);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kDataLoss);
  EXPECT_NE(s.message().find("3 values of 4 bytes do not fill the 13 bytes"), std::string::npos)
      << s.message();
  EXPECT_EQ(DecodeByteStreamSplit(std::string(11, 'x'), 3, 4, out).code(), StatusCode::kDataLoss);
  EXPECT_EQ(DecodeByteStreamSplit(std::string(8, 'x'), size_t{1} << 62, 4, out).code(),
            StatusCode::kDataLoss);
  EXPECT_EQ(DecodeByteStreamSplit("", 0, 0, out).code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace s3c::formats::parquet
