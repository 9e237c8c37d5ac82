#include "s3c/common/crc32c.h"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace s3c {
namespace {

// Bit at a time, straight from the polynomial: the reference the fast path must match.
uint32_t ReferenceCrc32c(const std::string& s) {
  uint32_t c = 0xffffffffu;
  for (unsigned char b : s) {
    c ^= b;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? (c >> 1) ^ 0x82F63B78u : c >> 1;
  }
  return ~c;
}

// RFC 3720 appendix B.4 plus the common "123456789" check value.
TEST(Crc32cTest, KnownVectors) {
  EXPECT_EQ(Crc32c("123456789", 9), 0xE3069283u);
  EXPECT_EQ(Crc32c("", 0), 0u);
  std::string zeros(32, '\0');
  EXPECT_EQ(Crc32c(zeros.data(), zeros.size()), 0x8A9136AAu);
  std::string ones(32, '\xff');
  EXPECT_EQ(Crc32c(ones.data(), ones.size()), 0x62A8AB43u);
  std::string inc, dec;
  for (int i = 0; i < 32; ++i) {
    inc.push_back(static_cast<char>(i));
    dec.push_back(static_cast<char>(31 - i));
  }
  EXPECT_EQ(Crc32c(inc.data(), inc.size()), 0x46DD794Eu);
  EXPECT_EQ(Crc32c(dec.data(), dec.size()), 0x113FDB5Cu);
  EXPECT_EQ(ReferenceCrc32c("123456789"), 0xE3069283u);
}

TEST(Crc32cTest, ExtendsAcrossCalls) {
  std::string s = "123456789";
  uint32_t part = Crc32c(s.data(), 4);
  EXPECT_EQ(Crc32c(s.data() + 4, 5, part), 0xE3069283u);
}

// Every length and alignment, around the sizes where fast paths change strategy, agrees with
// the bitwise reference, in one call and split in two.
TEST(Crc32cTest, AgreesWithReferenceAtEveryAlignment) {
  std::mt19937 rng(12345);
  std::string data(70'000, '\0');
  for (char& c : data) c = static_cast<char>(rng());
  const size_t lengths[] = {0,   1,    7,    8,    9,    15,   16,    63,    64,    255,
                            256, 1023, 1024, 6143, 6144, 6145, 12288, 12295, 20000, 69'990};
  for (size_t offset = 0; offset < 9; ++offset) {
    for (size_t len : lengths) {
      if (offset + len > data.size()) continue;
      SCOPED_TRACE("offset " + std::to_string(offset) + " length " + std::to_string(len));
      uint32_t want = ReferenceCrc32c(data.substr(offset, len));
      EXPECT_EQ(Crc32c(data.data() + offset, len), want);
      size_t third = len / 3;
      uint32_t first = Crc32c(data.data() + offset, third);
      EXPECT_EQ(Crc32c(data.data() + offset + third, len - third, first), want);
    }
  }
}

}  // namespace
}  // namespace s3c
