#include "support/rgw_env.h"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <random>

namespace s3c::testing {
namespace {
std::string EnvOr(const char* name, const std::string& fallback) {
  const char* v = std::getenv(name);  // test support may read the environment directly
  return (v != nullptr && *v != '\0') ? v : fallback;
}

// $S3C_TEST_RGW_ENV (a server started by hand) or the file ctest's rgw fixture writes.
std::string RgwEnvFile() { return EnvOr("S3C_TEST_RGW_ENV", S3C_DEFAULT_RGW_ENV_FILE); }

}  // namespace

bool RgwRequired() { return EnvOr("S3C_REQUIRE_RGW", "") == "1"; }

std::optional<RgwSettings> LoadRgwSettings() {
  std::optional<RgwSettings> s = ReadRgwSettings(RgwEnvFile());
  if (!s && RgwRequired()) ADD_FAILURE() << "S3C_REQUIRE_RGW=1: " << RgwUnavailableReason();
  return s;
}

std::optional<RgwSettings> ReadRgwSettings(const std::string& file) {
  std::ifstream in(file);
  if (!in) return std::nullopt;
  std::map<std::string, std::string> kv;
  std::string line;
  while (std::getline(in, line)) {
    auto eq = line.find('=');
    if (eq != std::string::npos) kv[line.substr(0, eq)] = line.substr(eq + 1);
  }
  RgwSettings s{kv["S3_ENDPOINT"], kv["AWS_ACCESS_KEY_ID"], kv["AWS_SECRET_ACCESS_KEY"],
                kv["AWS_DEFAULT_REGION"], kv["S3_BUCKET"]};
  if (s.endpoint.empty() || s.access_key.empty()) return std::nullopt;
  return s;
}

std::string RgwUnavailableReason() {
  return "the loopback RGW server is not running (no settings in " + RgwEnvFile() +
         "): run the test through ctest (fixture rgw starts it), or start tests/support/rgw.sh "
         "and set S3C_TEST_RGW_ENV to its settings file";
}

std::string UniqueName(const std::string& suffix) {
  static std::atomic<int> counter{0};
  static const unsigned salt = std::random_device{}() % 100000;
  return "s3c-test-" + std::to_string(getpid()) + "-" + std::to_string(salt) + "-" +
         std::to_string(counter++) + (suffix.empty() ? "" : "-" + suffix);
}

TempDir::TempDir() {
  std::string base = EnvOr("TMPDIR", "/tmp");
  path_ = base + "/" + UniqueName("dir");
  std::filesystem::create_directories(path_);
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
}

}  // namespace s3c::testing
