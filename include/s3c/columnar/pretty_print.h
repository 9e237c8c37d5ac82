// Human-readable rendering of arrays and batches, on one line per array, for tests and logs:
//   [1, null, 3]   ["a", null]   [[1, 2], null, []]   [{a: 1, b: "x"}, null]   [{"k": 1}]
// Strings are double-quoted with C escapes, binary is hex (x'0aff'), dates/times/timestamps use
// the ISO 8601 text of cast.h, decimals their scaled value.
#pragma once

#include <cstdint>
#include <string>

#include "s3c/columnar/array.h"
#include "s3c/columnar/record_batch.h"

namespace s3c::columnar {

std::string ToString(const Array& array);
// The schema, then one "name: [values]" line per column.
std::string ToString(const RecordBatch& batch);
// Element i as ToString renders it ("null" for nulls).
std::string FormatElement(const Array& array, int64_t i);

}  // namespace s3c::columnar
