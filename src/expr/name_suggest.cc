#include "expr/name_suggest.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <vector>

#include "s3c/common/strings.h"

namespace s3c::expr {
namespace {

char Fold(char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); }

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
    size_t distance = EditDistanceIgnoringCase(name, field.name());
    if (distance < best) {
      best = distance;
      suggestion = &field.name();
    }
  }
  return suggestion ? fmt::format(" (did you mean \"{}\"?)", *suggestion) : std::string();
}

}  // namespace s3c::expr
