// JSON text output shared by the reader (string columns holding nested values) and writers.
#pragma once

#include <string>
#include <string_view>

#include "formats/json/json_value.h"

namespace s3c::formats::json_internal {

// Appends `s` as a JSON string literal (quotes, escapes of '"', '\\' and controls; RFC 8259 section
// 7).
void AppendJsonString(std::string_view s, std::string* out);
// Appends the value as compact JSON text.
void AppendJsonText(const JsonValue& v, std::string* out);

}  // namespace s3c::formats::json_internal
