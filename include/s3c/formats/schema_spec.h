// A compact text form for user schemas, as the CLI and pipeline files take them:
//   "id:int64, name:string, price:decimal(10,2), at:timestamp[ms, UTC], tags:list<string>"
// Types: null bool int8 int16 int32 int64 uint8 uint16 uint32 uint64 float32 (float) float64
// (double) string binary date32 (date) time32[s|ms] time64[us|ns] (time = time64[us])
// timestamp[s|ms|us|ns(, ZONE)] (timestamp = timestamp[us]) decimal(p,s) list<T>
// struct<a: T, ...> map<K, V>. A trailing "not null" makes a field non-nullable.
#pragma once

#include <memory>
#include <string_view>

#include "s3c/columnar/data_type.h"
#include "s3c/columnar/schema.h"
#include "s3c/common/status.h"

namespace s3c::formats {

Result<columnar::DataType> ParseTypeSpec(std::string_view text);
// InvalidArgument naming the position and what was expected.
Result<std::shared_ptr<columnar::Schema>> ParseSchemaSpec(std::string_view text);

}  // namespace s3c::formats
