// JSON text output shared by the reader (string columns holding nested values) and writers.
#pragma once

#include <string>
#include <string_view>

#include "formats/json/json_value.h"
#include "s3c/common/json_escape.h"

namespace s3c::formats::json_internal {

// String literals: s3c::AppendJsonString (common/json_escape.h).
using ::s3c::AppendJsonString;
// Appends the value as compact JSON text.
void AppendJsonText(const JsonValue& v, std::string* out);

}  // namespace s3c::formats::json_internal
