// Runs the libFuzzer entry (fuzz/csv_fuzz.cc, built here without libFuzzer) over the
// csv-spectrum corpus, hand-written dialect samples and a few hundred mutations, so the normal
// suite exercises it.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>

#include "fuzz/csv_fuzz.h"
#include "support/fuzz_mutate.h"
#include "support/rgw_env.h"

namespace s3c {
namespace {

// Bytes the mutations draw from: the tokens that steer this parser.
constexpr std::string_view kCsvTokens = ",;|\t\"'\\\r\n #0123456789.-truefals\xc3\xa9\xff";

using fuzz::CsvFuzzOutcome;

CsvFuzzOutcome RunInput(uint8_t flags, const std::string& body) {
  std::string input(1, static_cast<char>(flags));
  input += body;
  return fuzz::RunCsvFuzzInput(reinterpret_cast<const uint8_t*>(input.data()), input.size());
}

std::vector<std::string> Seeds() {
  std::vector<std::string> seeds = {
      "a,b,c\n1,x,true\n2,\"y, \"\"q\"\"\",false\n3,,\n",
      "id;name\r\n1;\"multi\r\nline\"\r\n2;'single'\r\n",
      "x|y\n-9223372036854775808|9223372036854775807\n0|\n",
      "h1\th2\th3\n a \t b\t\n# comment\n1\t2\t3\t4\n",
      "n,s\n1,\"esc \\\" quote\"\n2,back\\\\slash\n",
      "p,q\n\xc3\xa9,\"\xf0\x9f\x98\x80\"\n,\"\"\n",
  };
  if (auto dir = testing::CorpusDir("csv-spectrum")) {
    std::error_code ec;
    for (const auto& e :
         std::filesystem::directory_iterator(std::filesystem::path(*dir) / "csvs", ec)) {
      std::ifstream in(e.path(), std::ios::binary);
      std::stringstream ss;
      ss << in.rdbuf();
      seeds.push_back(ss.str());
    }
  }
  return seeds;
}

TEST(CsvFuzzSmokeTest, SeedsAndMutationsKeepTheInvariants) {
  std::mt19937 rng(4180);
  int read = 0, rejected = 0, runs = 0;
  auto count = [&](CsvFuzzOutcome o) {
    (o == CsvFuzzOutcome::kRead ? read : rejected)++;
    ++runs;
  };
  std::vector<std::string> seeds = Seeds();
  for (size_t i = 0; i < seeds.size(); ++i) {
    for (int flags : {0, 16, 128, 32 | 64, static_cast<int>(i * 37 % 256)}) {
      count(RunInput(static_cast<uint8_t>(flags), seeds[i]));
    }
  }
  for (int i = 0; i < 600; ++i) {
    std::string m = seeds[rng() % seeds.size()];
    for (int k = 0; k <= static_cast<int>(rng() % 3); ++k)
      m = ::testing::MutateInput(m, rng, kCsvTokens);
    count(RunInput(static_cast<uint8_t>(rng()), m));
  }
  EXPECT_GE(runs, 600);
  EXPECT_GT(read, 100);
  EXPECT_GT(rejected, 20);
  std::printf("csv fuzz smoke: %d inputs, %d read, %d rejected\n", runs, read, rejected);
}

}  // namespace
}  // namespace s3c
