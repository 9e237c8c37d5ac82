// ClosestName and DidYouMean (name_suggest.h).
#include "s3c/common/name_suggest.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>

namespace s3c {
namespace {

char Fold(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

}  // namespace

size_t EditDistanceIgnoringCase(std::string_view a, std::string_view b) {
  std::vector<size_t> row(b.size() + 1);
  for (size_t j = 0; j <= b.size(); ++j) row[j] = j;
  for (size_t i = 1; i <= a.size(); ++i) {
    size_t diagonal = row[0];
    row[0] = i;
    for (size_t j = 1; j <= b.size(); ++j) {
      size_t up = row[j];
      size_t substitute = diagonal + (Fold(a[i - 1]) == Fold(b[j - 1]) ? 0 : 1);
      row[j] = std::min({row[j] + 1, row[j - 1] + 1, substitute});
      diagonal = up;
    }
  }
  return row[b.size()];
}

std::optional<std::string> ClosestName(std::string_view name,
                                       const std::vector<std::string>& candidates) {
  size_t best = std::max<size_t>(2, name.size() / 3) + 1;
  const std::string* suggestion = nullptr;
  for (const std::string& candidate : candidates) {
    size_t distance = EditDistanceIgnoringCase(name, candidate);
    if (distance < best) {
      best = distance;
      suggestion = &candidate;
    }
  }
  if (suggestion == nullptr) return std::nullopt;
  return *suggestion;
}

std::string DidYouMean(std::string_view name, const std::vector<std::string>& candidates) {
  std::optional<std::string> closest = ClosestName(name, candidates);
  return closest ? fmt::format(" (did you mean \"{}\"?)", *closest) : std::string();
}

}  // namespace s3c
