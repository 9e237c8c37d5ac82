// Programs of the host that some tests drive (zip, openssl, the compressors' command-line
// tools); scripts/bootstrap installs them. A test whose program is missing skips with the
// reason, except under $S3C_REQUIRE_TOOLS=1 (make test sets it), where that is a test failure.
#pragma once

#include <string>

namespace s3c::testing {

// True when `name` is on PATH. When it is not and $S3C_REQUIRE_TOOLS=1, also records a test
// failure (the caller then skips, and a skip after a failure still fails the test).
bool RequireProgram(const std::string& name);
std::string ProgramMissingReason(const std::string& name);

}  // namespace s3c::testing

// In a test body or SetUp: returns from the test, skipped or (S3C_REQUIRE_TOOLS=1) failed, when
// program `name` is not on PATH.
#define S3C_PROGRAM_OR_SKIP(name)            \
  if (!::s3c::testing::RequireProgram(name)) \
  GTEST_SKIP() << ::s3c::testing::ProgramMissingReason(name)
