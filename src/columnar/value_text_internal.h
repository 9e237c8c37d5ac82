// The text of one non-nested value, as Cast(..., string) produces it and pretty printing shows
// it (before quoting).
#pragma once

#include <cstdint>
#include <string>

#include "s3c/columnar/array.h"

namespace s3c::columnar::internal {

// Appends the text of valid element i of a non-nested array: integers in decimal, floats in
// the shortest form that round-trips ("inf", "-inf", "nan"), bool "true"/"false", decimals with
// their scale, strings and binary as their raw bytes, temporal values as in cast.h.
void AppendValueText(const Array& array, int64_t i, std::string* out);

}  // namespace s3c::columnar::internal
