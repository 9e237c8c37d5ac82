// Cast: converts an array to another type, element by element; nulls stay null.
//
// Supported:
//   numeric (int8..uint64, float32/64) <-> numeric, bool, decimal128
//   decimal128 -> decimal128 (rescale)
//   string/large_string/binary -> numbers, bool, decimal128, date32, time32/64, timestamp,
//                                 string/large_string/binary
//   anything except nested types -> string / large_string
//   date32 <-> timestamp (timestamp -> date32 keeps the UTC date and drops the time of day),
//   timestamp -> timestamp (unit / time zone), time32 <-> time64,
//   int32 <-> date32 / time32, int64 <-> timestamp / time64 (the raw counts)
//   null -> any type (all null)
// Text formats: bool "true"/"false"/"1"/"0" (any case); dates "YYYY-MM-DD"; times
// "HH:MM:SS[.fraction]"; timestamps ISO 8601 "YYYY-MM-DD[(T| )HH:MM[:SS[.fraction]]][Z|+hh:mm]"
// (offsets are converted to UTC). Timestamps print as "YYYY-MM-DDTHH:MM:SS[.fraction]" with a
// trailing "Z" when the type has a time zone (values are UTC instants).
//
// Errors are InvalidArgument and name the 0-based row and the value:
//   "cannot cast 'abc' at row 17 to int64"
//   "cannot cast '300' at row 2 to int8: out of range"
// Unsupported pairs fail with Unimplemented ("cannot cast list<item: int64> to int32").
#pragma once

#include <memory>

#include "s3c/columnar/array.h"
#include "s3c/common/status.h"

namespace s3c::columnar {

struct CastOptions {
  // true: overflow, truncation of fractional numbers / sub-unit time, and precision loss of
  // decimals are errors. false: integers wrap, floats saturate (NaN -> 0), fractions truncate
  // toward zero. Unparseable text is an error either way.
  bool safe = true;
};

Result<std::shared_ptr<Array>> Cast(const Array& array, const DataType& to,
                                    const CastOptions& options = {});

// True when Cast supports the pair of types (values may still fail to convert).
bool CanCast(const DataType& from, const DataType& to);

}  // namespace s3c::columnar
