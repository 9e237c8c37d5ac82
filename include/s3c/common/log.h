// Minimal leveled logging to stderr. Messages pass through RedactSecrets() so a secret that slips
// into a format argument (a presigned URL, an Authorization header) never reaches the terminal.
#pragma once

#include <fmt/format.h>

#include <string>
#include <string_view>

namespace s3c {

enum class LogLevel { kDebug = 0, kInfo = 1, kWarn = 2, kError = 3, kOff = 4 };

void SetLogLevel(LogLevel level);
LogLevel GetLogLevel();

// Masks Authorization signatures/credentials, X-Amz-Signature / X-Amz-Security-Token / X-Amz-Credential
// query values, x-amz-security-token headers and "aws_secret_access_key = ..." lines.
std::string RedactSecrets(std::string_view text);

void LogMessage(LogLevel level, std::string_view message);

template <typename... Args>
void Log(LogLevel level, fmt::format_string<Args...> f, Args&&... args) {
  if (level < GetLogLevel()) return;
  LogMessage(level, fmt::format(f, std::forward<Args>(args)...));
}

}  // namespace s3c
