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

std::vector<uint32_t> DecodeAll(const std::string& data, int w, size_t n, size_t chunk = 0) {
  RleBitPackedDecoder d(data, w);
  std::vector<uint32_t> out(n);
  size_t done = 0;
  while (done < n) {
    const size_t want = chunk == 0 ? n - done : std::min(chunk, n - done);
    auto got = d.Decode(out.data() + done, want);
    EXPECT_TRUE(got.ok()) << got.status().ToString();
    if (!got.ok() || *got == 0) break;
    done += *got;
  }
  out.resize(done);
  return out;
}

TEST(RleBitPackedTest, SpecExampleEncodesToTheSpecBytes) {
  RleBitPackedEncoder e(3);
  for (uint32_t v = 0; v < 8; ++v) e.Put(v);
  // Header varint(1 group << 1 | 1) = 0x03, then 10001000 11000110 11111010.
  EXPECT_EQ(e.Finish(), Bytes({0x03, 0x88, 0xC6, 0xFA}));
  EXPECT_EQ(DecodeAll(Bytes({0x03, 0x88, 0xC6, 0xFA}), 3, 8),
            (std::vector<uint32_t>{0, 1, 2, 3, 4, 5, 6, 7}));
}

TEST(RleBitPackedTest, RepeatedValuesBecomeOneRleRun) {
  RleBitPackedEncoder e(10);
  for (int i = 0; i < 300; ++i) e.Put(513);
  // varint(300 << 1) = 0xD8 0x04, then 513 in 2 bytes little-endian.
  const std::string enc = e.Finish();
  EXPECT_EQ(enc, Bytes({0xD8, 0x04, 0x01, 0x02}));
  EXPECT_EQ(DecodeAll(enc, 10, 300), std::vector<uint32_t>(300, 513));
}

TEST(RleBitPackedTest, MixedRunsRoundTripAndEncodeCompactly) {
  std::vector<uint32_t> v;
  for (int i = 0; i < 5; ++i) v.push_back(i % 4);
  v.insert(v.end(), 100, 3);
  for (int i = 0; i < 13; ++i) v.push_back(i % 4);
  v.insert(v.end(), 9, 1);
  RleBitPackedEncoder e(2);
  e.PutMany(v.data(), v.size());
  const std::string enc = e.Finish();
  EXPECT_LT(enc.size(), 20u);
  EXPECT_EQ(DecodeAll(enc, 2, v.size()), v);
}

class RleRoundTripTest : public ::testing::TestWithParam<int> {};

TEST_P(RleRoundTripTest, RandomValuesEveryLength) {
  const int w = GetParam();
  std::mt19937_64 rng(w * 977 + 1);
  const uint64_t mask = (uint64_t{1} << w) - 1;
  for (size_t n : {0, 1, 7, 8, 9, 31, 32, 33, 1000}) {
    for (int pattern = 0; pattern < 3; ++pattern) {
      std::vector<uint32_t> v(n);
      for (size_t i = 0; i < n; ++i) {
        // 0: random (bit-packed), 1: long repeats (RLE), 2: short repeats (both).
        const uint64_t r = pattern == 0 ? rng() : pattern == 1 ? (i / 50) * 0x9e3779b9 : rng() % 3;
        v[i] = static_cast<uint32_t>(r & mask);
      }
      if (w == 32 && n > 0) v[0] = 0xffffffffu;
      RleBitPackedEncoder e(w);
      e.PutMany(v.data(), n);
      const std::string enc = e.Finish();
      EXPECT_EQ(DecodeAll(enc, w, n), v) << "width " << w << " n " << n << " p " << pattern;
      EXPECT_EQ(DecodeAll(enc, w, n, 5), v) << "width " << w << " n " << n << " chunks of 5";
      EXPECT_EQ(DecodeAll(enc, w, n, 33), v) << "width " << w << " n " << n << " chunks of 33";
      RleBitPackedDecoder d(enc, w);
      std::vector<uint32_t> all(n + 10);
      auto got = d.Decode(all.data(), all.size());
      ASSERT_TRUE(got.ok());
      // Fewer values only because the data ends; the padding of the last group may be read.
      EXPECT_GE(*got, n);
      EXPECT_LE(*got, n + 7);
      EXPECT_EQ(d.position(), enc.size());
    }
  }
}

INSTANTIATE_TEST_SUITE_P(AllWidths, RleRoundTripTest, ::testing::Range(0, 33));

TEST(RleBitPackedTest, PaddedLastRunDecodesOnlyWhatIsAsked) {
  // 3 values bit-packed at width 8, declared as 2 groups (16 values) but only 3 bytes present.
  const std::string data = Bytes({0x05, 7, 8, 9});
  RleBitPackedDecoder d(data, 8);
  uint32_t out[3];
  auto got = d.Decode(out, 3);
  ASSERT_TRUE(got.ok()) << got.status().ToString();
  EXPECT_EQ(*got, 3u);
  EXPECT_EQ(out[2], 9u);
  // Asking for values whose bytes are missing is corruption.
  uint32_t more[2];
  auto bad = d.Decode(more, 2);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(bad.status().message().find("byte 0"), std::string::npos) << bad.status().message();
}

TEST(RleBitPackedTest, DataEndingBetweenRunsReturnsFewer) {
  const std::string data = Bytes({0x06, 0x01});  // RLE run: 3 x 1 at width 1
  RleBitPackedDecoder d(data, 1);
  uint32_t out[10];
  auto got = d.Decode(out, 10);
  ASSERT_TRUE(got.ok());
  EXPECT_EQ(*got, 3u);
  EXPECT_EQ(d.position(), 2u);
}

TEST(RleBitPackedTest, CorruptInputsAreDataLossWithOffsets) {
  uint32_t out[64];
  struct Case {
    std::string data;
    int width;
    std::string message;
  };
  const std::vector<Case> cases = {
      {Bytes({0x04}), 8, "RLE run at byte 0 needs a 1-byte value"},
      {Bytes({0x04, 0x02}), 1, "RLE run at byte 0 repeats 2, wider than bit width 1"},
      {Bytes({0x02, 0x05, 0x04, 0x40}), 4, "RLE run at byte 2 repeats 64"},
      {Bytes({0x80, 0x80}), 3, "run header at byte 0 is truncated"},
      {Bytes({0x80, 0x80, 0x80, 0x80, 0x80, 0x01}), 3,
       "run header at byte 0 is truncated or too long"},
      {Bytes({0x02, 0x01, 0x03, 0xff}), 3,
       "bit-packed run at byte 2 declares 8 values but the data "
       "ends after 2"},
  };
  for (const auto& c : cases) {
    RleBitPackedDecoder d(c.data, c.width);
    auto got = d.Decode(out, 10);
    ASSERT_FALSE(got.ok()) << c.message;
    EXPECT_EQ(got.status().code(), StatusCode::kDataLoss);
    EXPECT_NE(got.status().message().find(c.message), std::string::npos) << got.status().message();
  }
  RleBitPackedDecoder wide("", 33);
  EXPECT_EQ(wide.Decode(out, 1).status().code(), StatusCode::kDataLoss);
}

TEST(RleBitPackedTest, TruncationsNeverCrash) {
  std::vector<uint32_t> v(500);
  std::mt19937 rng(3);
  for (auto& x : v) x = rng() % 5 == 0 ? rng() & 0x1ffff : 77;
  RleBitPackedEncoder e(17);
  e.PutMany(v.data(), v.size());
  const std::string enc = e.Finish();
  for (size_t cut = 0; cut < enc.size(); ++cut) {
    RleBitPackedDecoder d(std::string_view(enc).substr(0, cut), 17);
    std::vector<uint32_t> out(v.size());
    auto got = d.Decode(out.data(), out.size());
    if (got.ok()) {
      // All values may survive a cut that only removes padding of the last group.
      EXPECT_TRUE(std::equal(out.begin(), out.begin() + *got, v.begin())) << cut;
    } else {
      EXPECT_EQ(got.status().code(), StatusCode::kDataLoss);
    }
  }
}

TEST(RleBitPackedTest, BitWidthFor) {
  EXPECT_EQ(BitWidthFor(0), 0);
  EXPECT_EQ(BitWidthFor(1), 1);
  EXPECT_EQ(BitWidthFor(2), 2);
  EXPECT_EQ(BitWidthFor(7), 3);
  EXPECT_EQ(BitWidthFor(8), 4);
  EXPECT_EQ(BitWidthFor(0xffffffffu), 32);
  EXPECT_EQ(BitWidthFor(~uint64_t{0}), 64);
}

}  // namespace
}  // namespace s3c::formats::parquet
