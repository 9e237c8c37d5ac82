#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "formats/parquet/encodings.h"

namespace s3c::formats::parquet {
namespace {

ByteArrayValues Values(std::initializer_list<std::string> list) {
  ByteArrayValues v;
  for (const auto& s : list) v.Append(s);
  return v;
}

std::vector<std::string> Strings(const ByteArrayValues& v) {
  std::vector<std::string> out;
  for (size_t i = 0; i < v.size(); ++i) out.emplace_back(v[i]);
  return out;
}

std::string Lengths(std::vector<int32_t> v) {
  return EncodeDeltaBinaryPacked32(v.data(), v.size());
}

TEST(DeltaLengthByteArrayTest, SpecExample) {
  const ByteArrayValues v = Values({"Hello", "World", "Foobar", "ABCDEF"});
  const std::string enc = EncodeDeltaLengthByteArray(v);
  EXPECT_EQ(enc, Lengths({5, 5, 6, 6}) + "HelloWorldFoobarABCDEF");
  ByteArrayValues out;
  auto used = DecodeDeltaLengthByteArray(enc + "next", 4, &out);
  ASSERT_TRUE(used.ok()) << used.status().ToString();
  EXPECT_EQ(*used, enc.size());
  EXPECT_EQ(Strings(out), Strings(v));
}

TEST(DeltaByteArrayTest, SpecExample) {
  const ByteArrayValues v = Values({"axis", "axle", "babble", "babyhood"});
  const std::string enc = EncodeDeltaByteArray(v);
  EXPECT_EQ(enc, Lengths({0, 2, 0, 3}) + Lengths({4, 2, 6, 5}) + "axislebabbleyhood");
  ByteArrayValues out;
  out.Append("before");
  auto used = DecodeDeltaByteArray(enc, 4, &out);
  ASSERT_TRUE(used.ok()) << used.status().ToString();
  EXPECT_EQ(*used, enc.size());
  EXPECT_EQ(Strings(out),
            (std::vector<std::string>{"before", "axis", "axle", "babble", "babyhood"}));
}

TEST(DeltaByteArrayTest, EmptyLongAndRandomStringsRoundTrip) {
  std::mt19937 rng(23);
  for (size_t n : {0, 1, 7, 8, 9, 31, 32, 33, 129, 1000}) {
    ByteArrayValues v;
    for (size_t i = 0; i < n; ++i) {
      switch (rng() % 5) {
        case 0:
          v.Append("");
          break;
        case 1:
          v.Append(std::string(70000 + rng() % 10, static_cast<char>('a' + rng() % 3)));
          break;
        default: {
          std::string s = i > 0 ? std::string(v[i - 1].substr(0, rng() % 6)) : "";
          for (size_t k = rng() % 12; k > 0; --k) s.push_back(static_cast<char>(rng()));
          v.Append(s);
        }
      }
    }
    for (bool delta_strings : {false, true}) {
      const std::string enc =
          delta_strings ? EncodeDeltaByteArray(v) : EncodeDeltaLengthByteArray(v);
      ByteArrayValues out;
      auto used = delta_strings ? DecodeDeltaByteArray(enc, n, &out)
                                : DecodeDeltaLengthByteArray(enc, n, &out);
      ASSERT_TRUE(used.ok()) << used.status().ToString();
      EXPECT_EQ(*used, enc.size());
      EXPECT_EQ(Strings(out), Strings(v)) << n << " " << delta_strings;
    }
  }
}

TEST(DeltaByteArrayTest, PrefixLongerThanPreviousIsDataLoss) {
  const std::string enc = Lengths({0, 4}) + Lengths({2, 1}) + "abc";
  ByteArrayValues out;
  auto r = DecodeDeltaByteArray(enc, 2, &out);
  ASSERT_FALSE(r.ok());
  EXPECT_EQ(r.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(r.status().message().find("value 1 has prefix length 4 but the previous value has 2"),
            std::string::npos)
      << r.status().message();
  const std::string first = Lengths({1}) + Lengths({1}) + "a";
  EXPECT_EQ(DecodeDeltaByteArray(first, 1, &out).status().code(), StatusCode::kDataLoss);
  const std::string negative = Lengths({0, -1}) + Lengths({1, 1}) + "ab";
  EXPECT_EQ(DecodeDeltaByteArray(negative, 2, &out).status().code(), StatusCode::kDataLoss);
}

TEST(DeltaByteArrayTest, LengthProblemsAreDataLoss) {
  ByteArrayValues out;
  // Suffix bytes missing.
  const std::string short_data = Lengths({3, 4}) + "abcde";
  auto r = DecodeDeltaLengthByteArray(short_data, 2, &out);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("byte array 1 has length 4 but only 2 bytes remain"),
            std::string::npos)
      << r.status().message();
  // Negative length.
  EXPECT_EQ(DecodeDeltaLengthByteArray(Lengths({2, -1}) + "ab", 2, &out).status().code(),
            StatusCode::kDataLoss);
  // Count mismatch with the caller's expectation (both ways).
  const std::string three = Lengths({1, 1, 1}) + "abc";
  auto more = DecodeDeltaLengthByteArray(three, 2, &out);
  ASSERT_FALSE(more.ok());
  EXPECT_NE(more.status().message().find("declares 3 values, more than the 2 expected"),
            std::string::npos)
      << more.status().message();
  auto fewer = DecodeDeltaLengthByteArray(three, 5, &out);
  ASSERT_FALSE(fewer.ok());
  EXPECT_NE(fewer.status().message().find("holds 3 values, expected 5"), std::string::npos)
      << fewer.status().message();
  // Every truncation of a valid DELTA_BYTE_ARRAY stream fails cleanly.
  const std::string enc = EncodeDeltaByteArray(Values({"alpha", "alphabet", "beta", "", "b"}));
  for (size_t cut = 0; cut < enc.size(); ++cut) {
    ByteArrayValues o;
    EXPECT_EQ(DecodeDeltaByteArray(enc.substr(0, cut), 5, &o).status().code(),
              StatusCode::kDataLoss)
        << cut;
  }
  ByteArrayValues none;
  auto empty = DecodeDeltaByteArray("", 0, &none);
  ASSERT_TRUE(empty.ok());
  EXPECT_EQ(*empty, 0u);
}

}  // namespace
}  // namespace s3c::formats::parquet
