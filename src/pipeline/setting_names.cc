// SettingNames and SplitColumns (setting_names.h).
#include "s3c/pipeline/setting_names.h"

#include <fmt/format.h>

#include "s3c/common/strings.h"

namespace s3c::pipeline {

SettingNames& SettingNames::Spell(std::string_view key, std::string name) {
  spelled_.emplace_back(std::string(key), std::move(name));
  return *this;
}

std::string SettingNames::Name(std::string_view key) const {
  for (const auto& [spelled_key, name] : spelled_) {
    if (spelled_key == key) return name;
  }
  if (spelling_ == SettingSpelling::kKey) return std::string(key);
  std::string flag = "--";
  for (char c : key) flag += c == '_' ? '-' : c;
  return flag;
}

Status SettingNames::Error(std::string_view key, std::string message) const {
  Record(key);
  return InvalidArgumentError(std::move(message));
}

void SettingNames::Record(std::string_view key) const {
  if (blamed_ != nullptr) *blamed_ = std::string(key);
}

Result<std::optional<uint64_t>> ByteSizeSetting(const SettingNames& names, std::string_view key,
                                                const std::string& text) {
  if (text.empty()) return std::optional<uint64_t>();
  std::optional<uint64_t> size = ParseByteSize(text);
  if (!size) {
    return names.Error(key, fmt::format("{} {}: give a size such as 500, 64KiB or 10MiB",
                                        names.Name(key), text));
  }
  return size;
}

std::vector<std::string> SplitColumns(const std::string& text) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= text.size() && !text.empty()) {
    size_t comma = text.find(',', start);
    std::string part = text.substr(start, comma == std::string::npos ? std::string::npos
                                                                     : comma - start);
    while (!part.empty() && part.front() == ' ') part.erase(0, 1);
    while (!part.empty() && part.back() == ' ') part.pop_back();
    if (!part.empty()) out.push_back(part);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return out;
}

}  // namespace s3c::pipeline
