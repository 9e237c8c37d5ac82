// Conversion of JSON values into columnar builders, checked against the column type.
#pragma once

#include "s3c/columnar/builder.h"
#include "s3c/common/json_value.h"
#include "s3c/formats/inference.h"

namespace s3c::formats::json_internal {

// OK when the reader can convert JSON into `type` (null, bool, integers, floats, string,
// large_string, date32, timestamp, and lists / structs / string-keyed maps of those).
Status CheckSupportedType(const columnar::DataType& type);

// Converts `v` to `type` and appends it to `builder` (a builder of `type`); with a null
// builder it only checks. Mismatches are InvalidArgument, e.g.
// "expected int64, found string \"abc\"" or "field 'b': expected bool, found number 3".
// A check that passed guarantees the append succeeds, so callers check a whole row first.
Status ConvertValue(const JsonValue& v, const columnar::DataType& type,
                    const InferenceOptions& opts, columnar::ArrayBuilder* builder);

}  // namespace s3c::formats::json_internal
