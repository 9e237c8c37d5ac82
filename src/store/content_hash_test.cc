#include "store/content_hash.h"

#include <gtest/gtest.h>

#include <set>

namespace s3c::store_internal {
namespace {

TEST(ContentHashTest, IsStable32HexDigits) {
  std::string h = ContentHash128Hex("hello");
  EXPECT_EQ(h.size(), 32u);
  EXPECT_EQ(h.find_first_not_of("0123456789abcdef"), std::string::npos);
  EXPECT_EQ(h, ContentHash128Hex(std::string("hello")));
}

TEST(ContentHashTest, DistinguishesNearbyContents) {
  std::set<std::string> seen;
  std::string s;
  for (int i = 0; i < 300; ++i) {
    EXPECT_TRUE(seen.insert(ContentHash128Hex(s)).second) << "collision at length " << i;
    s.push_back('\0');
  }
  std::string a(40, 'x'), b(40, 'x');
  b[17] = 'y';
  EXPECT_NE(ContentHash128Hex(a), ContentHash128Hex(b));
  EXPECT_NE(ContentHash128Hex("ab"), ContentHash128Hex("ba"));
}

}  // namespace
}  // namespace s3c::store_internal
