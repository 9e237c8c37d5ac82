// The shared test corpora (../shared/corpora beside the source tree: sigv4, json-test-suite,
// csv-spectrum, parquet-testing). A corpus test that cannot find its corpus skips with the
// reason, except under $S3C_REQUIRE_CORPORA=1 (make test sets it), where the missing corpus is a
// test failure: a moved or unpacked-elsewhere corpus must not turn a suite into skips.
#pragma once

#include <optional>
#include <string>

#include "support/rgw_env.h"  // CorpusDir: the lookup itself

namespace s3c::testing {

// True when $S3C_REQUIRE_CORPORA=1.
bool CorporaRequired();
// What a missing corpus `name` is reported as: where it was looked for and how to provide it.
std::string CorpusMissingReason(const std::string& name);
// CorpusDir(name); when absent under CorporaRequired() it also records a test failure (the
// caller then skips, and a skip after a failure still fails the test).
std::optional<std::string> RequireCorpus(const std::string& name);

}  // namespace s3c::testing

// In a test body or SetUp: `S3C_CORPUS_OR_SKIP(dir, "csv-spectrum");` declares `const
// std::string& dir`, or returns from the test, skipped or (under S3C_REQUIRE_CORPORA=1) failed.
#define S3C_CORPUS_OR_SKIP(dir_var, name)                                        \
  auto dir_var##_opt = ::s3c::testing::RequireCorpus(name);                      \
  if (!dir_var##_opt) GTEST_SKIP() << ::s3c::testing::CorpusMissingReason(name); \
  const std::string& dir_var = *dir_var##_opt
