// Runs the libFuzzer entry (fuzz/codec_fuzz.cc, built here without libFuzzer) over valid and
// mutated inputs of every decoder, so the normal suite exercises it without clang.
#include <gtest/gtest.h>

#include <random>

#include "codec/codec_test_util.h"
#include "fuzz/codec_fuzz.h"
#include "s3c/codec/block_codec.h"
#include "s3c/codec/codec.h"
#include "support/fuzz_mutate.h"

namespace s3c {
namespace {

using fuzz::FuzzOutcome;

FuzzOutcome RunInput(uint8_t selector, const std::string& body) {
  std::string input(1, static_cast<char>(selector));
  input += body;
  return fuzz::RunCodecFuzzInput(reinterpret_cast<const uint8_t*>(input.data()), input.size());
}

TEST(FuzzSmokeTest, ValidInputsDecodeAndMutatedOnesNeverCrash) {
  std::mt19937 rng(2024);
  int decoded = 0, rejected = 0, runs = 0;
  for (Codec codec : codec_testing::kStreamCodecs) {
    for (size_t size : {0, 1, 300, 5000, 70000}) {
      std::string data = codec_testing::CompressibleBytes(size, static_cast<uint32_t>(size));
      auto z = Compress(codec, data);
      ASSERT_TRUE(z.ok());
      EXPECT_EQ(RunInput(static_cast<uint8_t>(codec), *z), FuzzOutcome::kDecoded)
          << CodecName(codec);
      for (int i = 0; i < 8; ++i) {
        (RunInput(static_cast<uint8_t>(codec), ::testing::MutateInput(*z, rng)) ==
                 FuzzOutcome::kDecoded
             ? decoded
             : rejected)++;
        ++runs;
      }
    }
  }
  for (int b = 1; b <= 5; ++b) {
    auto codec = static_cast<BlockCodec>(b);
    std::string data = codec_testing::CompressibleBytes(3000, b);
    auto z = CompressBlock(codec, data);
    ASSERT_TRUE(z.ok());
    std::string sized = std::string("\xb8\x0b", 2) + *z;  // 3000, little-endian
    EXPECT_EQ(RunInput(static_cast<uint8_t>(8 + b), sized), FuzzOutcome::kDecoded) << b;
    for (int i = 0; i < 20; ++i) {
      (RunInput(static_cast<uint8_t>(8 + b), ::testing::MutateInput(sized, rng)) ==
               FuzzOutcome::kDecoded
           ? decoded
           : rejected)++;
      ++runs;
    }
  }
  for (int i = 0; i < 60; ++i) {
    std::string junk = codec_testing::RandomBytes(rng() % 2000, rng());
    (RunInput(static_cast<uint8_t>(rng() % 16), junk) == FuzzOutcome::kDecoded ? decoded
                                                                               : rejected)++;
    ++runs;
  }
  EXPECT_GE(runs, 300);
  EXPECT_GT(rejected, 100);
  EXPECT_GT(decoded, 0);
  std::printf("fuzz smoke: %d inputs, %d decoded, %d rejected\n", runs, decoded, rejected);
}

}  // namespace
}  // namespace s3c
