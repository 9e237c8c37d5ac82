#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "formats/parquet/encodings.h"

namespace s3c::formats::parquet {
namespace {

TEST(DictionaryIndicesTest, RoundTripsForManyDictionarySizes) {
  std::mt19937 rng(17);
  for (uint32_t dict : {1u, 2u, 3u, 255u, 256u, 257u, 70000u, 0x80000001u}) {
    for (size_t n : {1, 7, 8, 9, 31, 32, 33, 1000}) {
      std::vector<uint32_t> idx(n);
      for (auto& x : idx) x = rng() % 4 == 0 ? dict - 1 : rng() % dict;
      const std::string enc = EncodeDictionaryIndices(idx.data(), n, dict);
      EXPECT_EQ(static_cast<uint8_t>(enc[0]), BitWidthFor(dict - 1));
      std::vector<uint32_t> out(n);
      Status s = DecodeDictionaryIndices(enc, n, dict, out.data());
      ASSERT_TRUE(s.ok()) << s.ToString();
      EXPECT_EQ(out, idx) << dict << " " << n;
    }
  }
}

TEST(DictionaryIndicesTest, IndexOutsideDictionaryIsDataLoss) {
  const uint32_t idx[] = {0, 4, 2, 5, 1};
  const std::string enc = EncodeDictionaryIndices(idx, 5, 6);  // width 3
  uint32_t out[5];
  Status s = DecodeDictionaryIndices(enc, 5, 5, out);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.code(), StatusCode::kDataLoss);
  EXPECT_NE(s.message().find("dictionary index 5 of value 3 is outside the dictionary of 5 values"),
            std::string::npos)
      << s.message();
  EXPECT_TRUE(DecodeDictionaryIndices(enc, 5, 6, out).ok());
}

TEST(DictionaryIndicesTest, HeaderProblems) {
  uint32_t out[4];
  EXPECT_EQ(DecodeDictionaryIndices("", 4, 3, out).code(), StatusCode::kDataLoss);
  Status wide = DecodeDictionaryIndices(std::string("\x21\x02\x00", 3), 1, 3, out);
  EXPECT_EQ(wide.code(), StatusCode::kDataLoss);
  EXPECT_NE(wide.message().find("bit width 33 at byte 0"), std::string::npos);
  // Width 0: every index is 0 (a one-entry dictionary).
  ASSERT_TRUE(DecodeDictionaryIndices(std::string("\x00\x08", 2), 4, 1, out).ok());
  EXPECT_EQ(out[3], 0u);
  EXPECT_EQ(DecodeDictionaryIndices(std::string("\x00\x08", 2), 4, 0, out).code(),
            StatusCode::kDataLoss);
  // Fewer indices than values.
  Status few = DecodeDictionaryIndices(std::string("\x02\x04\x01", 3), 4, 3, out);
  EXPECT_EQ(few.code(), StatusCode::kDataLoss);
  EXPECT_NE(few.message().find("ends after 2 of 4"), std::string::npos) << few.message();
  EXPECT_TRUE(DecodeDictionaryIndices("", 0, 0, out).ok());
}

}  // namespace
}  // namespace s3c::formats::parquet
