// Runs the libFuzzer entry (fuzz/parquet_page_fuzz.cc, built here without libFuzzer) over a few
// thousand deterministic inputs: valid streams for every selector byte, mutations and random
// bytes, so the normal suite exercises the fuzz invariants.
#include <gtest/gtest.h>

#include <random>
#include <string>
#include <vector>

#include "formats/parquet/encodings.h"
#include "fuzz/parquet_page_fuzz.h"
#include "support/fuzz_mutate.h"

namespace s3c::formats::parquet {
namespace {

using fuzz::ParquetPageFuzzOutcome;

std::string RleStream(std::mt19937& rng, int width, size_t n) {
  RleBitPackedEncoder e(width);
  const uint32_t mask = width == 32 ? ~0u : (1u << width) - 1;
  for (size_t i = 0; i < n; ++i) e.Put(rng() % 3 == 0 ? 1 & mask : rng() & mask);
  return e.Finish();
}

ByteArrayValues RandomStrings(std::mt19937& rng, size_t n) {
  ByteArrayValues v;
  for (size_t i = 0; i < n; ++i) {
    std::string s = i > 0 && rng() % 2 ? std::string(v[i - 1]) : "";
    s.resize(rng() % (s.size() + 1));
    for (size_t k = rng() % 9; k > 0; --k) s.push_back(static_cast<char>('a' + rng() % 4));
    v.Append(s);
  }
  return v;
}

// A valid payload for selector b (mirrors the dispatch in fuzz/parquet_page_fuzz.cc).
std::string Payload(int b, std::mt19937& rng) {
  static const size_t kCounts[] = {0, 1, 2, 5, 8, 33, 100, 1000};
  const size_t n = 1 + rng() % 300;
  if (b < 66) return RleStream(rng, b % 33, n);
  if (b < 84) {
    std::string body = RleStream(rng, 1 + rng() % 3, n);
    if ((b - 66) % 3 == 0) {
      const uint32_t len = static_cast<uint32_t>(body.size());
      body.insert(0, std::string(reinterpret_cast<const char*>(&len), 4));
    }
    return body;
  }
  if (b < 118 && b > 100) {
    return std::string(1, static_cast<char>(1 + rng() % 2)) + RleStream(rng, 1 + rng() % 2, n);
  }
  if (b >= 118 && b < 134) {
    const size_t count = b < 126 ? n : kCounts[b - 126];
    std::vector<int64_t> v(count);
    for (auto& x : v) x = static_cast<int64_t>(rng()) * (rng() % 2 ? 1 : 1 << 20);
    return EncodeDeltaBinaryPacked64(v.data(), v.size());
  }
  if (b >= 134 && b < 158) {
    const ByteArrayValues v = RandomStrings(rng, kCounts[(b - 134) % 8]);
    const int kind = (b - 134) / 8;
    return kind == 0   ? EncodePlainByteArray(v)
           : kind == 1 ? EncodeDeltaLengthByteArray(v)
                       : EncodeDeltaByteArray(v);
  }
  std::string raw(rng() % 200, '\0');
  for (auto& c : raw) c = static_cast<char>(rng());
  return raw;
}

TEST(ParquetPageFuzzSmokeTest, ValidMutatedAndRandomInputsKeepTheInvariants) {
  std::mt19937 rng(4242);
  int decoded = 0, rejected = 0, runs = 0;
  for (int i = 0; i < 4000; ++i) {
    const int b = i % 256;
    std::string body = Payload(b, rng);
    if (i >= 1536)
      body = ::testing::MutateInput(body, rng);  // six valid passes over every selector first
    std::string input(1, static_cast<char>(b));
    input += body;
    const auto outcome =
        fuzz::RunParquetPageFuzzInput(reinterpret_cast<const uint8_t*>(input.data()), input.size());
    (outcome == ParquetPageFuzzOutcome::kDecoded ? decoded : rejected)++;
    ++runs;
  }
  EXPECT_EQ(runs, 4000);
  EXPECT_GT(decoded, 1500);
  EXPECT_GT(rejected, 400);
  std::printf("parquet page fuzz smoke: %d inputs, %d decoded, %d rejected\n", runs, decoded,
              rejected);
}

}  // namespace
}  // namespace s3c::formats::parquet
