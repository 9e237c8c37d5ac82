// JSON text of one array slot (the writer's per-value formatting; see json_writer.h).
#pragma once

#include <cstdint>
#include <string>

#include "s3c/columnar/array.h"

namespace s3c::formats::json_internal {

// Appends element i of `array` as JSON (null for null slots).
void AppendArrayValue(const columnar::Array& array, int64_t i, std::string* out);

// Shortest text that reads back as the same double ("1.0" not "1", so it stays a float);
// NaN and infinities give "null".
void AppendDouble(double d, std::string* out);

// "YYYY-MM-DD" for days since 1970-01-01.
void AppendDate(int64_t days, std::string* out);

}  // namespace s3c::formats::json_internal
