#include "s3c/common/log.h"

#include <atomic>
#include <cstdio>
#include <regex>

namespace s3c {
namespace {
std::atomic<LogLevel> g_level{LogLevel::kWarn};
}  // namespace

void SetLogLevel(LogLevel level) { g_level.store(level); }
LogLevel GetLogLevel() { return g_level.load(); }

std::string RedactSecrets(std::string_view text) {
  static const std::regex kPatterns[] = {
      std::regex(R"((Signature=)[0-9a-fA-F]+)"),
      std::regex(R"((X-Amz-Signature=)[^&\s]+)", std::regex::icase),
      std::regex(R"((X-Amz-Security-Token=)[^&\s]+)", std::regex::icase),
      std::regex(R"((x-amz-security-token:\s*)\S+)", std::regex::icase),
      std::regex(R"((aws_secret_access_key\s*=\s*)\S+)", std::regex::icase),
      std::regex(R"((aws_session_token\s*=\s*)\S+)", std::regex::icase),
      std::regex(R"(("SecretAccessKey"\s*:\s*")[^"]*)"),
      std::regex(R"(("Token"\s*:\s*")[^"]*)"),
      std::regex(R"(("SessionToken"\s*:\s*")[^"]*)"),
  };
  std::string out(text);
  for (const auto& re : kPatterns) out = std::regex_replace(out, re, "$1***");
  return out;
}

void LogMessage(LogLevel level, std::string_view message) {
  static constexpr const char* kNames[] = {"debug", "info", "warning", "error", ""};
  std::string line = fmt::format("s3c {}: {}\n", kNames[static_cast<int>(level)],
                                 RedactSecrets(message));
  std::fwrite(line.data(), 1, line.size(), stderr);
}

}  // namespace s3c
