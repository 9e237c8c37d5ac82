// Runs the parser over JSONTestSuite's test_parsing files (nst/JSONTestSuite): every y_ file is
// accepted, every n_ file rejected with an error naming line and byte offset, and i_ files
// (implementation-defined) may go either way but must not crash. JsonTestSuite.Counts asserts
// how many files of each kind there are and how each kind came out, i_ files included, so a
// changed outcome shows even where either outcome is allowed.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "s3c/common/json_parser.h"
#include "support/corpus.h"

namespace s3c {
namespace {

constexpr char kCorpus[] = "json-test-suite";

struct SuiteFile {
  std::string name;  // test name (sanitised file name) or "CorpusMissing"
  std::string path;
};

std::vector<SuiteFile> ListSuiteFiles() {
  std::optional<std::string> dir = testing::CorpusDir(kCorpus);
  std::vector<SuiteFile> files;
  if (dir) {
    std::filesystem::path parsing = std::filesystem::path(*dir) / "test_parsing";
    std::error_code ec;
    for (const auto& e : std::filesystem::directory_iterator(parsing, ec)) {
      if (e.path().extension() != ".json") continue;
      files.push_back({e.path().stem().string(), e.path().string()});
    }
  }
  if (files.empty()) return {{"CorpusMissing", ""}};
  std::sort(files.begin(), files.end(),
            [](const SuiteFile& a, const SuiteFile& b) { return a.path < b.path; });
  std::set<std::string> used;
  for (SuiteFile& f : files) {
    std::string n = f.name;
    for (char& c : n) {
      if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
    }
    while (!used.insert(n).second) n += "_";
    f.name = n;
  }
  return files;
}

// The parser's verdict on one suite file (OK or the error), named by its file name; strict
// RFC 8259 unless `non_finite_tokens` (the reader's default extension: NaN, Infinity,
// -Infinity).
Status ParseSuiteFile(const std::string& path, bool non_finite_tokens = false) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return NotFoundError("cannot open " + path);
  std::stringstream ss;
  ss << in.rdbuf();
  JsonValue v;
  return ParseJsonText(ss.str(), &v, std::filesystem::path(path).filename().string(),
                       JsonParseOptions{.non_finite_tokens = non_finite_tokens});
}

class JsonTestSuiteTest : public ::testing::TestWithParam<SuiteFile> {};

TEST_P(JsonTestSuiteTest, File) {
  const SuiteFile& file = GetParam();
  if (file.path.empty()) {
    S3C_CORPUS_DIR_OR_SKIP(dir, kCorpus);  // absent at discovery, present now: rerun discovery
    FAIL() << "the corpus appeared at " << dir << " after the files were listed";
  }
  std::string base = std::filesystem::path(file.path).filename().string();
  Status s = ParseSuiteFile(file.path);
  ASSERT_NE(s.code(), StatusCode::kNotFound) << s.ToString();
  switch (base[0]) {
    case 'y':
      EXPECT_TRUE(s.ok()) << s.ToString();
      break;
    case 'n':
      ASSERT_FALSE(s.ok()) << base << " was accepted";
      EXPECT_EQ(s.code(), StatusCode::kDataLoss) << s.ToString();
      EXPECT_NE(s.message().find(base + ": line "), std::string::npos) << s.message();
      EXPECT_NE(s.message().find(", byte offset "), std::string::npos) << s.message();
      EXPECT_NE(s.message().find("expected"), std::string::npos) << s.message();
      break;
    default:  // i_: either outcome, but an error must still be a positioned DataLoss
      if (!s.ok()) {
        EXPECT_EQ(s.code(), StatusCode::kDataLoss) << s.ToString();
        EXPECT_NE(s.message().find(", byte offset "), std::string::npos) << s.message();
      }
  }
}

// Files of each kind in test_parsing and how each kind came out.
TEST(JsonTestSuite, Counts) {
  S3C_CORPUS_DIR_OR_SKIP(dir, kCorpus);
  std::map<char, int> files, accepted;
  for (const SuiteFile& f : ListSuiteFiles()) {
    char kind = std::filesystem::path(f.path).filename().string()[0];
    ++files[kind];
    if (ParseSuiteFile(f.path).ok()) ++accepted[kind];
  }
  EXPECT_EQ(files, (std::map<char, int>{{'i', 35}, {'n', 188}, {'y', 95}})) << dir;
  EXPECT_EQ(accepted['y'], 95);  // every y_ accepted
  EXPECT_EQ(accepted['n'], 0);   // every n_ rejected
  // i_ (either outcome allowed): big numbers, huge exponents, invalid UTF-16 surrogates and
  // UTF-8, BOMs, deep nesting. The split is pinned so that a parser change shows here.
  EXPECT_EQ(accepted['i'], 22);  // and 13 rejected
}

// With the non-finite tokens accepted, exactly the three n_ files that are those tokens change
// outcome; every other file parses as in strict mode (so the extension admits nothing else,
// not "-NaN", "Inf" or "NaN" glued to other text).
TEST(JsonTestSuite, NonFiniteTokensAcceptExactlyTheirThreeFiles) {
  S3C_CORPUS_DIR_OR_SKIP(dir, kCorpus);
  std::set<std::string> changed;
  for (const SuiteFile& f : ListSuiteFiles()) {
    if (ParseSuiteFile(f.path).ok() != ParseSuiteFile(f.path, true).ok()) {
      changed.insert(std::filesystem::path(f.path).filename().string());
    }
  }
  EXPECT_EQ(changed, (std::set<std::string>{"n_number_NaN.json", "n_number_infinity.json",
                                            "n_number_minus_infinity.json"}))
      << dir;
}

INSTANTIATE_TEST_SUITE_P(Parsing, JsonTestSuiteTest, ::testing::ValuesIn(ListSuiteFiles()),
                         [](const ::testing::TestParamInfo<SuiteFile>& info) {
                           return info.param.name;
                         });

}  // namespace
}  // namespace s3c
