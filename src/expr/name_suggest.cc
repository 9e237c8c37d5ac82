// Column lookup help for binding errors (name_suggest.h).
#include "expr/name_suggest.h"

#include <algorithm>
#include <cctype>
#include <vector>

#include "s3c/common/name_suggest.h"

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
  std::vector<std::string> names;
  names.reserve(static_cast<size_t>(schema.num_fields()));
  for (const columnar::Field& field : schema.fields()) names.push_back(field.name());
  return DidYouMean(name, names);
}

}  // namespace s3c::expr
