// Runs the parser over JSONTestSuite's test_parsing files (nst/JSONTestSuite): every y_ file is
// accepted, every n_ file rejected with an error naming line and byte offset, and i_ files
// (implementation-defined) may go either way but must not crash.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>

#include "formats/json/json_parser.h"
#include "support/rgw_env.h"

namespace s3c::formats::json_internal {
namespace {

struct SuiteFile {
  std::string name;  // test name (sanitised file name) or "CorpusMissing"
  std::string path;
};

std::vector<SuiteFile> ListSuiteFiles() {
  std::optional<std::string> dir = testing::CorpusDir("json-test-suite");
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

class JsonTestSuiteTest : public ::testing::TestWithParam<SuiteFile> {};

TEST_P(JsonTestSuiteTest, File) {
  const SuiteFile& file = GetParam();
  if (file.path.empty()) {
    GTEST_SKIP() << "corpus json-test-suite not found (expected ../shared/corpora/"
                    "json-test-suite/test_parsing beside the source tree)";
  }
  std::ifstream in(file.path, std::ios::binary);
  ASSERT_TRUE(in) << file.path;
  std::stringstream ss;
  ss << in.rdbuf();
  std::string base = std::filesystem::path(file.path).filename().string();
  JsonValue v;
  Status s = ParseJsonText(ss.str(), &v, base);
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
    default:  // i_: either outcome, but an error must still be a positioned InvalidArgument
      if (!s.ok()) {
        EXPECT_EQ(s.code(), StatusCode::kDataLoss) << s.ToString();
        EXPECT_NE(s.message().find(", byte offset "), std::string::npos) << s.message();
      }
  }
}

INSTANTIATE_TEST_SUITE_P(Parsing, JsonTestSuiteTest, ::testing::ValuesIn(ListSuiteFiles()),
                         [](const ::testing::TestParamInfo<SuiteFile>& info) {
                           return info.param.name;
                         });

}  // namespace
}  // namespace s3c::formats::json_internal
