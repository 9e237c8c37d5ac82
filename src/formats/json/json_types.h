// Type inference for JSON values on the shared lattice (formats/inference.h) and the flattened
// column view of a record.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include "s3c/columnar/data_type.h"
#include "s3c/common/json_value.h"
#include "s3c/formats/inference.h"

namespace s3c::formats::json_internal {

// The smallest type holding `v`: null, bool, int64 (integral and in range), float64 (finite),
// string (other numbers keep their text), date32 / timestamp for ISO 8601 strings when enabled,
// list<unified items>, struct<members united by name>.
columnar::DataType InferValueType(const JsonValue& v, const InferenceOptions& opts);

// Replaces the null type (a column or child that only saw nulls) by string, recursively.
columnar::DataType ConcreteType(const columnar::DataType& type);

// True when the JSON text of `v` is what a string column stores (arrays, objects).
using ColumnValues = std::vector<std::pair<std::string, const JsonValue*>>;

// The columns of one record: its members, or with `flatten` nested objects expanded into
// "parent.child" names for up to max_depth levels (deeper objects, and empty ones, stay values).
void RecordColumns(const JsonValue& record, bool flatten, int max_depth, ColumnValues* out);

}  // namespace s3c::formats::json_internal
