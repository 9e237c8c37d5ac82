#include "s3c/auth/crypto.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

#include "s3c/common/strings.h"

namespace s3c {
namespace {

std::string Hex(std::string_view raw) { return HexEncode(raw); }
std::string Bytes(size_t n, char c) { return std::string(n, c); }

TEST(Sha256Test, KnownVectors) {
  EXPECT_EQ(Hex(Sha256("")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(Hex(Sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(Sha256("abc").size(), 32u);
}

TEST(Sha256Test, IncrementalMatchesOneShot) {
  std::string data(100'003, '\0');
  for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<char>(i * 7 + 3);
  Sha256Hasher h;
  for (size_t pos = 0; pos < data.size(); pos += 4097) {
    size_t n = std::min<size_t>(4097, data.size() - pos);
    h.Update(data.data() + pos, n);
  }
  h.Update(nullptr, 0);
  EXPECT_EQ(Hex(h.Finish()), Hex(Sha256(data)));
  Sha256Hasher empty;
  EXPECT_EQ(Hex(empty.Finish()),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(Md5Test, KnownVectors) {
  EXPECT_EQ(Hex(Md5("")), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(Hex(Md5("abc")), "900150983cd24fb0d6963f7d28e17f72");
  Md5Hasher h;
  std::string s = "The quick brown fox jumps over the lazy dog";
  h.Update(s.data(), 10);
  h.Update(s.data() + 10, s.size() - 10);
  EXPECT_EQ(Hex(h.Finish()), "9e107d9d372bb6826bd81d3542a419d6");
}

// RFC 4231 section 4 (test case 5, truncated output, does not apply to full-length HMAC).
TEST(HmacSha256Test, Rfc4231) {
  EXPECT_EQ(Hex(HmacSha256(Bytes(20, '\x0b'), "Hi There")),
            "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7");
  EXPECT_EQ(Hex(HmacSha256("Jefe", "what do ya want for nothing?")),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  EXPECT_EQ(Hex(HmacSha256(Bytes(20, '\xaa'), Bytes(50, '\xdd'))),
            "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe");
  std::string key4;
  for (int i = 1; i <= 25; ++i) key4.push_back(static_cast<char>(i));
  EXPECT_EQ(Hex(HmacSha256(key4, Bytes(50, '\xcd'))),
            "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b");
  EXPECT_EQ(
      Hex(HmacSha256(Bytes(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First")),
      "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");
  EXPECT_EQ(Hex(HmacSha256(Bytes(131, '\xaa'),
                           "This is a test using a larger than block-size key and a larger "
                           "than block-size data. The key needs to be hashed before being "
                           "used by the HMAC algorithm.")),
            "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2");
}

TEST(HmacSha256Test, EmptyKeyAndData) {
  // HMAC-SHA256 with an empty key over empty data (a well-known constant).
  EXPECT_EQ(Hex(HmacSha256("", "")),
            "b613679a0814d9ec772f95d778c35fc5ff1697c493715653c6c712144292c5ad");
}

TEST(Crc32cTest, HeaderValueIsBigEndianBase64) {
  EXPECT_EQ(Crc32cHeaderValue(0xE3069283u), "4waSgw==");
  EXPECT_EQ(Crc32cHeaderValue(0), "AAAAAA==");
}

}  // namespace
}  // namespace s3c
