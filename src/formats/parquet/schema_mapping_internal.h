// Pure pieces of the schema mapping, exposed to tests and to the leaf decoder.
#pragma once

#include <string_view>

#include "formats/parquet/parquet_metadata.h"
#include "s3c/columnar/data_type.h"
#include "s3c/common/status.h"

namespace s3c::formats::parquet {

// The columnar type a leaf's values decode to (parquet-format LogicalTypes.md): the logical
// type when present, else the converted type, else the physical default. An annotation that
// does not fit the physical type is ignored (the physical default is used); a decimal whose
// precision is outside 1..38 is InvalidArgument naming `column`.
Result<columnar::DataType> MapLeafType(const SchemaElement& element, std::string_view column);

}  // namespace s3c::formats::parquet
