#include <gtest/gtest.h>

#include <cstring>
#include <limits>
#include <string>
#include <vector>

#include "formats/parquet/encodings.h"

namespace s3c::formats::parquet {
namespace {

TEST(PlainEncodingTest, FixedWidthIsLittleEndianCopy) {
  const std::string data("\x01\x00\x00\x00\xff\xff\xff\xff\x00\x00\x00\x80xyz", 15);
  int32_t out[3];
  auto used = DecodePlainFixed(data, 3, 4, out);
  ASSERT_TRUE(used.ok());
  EXPECT_EQ(*used, 12u);
  EXPECT_EQ(out[0], 1);
  EXPECT_EQ(out[1], -1);
  EXPECT_EQ(out[2], std::numeric_limits<int32_t>::min());
  char int96[24];
  auto used96 = DecodePlainFixed(std::string(24, 'q'), 2, 12, int96);
  ASSERT_TRUE(used96.ok());
  EXPECT_EQ(*used96, 24u);
  auto none = DecodePlainFixed("", 0, 8, nullptr);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(*none, 0u);
}

TEST(PlainEncodingTest, FixedWidthTruncatedOrOverflowingCount) {
  int64_t out[2];
  auto short_data = DecodePlainFixed(std::string(15, 'a'), 2, 8, out);
  ASSERT_FALSE(short_data.ok());
  EXPECT_EQ(short_data.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(short_data.status().message().find("2 values of 8 bytes need more than the 15 bytes"),
            std::string::npos);
  // n * width would overflow size_t: still a clean DataLoss.
  auto huge =
      DecodePlainFixed(std::string(16, 'a'), std::numeric_limits<size_t>::max() / 4, 8, out);
  EXPECT_EQ(huge.status().code(), StatusCode::kDataLoss);
}

TEST(PlainEncodingTest, BooleanLsbFirst) {
  std::vector<uint8_t> v = {1, 0, 1, 1, 0, 0, 0, 1, 1, 1};
  const std::string enc = EncodePlainBoolean(v.data(), v.size());
  EXPECT_EQ(enc, std::string("\x8d\x03", 2));
  std::vector<uint8_t> out(v.size());
  auto used = DecodePlainBoolean(enc, v.size(), out.data());
  ASSERT_TRUE(used.ok());
  EXPECT_EQ(*used, 2u);
  EXPECT_EQ(out, v);
  auto bad = DecodePlainBoolean(enc, 17, out.data());
  EXPECT_EQ(bad.status().code(), StatusCode::kDataLoss);
}

TEST(PlainEncodingTest, ByteArrayRoundTripWithEmptyAndLongValues) {
  ByteArrayValues v;
  v.Append("");
  v.Append("hello");
  v.Append(std::string(100000, 'z'));
  v.Append("");
  const std::string enc = EncodePlainByteArray(v);
  EXPECT_EQ(enc.size(), 16u + 5 + 100000);
  EXPECT_EQ(enc.substr(4, 4), std::string("\x05\x00\x00\x00", 4));
  ByteArrayValues out;
  out.Append("existing");
  auto used = DecodePlainByteArray(enc + "tail", 4, &out);
  ASSERT_TRUE(used.ok()) << used.status().ToString();
  EXPECT_EQ(*used, enc.size());
  ASSERT_EQ(out.size(), 5u);
  EXPECT_EQ(out[0], "existing");
  EXPECT_EQ(out[1], "");
  EXPECT_EQ(out[2], "hello");
  EXPECT_EQ(out[3], std::string(100000, 'z'));
  EXPECT_EQ(out[4], "");
}

TEST(PlainEncodingTest, ByteArrayCorruption) {
  ByteArrayValues out;
  // Length 6 at byte 9 with only 2 bytes after it.
  const std::string data(
      "\x01\x00\x00\x00"
      "a"
      "\x00\x00\x00\x00"
      "\x06\x00\x00\x00"
      "bc",
      15);
  auto bad = DecodePlainByteArray(data, 3, &out);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(bad.status().message().find("value 2 at byte 9 has length 6 but only 2 bytes follow"),
            std::string::npos)
      << bad.status().message();
  auto truncated_len = DecodePlainByteArray(data.substr(0, 8), 2, &out);
  ASSERT_FALSE(truncated_len.ok());
  EXPECT_NE(truncated_len.status().message().find("value 1 length at byte 5 is truncated"),
            std::string::npos)
      << truncated_len.status().message();
  // A count that cannot fit is refused before anything is reserved.
  auto huge = DecodePlainByteArray(data, size_t{1} << 60, &out);
  EXPECT_EQ(huge.status().code(), StatusCode::kDataLoss);
  auto max_len = DecodePlainByteArray(std::string("\xff\xff\xff\xff", 4), 1, &out);
  EXPECT_EQ(max_len.status().code(), StatusCode::kDataLoss);
}

}  // namespace
}  // namespace s3c::formats::parquet
