// Where the corpus tests find the public test corpora (../shared/corpora, never copied into the
// project), and what a missing corpus means: a SKIP with the reason when a test is run by hand,
// a FAILURE when $S3C_REQUIRE_CORPORA=1 (make test sets it), so that a moved or missing corpus
// cannot silently turn a corpus suite into skips.
#pragma once

#include <gtest/gtest.h>

#include <optional>
#include <string>

namespace s3c::testing {

// $S3C_SOURCE_DIR/../shared/corpora/<name> (the source folder is compiled in), or nullopt when
// it is not a folder. `name` may name a subfolder: "parquet-testing/data".
std::optional<std::string> CorpusDir(const std::string& name);
// True when $S3C_REQUIRE_CORPORA=1.
bool CorporaRequired();
// "corpus <name> not found at <path>" with how to get it, for the skip or failure message.
std::string CorpusMissingReason(const std::string& name);

}  // namespace s3c::testing

// Declares `const std::string var` = the folder of corpus `name`; when it is missing, ends the
// test: FAIL under $S3C_REQUIRE_CORPORA=1, else GTEST_SKIP. Use at the top of a TEST body.
#define S3C_CORPUS_DIR_OR_SKIP(var, name)                                          \
  const std::optional<std::string> var##_opt_ = ::s3c::testing::CorpusDir(name);  \
  if (!var##_opt_) {                                                               \
    if (::s3c::testing::CorporaRequired()) {                                       \
      FAIL() << "S3C_REQUIRE_CORPORA=1: " << ::s3c::testing::CorpusMissingReason(name); \
    }                                                                              \
    GTEST_SKIP() << ::s3c::testing::CorpusMissingReason(name);                     \
  }                                                                                \
  const std::string var = *var##_opt_
