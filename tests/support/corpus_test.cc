// The corpus lookup and its missing-corpus rule (corpus.h).
#include "support/corpus.h"

#include <gtest/gtest-spi.h>
#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <optional>
#include <string>

#include "support/rgw_env.h"  // TempDir

namespace s3c::testing {
namespace {

// Sets an environment variable for the scope of one test and restores it.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value) : name_(name) {
    if (const char* old = getenv(name)) old_ = old;
    setenv(name, value, 1);
  }
  ~ScopedEnv() {
    if (old_) {
      setenv(name_, old_->c_str(), 1);
    } else {
      unsetenv(name_);
    }
  }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

void UseMissingCorpus() {
  S3C_CORPUS_DIR_OR_SKIP(dir, "no-such-corpus");
  FAIL() << "a missing corpus gave the folder " << dir;
}

TEST(CorpusTest, MissingCorpusFailsWhenCorporaAreRequired) {
  ScopedEnv required("S3C_REQUIRE_CORPORA", "1");
  EXPECT_TRUE(CorporaRequired());
  EXPECT_FATAL_FAILURE(UseMissingCorpus(),
                       "S3C_REQUIRE_CORPORA=1: corpus no-such-corpus not found at ");
}

TEST(CorpusTest, OnlyTheValueOneRequiresCorpora) {
  ScopedEnv zero("S3C_REQUIRE_CORPORA", "0");
  EXPECT_FALSE(CorporaRequired());
  EXPECT_FALSE(CorpusDir("no-such-corpus").has_value());
  EXPECT_NE(CorpusMissingReason("no-such-corpus").find("../shared/corpora"), std::string::npos);
}

TEST(CorpusTest, TheFolderBesideTheSourceFolderIsFound) {
  TempDir root;
  std::filesystem::create_directories(root.path() + "/src");
  std::filesystem::create_directories(root.path() + "/shared/corpora/demo/data");
  ScopedEnv source("S3C_SOURCE_DIR", (root.path() + "/src").c_str());
  const std::optional<std::string> dir = CorpusDir("demo/data");
  ASSERT_TRUE(dir.has_value());
  EXPECT_EQ(*dir, std::filesystem::canonical(root.path() + "/shared/corpora/demo/data").string());
  EXPECT_FALSE(CorpusDir("demo/other").has_value());
}

}  // namespace
}  // namespace s3c::testing
