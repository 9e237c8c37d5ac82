// Access to the loopback RGW server that ctest's "rgw" fixture started (tests/CMakeLists.txt).
#pragma once

#include <optional>
#include <string>

#include "support/corpus.h"  // CorpusDir, for the tests that include only this header

namespace s3c::testing {

struct RgwSettings {
  std::string endpoint;    // http://127.0.0.1:PORT
  std::string access_key;
  std::string secret_key;
  std::string region;
  std::string bucket;      // a bucket that exists
};

// Reads the settings of the running server. nullopt when it is not running: tests then
// GTEST_SKIP with the reason from RgwUnavailableReason(), except under RgwRequired(), where this
// also records a test failure (a skip after a failure still fails the test).
std::optional<RgwSettings> LoadRgwSettings();
// Parses one settings file (KEY=VALUE lines as tests/support/rgw.sh writes); nullopt if absent.
std::optional<RgwSettings> ReadRgwSettings(const std::string& file);
std::string RgwUnavailableReason();
// True when $S3C_REQUIRE_RGW=1 (make test sets it): a missing server then fails the test
// instead of skipping it, so a broken fixture cannot turn the integration suite into skips.
bool RgwRequired();

// A fresh, unique name usable as an S3 bucket or key prefix ("s3c-test-<pid>-<n>-<suffix>").
std::string UniqueName(const std::string& suffix);

// A fresh empty folder under $TMPDIR, removed by the destructor.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

}  // namespace s3c::testing

#define S3C_REQUIRE_RGW(settings_var)                                             \
  auto settings_var##_opt = ::s3c::testing::LoadRgwSettings();                    \
  if (!settings_var##_opt) GTEST_SKIP() << ::s3c::testing::RgwUnavailableReason(); \
  const ::s3c::testing::RgwSettings& settings_var = *settings_var##_opt
