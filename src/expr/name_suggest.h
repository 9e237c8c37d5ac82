// Column lookup help for binding errors.
#pragma once

#include <string>
#include <string_view>

#include "s3c/columnar/schema.h"

namespace s3c::expr {

// Index of the one field whose name equals `name` ignoring ASCII case; -1 when none or several.
int FindFieldIgnoringCase(const columnar::Schema& schema, std::string_view name);

// ` (did you mean "amount"?)` for the closest field name within a small edit distance of
// `name`, or "" when no field is close.
std::string SuggestName(const columnar::Schema& schema, std::string_view name);

}  // namespace s3c::expr
