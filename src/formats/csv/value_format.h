// Text forms of columnar values for the CSV writer: shortest round-trip floats, ISO 8601 dates
// and timestamps, nested values (list, struct, map) as JSON text (RFC 8259).
#pragma once

#include <cstdint>
#include <string>

#include "s3c/columnar/array.h"

namespace s3c::formats::csv {

// "2024-01-31" for days since the epoch.
void AppendDate32(int32_t days, std::string* out);
// "2024-01-31T12:34:56[.fff...]" plus "Z" when zoned; the fraction has the unit's digits and
// is omitted when zero.
void AppendTimestamp(int64_t value, columnar::TimeUnit unit, bool zoned, std::string* out);

// Appends the text of a non-null element i (nested types as JSON).
void AppendCellText(const columnar::Array& array, int64_t i, std::string* out);
// Appends element i as a JSON value (null, numbers, strings, arrays, objects).
void AppendJsonValue(const columnar::Array& array, int64_t i, std::string* out);

}  // namespace s3c::formats::csv
