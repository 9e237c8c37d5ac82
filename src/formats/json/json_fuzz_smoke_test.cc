// Runs the libFuzzer entry (fuzz/json_fuzz.cc, built here without libFuzzer) over the JSON test
// suite, sample documents and a few hundred mutations, so the normal suite exercises it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "fuzz/json_fuzz.h"
#include "support/fuzz_mutate.h"
#include "support/rgw_env.h"

namespace s3c {
namespace {

// Bytes the mutations draw from: the tokens that steer this parser.
constexpr std::string_view kJsonTokens = "{}[]\",:0123456789.eE-+ \ntrufalsn\\u\xc3\xa9\xff";

using fuzz::JsonFuzzOutcome;

JsonFuzzOutcome RunInput(uint8_t flags, const std::string& body) {
  std::string input(1, static_cast<char>(flags));
  input += body;
  return fuzz::RunJsonFuzzInput(reinterpret_cast<const uint8_t*>(input.data()), input.size());
}

std::vector<std::string> Seeds() {
  std::vector<std::string> seeds = {
      "{\"a\":1,\"b\":\"x\",\"c\":[1,2.5],\"d\":{\"e\":true,\"f\":null}}\n{\"a\":2}\n",
      "[{\"n\":123456789012345678901234567890},{\"n\":1e5,\"s\":\"\\ud83d\\ude00\"}]",
      "{\"t\":\"2024-01-31T10:00:00+02:00\",\"d\":\"2024-02-29\"}\n{\"t\":null}\n",
      "{\"x\":{\"y\":{\"z\":[{\"w\":1},{\"w\":\"s\"}]}}}\n\n{\"x\":{}}\n",
      "{\"k\":1}{\"k\":[]} {\"k\":{\"m\":false}}",
  };
  if (auto dir = testing::CorpusDir("json-test-suite")) {
    std::error_code ec;
    for (const auto& e :
         std::filesystem::directory_iterator(std::filesystem::path(*dir) / "test_parsing", ec)) {
      std::ifstream in(e.path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      seeds.push_back(ss.str());
    }
  }
  return seeds;
}

TEST(JsonFuzzSmokeTest, SeedsAndMutationsKeepTheInvariants) {
  std::mt19937 rng(8259);
  int read = 0, rejected = 0, runs = 0;
  auto count = [&](JsonFuzzOutcome o) {
    (o == JsonFuzzOutcome::kRead ? read : rejected)++;
    ++runs;
  };
  std::vector<std::string> seeds = Seeds();
  for (size_t i = 0; i < seeds.size(); ++i) count(RunInput(static_cast<uint8_t>(i * 37), seeds[i]));
  for (int i = 0; i < 400; ++i) {
    const std::string& seed = seeds[rng() % (seeds.size() < 5 ? seeds.size() : 5)];
    std::string m = seed;
    for (int k = 0; k <= static_cast<int>(rng() % 3); ++k)
      m = ::testing::MutateInput(m, rng, kJsonTokens);
    count(RunInput(static_cast<uint8_t>(rng()), m));
  }
  EXPECT_GE(runs, 400);
  EXPECT_GT(read, 50);
  EXPECT_GT(rejected, 50);
  std::printf("json fuzz smoke: %d inputs, %d read, %d rejected\n", runs, read, rejected);
}

}  // namespace
}  // namespace s3c
