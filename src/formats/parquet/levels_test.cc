#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "formats/parquet/encodings.h"

namespace s3c::formats::parquet {
namespace {

std::string Bytes(std::initializer_list<int> b) {
  std::string s;
  for (int x : b) s.push_back(static_cast<char>(x));
  return s;
}

std::string WithLength(const std::string& body) {
  std::string s;
  const uint32_t n = static_cast<uint32_t>(body.size());
  for (int i = 0; i < 4; ++i) s.push_back(static_cast<char>(n >> (8 * i)));
  return s + body;
}

TEST(LevelsTest, V1RleWithLengthPrefixRoundTrips) {
  std::vector<int16_t> levels;
  std::mt19937 rng(5);
  for (int i = 0; i < 1000; ++i) levels.push_back(static_cast<int16_t>(i < 400 ? 3 : rng() % 4));
  const std::string body = EncodeLevels(levels.data(), levels.size(), 3);
  const std::string page = WithLength(body) + "VALUES";
  std::vector<int16_t> out(levels.size());
  auto used = DecodeLevelsV1(Encoding::kRle, page, 3, levels.size(), out.data());
  ASSERT_TRUE(used.ok()) << used.status().ToString();
  EXPECT_EQ(*used, 4 + body.size());
  EXPECT_EQ(out, levels);
  std::vector<int16_t> out2(levels.size());
  ASSERT_TRUE(DecodeLevelsV2(body, 3, levels.size(), out2.data()).ok());
  EXPECT_EQ(out2, levels);
}

TEST(LevelsTest, V1BitPackedIsMsbFirst) {
  // Encodings.md "Bit-packed (Deprecated)": 0..7 at width 3 -> 00000101 00111001 01110111.
  const std::string page = Bytes({0x05, 0x39, 0x77, 0xEE});
  std::vector<int16_t> out(8);
  auto used = DecodeLevelsV1(Encoding::kBitPacked, page, 7, 8, out.data());
  ASSERT_TRUE(used.ok()) << used.status().ToString();
  EXPECT_EQ(*used, 3u);
  EXPECT_EQ(out, (std::vector<int16_t>{0, 1, 2, 3, 4, 5, 6, 7}));
  // 30 values of 2 bits take 8 bytes (the spec's own sizing example).
  std::string thirty(8, '\0');
  std::vector<int16_t> zeros(30, 9);
  auto u30 = DecodeLevelsV1(Encoding::kBitPacked, thirty, 3, 30, zeros.data());
  ASSERT_TRUE(u30.ok());
  EXPECT_EQ(*u30, 8u);
  EXPECT_EQ(zeros, std::vector<int16_t>(30, 0));
}

TEST(LevelsTest, V1BitPackedLongAndTruncated) {
  std::vector<int16_t> out(2000);
  std::string page(2000 * 5 / 8, '\xff');  // width 5 for max level 17; 31 > 17
  auto bad = DecodeLevelsV1(Encoding::kBitPacked, page, 17, 2000, out.data());
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(bad.status().message().find("level 31 of value 0 is above the maximum level 17"),
            std::string::npos)
      << bad.status().message();
  std::string ok_page(2000 * 5 / 8, '\0');
  ok_page[1249] = 0x01;  // MSB-first: the last bit belongs to value 1999
  auto ok = DecodeLevelsV1(Encoding::kBitPacked, ok_page, 17, 2000, out.data());
  ASSERT_TRUE(ok.ok());
  EXPECT_EQ(out[1999], 1);
  EXPECT_EQ(out[1998], 0);
  auto short_page =
      DecodeLevelsV1(Encoding::kBitPacked, ok_page.substr(0, 1249), 17, 2000, out.data());
  EXPECT_EQ(short_page.status().code(), StatusCode::kDataLoss);
}

TEST(LevelsTest, LevelAboveMaxIsDataLoss) {
  const int16_t levels[] = {0, 1, 2, 3};
  const std::string body = EncodeLevels(levels, 4, 3);
  int16_t out[4];
  Status s = DecodeLevelsV2(body, 2, 4, out);  // same width (2 bits), lower max
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kDataLoss);
  EXPECT_NE(s.message().find("level 3 of value 3 is above the maximum level 2"), std::string::npos)
      << s.message();
}

TEST(LevelsTest, TooFewLevelsIsDataLoss) {
  const int16_t levels[] = {1, 1, 0};
  const std::string body = EncodeLevels(levels, 3, 1);
  std::vector<int16_t> out(100);
  Status s = DecodeLevelsV2(body, 1, 100, out.data());
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kDataLoss);
  EXPECT_NE(s.message().find("ends after 8 of 100 levels"), std::string::npos) << s.message();
}

TEST(LevelsTest, V1LengthPrefixProblems) {
  int16_t out[4];
  auto tiny = DecodeLevelsV1(Encoding::kRle, Bytes({1, 0}), 1, 4, out);
  EXPECT_EQ(tiny.status().code(), StatusCode::kDataLoss);
  auto over = DecodeLevelsV1(Encoding::kRle, Bytes({9, 0, 0, 0, 0x08, 0x01}), 1, 4, out);
  ASSERT_FALSE(over.ok());
  EXPECT_NE(over.status().message().find("claim 9 bytes but 2 follow"), std::string::npos)
      << over.status().message();
  auto plain = DecodeLevelsV1(Encoding::kPlain, Bytes({0, 0, 0, 0}), 1, 4, out);
  EXPECT_EQ(plain.status().code(), StatusCode::kDataLoss);
}

TEST(LevelsTest, MaxLevelZeroStoresNothing) {
  const int16_t levels[] = {0, 0, 0};
  EXPECT_EQ(EncodeLevels(levels, 3, 0), "");
  int16_t out[3] = {5, 5, 5};
  auto used = DecodeLevelsV1(Encoding::kRle, "abc", 0, 3, out);
  ASSERT_TRUE(used.ok());
  EXPECT_EQ(*used, 0u);
  EXPECT_EQ(out[2], 0);
  EXPECT_TRUE(DecodeLevelsV2("", 0, 3, out).ok());
}

}  // namespace
}  // namespace s3c::formats::parquet
