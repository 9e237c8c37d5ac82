#include <cctype>
#include <charconv>

#include "http/http_internal.h"

namespace s3c::http_internal {
namespace {

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() &&
         (s.back() == ' ' || s.back() == '\t' || s.back() == '\r' || s.back() == '\n')) {
    s.remove_suffix(1);
  }
  return s;
}

}  // namespace

bool ParseStatusLine(std::string_view line, int* status) {
  if (line.substr(0, 5) != "HTTP/") return false;
  size_t sp = line.find(' ');
  if (sp == std::string_view::npos) return false;
  std::string_view code = line.substr(sp + 1, 3);
  if (code.size() != 3) return false;
  int value = 0;
  auto [ptr, ec] = std::from_chars(code.data(), code.data() + code.size(), value);
  if (ec != std::errc() || ptr != code.data() + code.size()) return false;
  *status = value;
  return true;
}

bool ParseHeaderLine(std::string_view line, std::string* name, std::string* value) {
  size_t colon = line.find(':');
  if (colon == std::string_view::npos) return false;
  std::string_view n = TrimSpaces(line.substr(0, colon));
  if (n.empty()) return false;
  *name = std::string(n);
  *value = std::string(TrimSpaces(line.substr(colon + 1)));
  return true;
}

}  // namespace s3c::http_internal
