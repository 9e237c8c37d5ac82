#include <gtest/gtest.h>

#include <limits>
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

std::vector<int64_t> Decode(const std::string& data, size_t* used = nullptr) {
  std::vector<int64_t> out;
  auto r = DecodeDeltaBinaryPacked(data, 1 << 20, &out);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  if (used != nullptr && r.ok()) *used = *r;
  return out;
}

// The spec's examples use a block of 8 values in one miniblock (Encodings.md, "Delta Encoding").
TEST(DeltaBinaryPackedTest, SpecExample1) {
  // header 8, 1, 5, zigzag(1)=2; block: zigzag(1)=2, width 0, no data.
  const std::string spec = Bytes({8, 1, 5, 2, 2, 0});
  size_t used = 0;
  EXPECT_EQ(Decode(spec, &used), (std::vector<int64_t>{1, 2, 3, 4, 5}));
  EXPECT_EQ(used, 6u);
  const int32_t v[] = {1, 2, 3, 4, 5};
  // Our writer: block 128 (0x80 0x01), 4 miniblocks, 5 values, first 1; min delta 1, widths 0.
  EXPECT_EQ(EncodeDeltaBinaryPacked32(v, 5), Bytes({0x80, 0x01, 4, 5, 2, 2, 0, 0, 0, 0}));
}

TEST(DeltaBinaryPackedTest, SpecExample2) {
  // header 8, 1, 8, zigzag(7)=14; block: zigzag(-2)=3, width 2, 0,0,0,3,3,3,3 (+1 padding).
  const std::string spec = Bytes({8, 1, 8, 14, 3, 2, 0xC0, 0x3F});
  size_t used = 0;
  EXPECT_EQ(Decode(spec, &used), (std::vector<int64_t>{7, 5, 3, 1, 2, 3, 4, 5}));
  EXPECT_EQ(used, 8u);
  const int64_t v[] = {7, 5, 3, 1, 2, 3, 4, 5};
  std::string expected = Bytes({0x80, 0x01, 4, 8, 14, 3, 2, 0, 0, 0, 0xC0, 0x3F});
  expected.append(6, '\0');  // the rest of the 32-value miniblock (8 bytes at width 2)
  EXPECT_EQ(EncodeDeltaBinaryPacked64(v, 8), expected);
}

TEST(DeltaBinaryPackedTest, EmptyAndSingle) {
  const std::string empty = EncodeDeltaBinaryPacked64(nullptr, 0);
  EXPECT_EQ(empty, Bytes({0x80, 0x01, 4, 0, 0}));
  size_t used = 9;
  EXPECT_TRUE(Decode(empty, &used).empty());
  EXPECT_EQ(used, 5u);
  const int64_t one[] = {-3};
  EXPECT_EQ(Decode(EncodeDeltaBinaryPacked64(one, 1)), std::vector<int64_t>{-3});
}

TEST(DeltaBinaryPackedTest, RandomRoundTripsAroundBlockBoundaries) {
  std::mt19937_64 rng(99);
  for (size_t n : {1, 2, 7, 8, 9, 31, 32, 33, 127, 128, 129, 130, 1000, 4097}) {
    for (int scale : {0, 1, 13, 40, 63}) {
      std::vector<int64_t> v(n);
      std::vector<int32_t> v32(n);
      for (size_t i = 0; i < n; ++i) {
        const uint64_t r = scale == 63 ? rng() : rng() % (uint64_t{1} << scale);
        v[i] =
            static_cast<int64_t>(r) - (scale == 63 ? 0 : int64_t{1} << (scale > 0 ? scale - 1 : 0));
        v32[i] = static_cast<int32_t>(rng());
      }
      std::string enc = EncodeDeltaBinaryPacked64(v.data(), n);
      size_t used = 0;
      EXPECT_EQ(Decode(enc + "trailing", &used), v) << n << " " << scale;
      EXPECT_EQ(used, enc.size());
      std::vector<int64_t> wide = Decode(EncodeDeltaBinaryPacked32(v32.data(), n));
      ASSERT_EQ(wide.size(), n);
      for (size_t i = 0; i < n; ++i) ASSERT_EQ(static_cast<int32_t>(wide[i]), v32[i]) << i;
    }
  }
}

TEST(DeltaBinaryPackedTest, ExtremeDeltasWrapAround) {
  const int64_t kMin = std::numeric_limits<int64_t>::min();
  const int64_t kMax = std::numeric_limits<int64_t>::max();
  const std::vector<int64_t> v = {kMax, kMin, kMax, 0, kMin, -1, kMin, kMax, kMax, kMin};
  const std::string enc = EncodeDeltaBinaryPacked64(v.data(), v.size());
  EXPECT_EQ(static_cast<uint8_t>(enc[enc.size() - 32 * 8 - 4]), 64);  // first width byte
  EXPECT_EQ(Decode(enc), v);
}

TEST(DeltaBinaryPackedTest, Int32WrapAroundUsesAtMost32Bits) {
  const int32_t kMin = std::numeric_limits<int32_t>::min();
  const int32_t kMax = std::numeric_limits<int32_t>::max();
  const std::vector<int32_t> v = {kMax, kMin, kMax, 0, kMin, -1, kMin, kMax};
  const std::string enc = EncodeDeltaBinaryPacked32(v.data(), v.size());
  const std::vector<int64_t> back = Decode(enc);
  ASSERT_EQ(back.size(), v.size());
  for (size_t i = 0; i < v.size(); ++i) EXPECT_EQ(static_cast<int32_t>(back[i]), v[i]);
  // Deltas modulo 2^32: the min delta is an int32 (zigzag of at most 5 bytes), widths <= 32.
  size_t pos = 2 + 1 + 1 + 5;  // 0x80 0x01, 4, count 8, zigzag(kMax) = 0xFFFFFFFE (5 bytes)
  int varint_len = 0;
  while (static_cast<uint8_t>(enc[pos + varint_len]) & 0x80) ++varint_len;
  EXPECT_LE(varint_len + 1, 5);
  EXPECT_EQ(static_cast<uint8_t>(enc[pos + varint_len + 1]), 32);
}

TEST(DeltaBinaryPackedTest, UnusedMiniblocksMayHaveAnyWidthByte) {
  // 3 values, 4 miniblocks of 32: the last three width bytes are garbage and have no data.
  // Min delta 1; miniblock 0 at width 1 holds relative deltas 0, 1 (0x06 = 0b110, LSB first).
  const std::string data = Bytes({0x80, 0x01, 4, 3, 0, 2, 1, 0xFF, 0xEE, 0x99, 0x06, 0, 0, 0});
  size_t used = 0;
  EXPECT_EQ(Decode(data, &used), (std::vector<int64_t>{0, 1, 3}));
  EXPECT_EQ(used, data.size());
}

TEST(DeltaBinaryPackedTest, CorruptAndTruncatedInputs) {
  std::vector<int64_t> out;
  struct Case {
    std::string data;
    std::string message;
  };
  const std::vector<Case> cases = {
      {Bytes({0x80}), "block size at byte 0 is truncated"},
      {Bytes({0x80, 0x01, 4, 10}), "first value at byte 4 is truncated"},
      {Bytes({0x80, 0x01, 3, 10, 0}), "invalid header at byte 0: block size 128, 3 miniblocks"},
      {Bytes({0, 1, 1, 0}), "block size 0"},
      {Bytes({0x80, 0x01, 4, 0xff, 0xff, 0x7f, 0}), "more than the 1000 expected"},
      {Bytes({0x80, 0x01, 4, 200, 1, 0, 2, 0, 0}), "need more than the 9 bytes present"},
      {Bytes({0x80, 0x01, 4, 3, 0, 2, 65, 0, 0, 0}), "miniblock bit width 65 at byte 6"},
      {Bytes({0x80, 0x01, 4, 3, 0, 2, 8, 0, 0, 0, 1, 2}), "miniblock at byte 10 is truncated"},
  };
  for (const auto& c : cases) {
    auto r = DecodeDeltaBinaryPacked(c.data, 1000, &out);
    ASSERT_FALSE(r.ok()) << c.message;
    EXPECT_EQ(r.status().code(), StatusCode::kDataLoss);
    EXPECT_NE(r.status().message().find(c.message), std::string::npos) << r.status().message();
  }
  std::vector<int64_t> v(300);
  for (size_t i = 0; i < v.size(); ++i) v[i] = static_cast<int64_t>(i * i * 7919 % 10007);
  const std::string enc = EncodeDeltaBinaryPacked64(v.data(), v.size());
  for (size_t cut = 0; cut < enc.size(); ++cut) {
    auto r = DecodeDeltaBinaryPacked(std::string_view(enc).substr(0, cut), 1000, &out);
    ASSERT_FALSE(r.ok()) << cut;
    EXPECT_EQ(r.status().code(), StatusCode::kDataLoss);
  }
}

}  // namespace
}  // namespace s3c::formats::parquet
