#include "support/rgw_env.h"

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
}  // namespace

std::optional<RgwSettings> LoadRgwSettings() {
  std::string file = EnvOr("S3C_TEST_RGW_ENV", "");
  if (file.empty()) return std::nullopt;
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
  std::string file = EnvOr("S3C_TEST_RGW_ENV", "");
  if (file.empty()) return "S3C_TEST_RGW_ENV is not set: run this test through ctest (fixture rgw)";
  return "the loopback RGW server is not running (no settings in " + file +
         "); see tests/support/rgw.sh and the rgw_start test's output";
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

std::optional<std::string> CorpusDir(const std::string& name) {
  std::string src = EnvOr("S3C_SOURCE_DIR", ".");
  std::string dir = src + "/../shared/corpora/" + name;
  if (!std::filesystem::is_directory(dir)) return std::nullopt;
  return std::filesystem::canonical(dir).string();
}

}  // namespace s3c::testing
