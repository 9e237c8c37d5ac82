// JSON text of one array slot (the writer's per-value formatting; see json_writer.h).
#pragma once

#include <cstdint>
#include <string>

#include "s3c/columnar/array.h"
#include "s3c/common/json_escape.h"

namespace s3c::formats::json_internal {

// Appends element i of `array` as JSON (null for null slots); NaN and infinities, at any
// nesting depth, are spelled per `non_finite`.
void AppendArrayValue(const columnar::Array& array, int64_t i, NonFiniteFloats non_finite,
                      std::string* out);

// Shortest text that reads back as the same double ("1.0" not "1", so it stays a float);
// NaN and infinities are spelled per `non_finite`.
void AppendDouble(double d, NonFiniteFloats non_finite, std::string* out);

// "YYYY-MM-DD" for days since 1970-01-01.
void AppendDate(int64_t days, std::string* out);

}  // namespace s3c::formats::json_internal
