#include "expr/name_suggest.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <vector>

namespace s3c::expr {
namespace {

char Fold(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

// Levenshtein distance ignoring ASCII case.
size_t EditDistance(std::string_view a, std::string_view b) {
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

}  // namespace

int FindFieldIgnoringCase(const columnar::Schema& schema, std::string_view name) {
  int found = -1;
  for (int i = 0; i < schema.num_fields(); ++i) {
    const std::string& field = schema.field(i).name();
    if (field.size() != name.size()) continue;
    if (!std::equal(field.begin(), field.end(), name.begin(),
                    [](char x, char y) { return Fold(x) == Fold(y); })) {
      continue;
    }
    if (found >= 0) return -1;
    found = i;
  }
  return found;
}

std::string SuggestName(const columnar::Schema& schema, std::string_view name) {
  size_t best = std::max<size_t>(2, name.size() / 3) + 1;
  const std::string* suggestion = nullptr;
  for (const columnar::Field& field : schema.fields()) {
    size_t distance = EditDistance(name, field.name());
    if (distance < best) {
      best = distance;
      suggestion = &field.name();
    }
  }
  return suggestion ? fmt::format(" (did you mean \"{}\"?)", *suggestion) : std::string();
}

}  // namespace s3c::expr
