#include "formats/parquet/bit_packing.h"

#include <gtest/gtest.h>

#include <random>
#include <vector>

namespace s3c::formats::parquet::bitpack {
namespace {

uint64_t MaskOf(int w) { return w == 64 ? ~uint64_t{0} : (uint64_t{1} << w) - 1; }

// Reference LSB-first packing, bit by bit (Encodings.md RLE note 1).
std::vector<uint8_t> ReferencePack(const std::vector<uint64_t>& v, int w) {
  std::vector<uint8_t> out((v.size() * w + 7) / 8, 0);
  size_t bit = 0;
  for (uint64_t x : v) {
    for (int b = 0; b < w; ++b, ++bit) {
      if ((x >> b) & 1) out[bit / 8] |= static_cast<uint8_t>(1 << (bit % 8));
    }
  }
  return out;
}

TEST(BitPackingTest, SpecExampleWidth3) {
  uint32_t values[8] = {0, 1, 2, 3, 4, 5, 6, 7};
  uint8_t packed[3];
  Pack8(values, 3, packed);
  EXPECT_EQ(packed[0], 0x88);  // 10001000
  EXPECT_EQ(packed[1], 0xC6);  // 11000110
  EXPECT_EQ(packed[2], 0xFA);  // 11111010
  uint32_t back[8];
  Unpack8(packed, 3, back);
  for (int i = 0; i < 8; ++i) EXPECT_EQ(back[i], values[i]);
}

TEST(BitPackingTest, MsbFirstSpecExample) {
  const uint8_t packed[3] = {0x05, 0x39, 0x77};  // Encodings.md "Bit-packed (Deprecated)"
  uint32_t out[8];
  UnpackMsbFirst(packed, 3, 8, out);
  for (uint32_t i = 0; i < 8; ++i) EXPECT_EQ(out[i], i);
}

TEST(BitPackingTest, Every32BitWidthMatchesTheReference) {
  std::mt19937_64 rng(7);
  for (int w = 0; w <= 32; ++w) {
    std::vector<uint64_t> ref(32);
    std::vector<uint32_t> values(32);
    for (int i = 0; i < 32; ++i) {
      // Include all-ones values so the top bit of every width is exercised.
      values[i] = static_cast<uint32_t>((i % 5 == 0 ? ~uint64_t{0} : rng()) & MaskOf(w));
      ref[i] = values[i];
    }
    const std::vector<uint8_t> expected = ReferencePack(ref, w);
    ASSERT_EQ(expected.size(), 4u * w);
    // Pack32 writes exactly 4 * w bytes: a guard byte after them stays untouched.
    std::vector<uint8_t> packed(4 * w + 1, 0xAB);
    Pack32(values.data(), w, packed.data());
    EXPECT_EQ(packed.back(), 0xAB) << "width " << w;
    packed.pop_back();
    EXPECT_EQ(packed, expected) << "width " << w;
    std::vector<uint32_t> out(32, 0xdeadbeef);
    Unpack32(expected.data(), w, out.data());
    EXPECT_EQ(out, values) << "width " << w;
    // Groups of 8 and the slow path agree.
    std::vector<uint32_t> out8(32), range(32);
    for (int g = 0; g < 4; ++g) {
      std::vector<uint8_t> p8(w);
      Pack8(values.data() + 8 * g, w, p8.data());
      EXPECT_TRUE(std::equal(p8.begin(), p8.end(), expected.begin() + g * w)) << w;
      Unpack8(expected.data() + g * w, w, out8.data() + 8 * g);
    }
    EXPECT_EQ(out8, values) << "width " << w;
    UnpackRange(expected.data(), w, 3, 29, range.data());
    EXPECT_TRUE(std::equal(range.begin(), range.begin() + 29, values.begin() + 3)) << w;
  }
}

TEST(BitPackingTest, Every64BitWidthMatchesTheReference) {
  std::mt19937_64 rng(11);
  for (int w = 0; w <= 64; ++w) {
    std::vector<uint64_t> values(32);
    for (int i = 0; i < 32; ++i) values[i] = (i % 7 == 0 ? ~uint64_t{0} : rng()) & MaskOf(w);
    const std::vector<uint8_t> expected = ReferencePack(values, w);
    std::vector<uint8_t> packed(4 * w + 1, 0x5A);
    Pack32x64(values.data(), w, packed.data());
    EXPECT_EQ(packed.back(), 0x5A) << "width " << w;
    packed.pop_back();
    EXPECT_EQ(packed, expected) << "width " << w;
    std::vector<uint64_t> out(32, 1);
    Unpack32x64(expected.data(), w, out.data());
    EXPECT_EQ(out, values) << "width " << w;
    std::vector<uint64_t> out8(32);
    for (int g = 0; g < 4; ++g) {
      std::vector<uint8_t> p8(w);
      Pack8x64(values.data() + 8 * g, w, p8.data());
      EXPECT_TRUE(std::equal(p8.begin(), p8.end(), expected.begin() + g * w)) << w;
      Unpack8x64(expected.data() + g * w, w, out8.data() + 8 * g);
    }
    EXPECT_EQ(out8, values) << "width " << w;
  }
}

TEST(BitPackingTest, PackMasksHighBits) {
  uint32_t values[8] = {0xff, 0xfe, 0, 0, 0, 0, 0, 0};
  uint8_t packed[1];
  Pack8(values, 1, packed);
  EXPECT_EQ(packed[0], 0x01);
}

}  // namespace
}  // namespace s3c::formats::parquet::bitpack
