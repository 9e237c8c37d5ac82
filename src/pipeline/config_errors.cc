// ConfigErrors and DidYouMean (config_errors.h).
#include "pipeline/config_errors.h"

#include <fmt/format.h>

#include <algorithm>

#include "s3c/common/name_suggest.h"
#include "s3c/common/strings.h"

namespace s3c::pipeline {

void ConfigErrors::Add(const Position& at, std::string message) {
  errors_.push_back(Error{at, std::move(message)});
}

std::vector<std::string> ConfigErrors::Lines(const SecretValues& secrets) const {
  std::vector<Error> sorted = errors_;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [](const Error& a, const Error& b) { return PositionBefore(a.at, b.at); });
  std::vector<std::string> lines;
  for (const Error& e : sorted) {
    lines.push_back(secrets.Redact(FormatPosition(e.at) + ": " + e.message));
  }
  return lines;
}

Status ConfigErrors::ToStatus(const SecretValues& secrets) const {
  if (errors_.empty()) return Status::OK();
  return InvalidArgumentError(Join(Lines(secrets), "\n"));
}

std::string DidYouMean(const std::string& word, const std::vector<std::string>& known) {
  // Pipeline files quote their words with '...' (common's DidYouMean quotes column names).
  std::optional<std::string> closest = ClosestName(word, known);
  return closest ? fmt::format(" (did you mean '{}'?)", *closest) : std::string();
}

}  // namespace s3c::pipeline
