// Columnar schema -> Parquet schema (parquet-format LogicalTypes.md; README.md "Nested
// Encoding"). Every annotated type carries both the LogicalType and, where the spec defines one,
// the legacy ConvertedType, so readers of either generation understand the file.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "formats/parquet/parquet_metadata.h"
#include "s3c/columnar/schema.h"
#include "s3c/common/status.h"

namespace s3c::formats::parquet {

// One leaf column as the writer sees it.
struct ParquetLeaf {
  std::vector<std::string> path;  // names below the root, e.g. {"a", "list", "element"}
  int top_level_field = 0;        // index of the columnar field it belongs to
  PhysicalType physical_type = PhysicalType::kInt32;
  int32_t type_length = 0;  // FIXED_LEN_BYTE_ARRAY width
  columnar::DataType type;  // the columnar type of the values written
  int16_t max_def_level = 0;
  int16_t max_rep_level = 0;

  std::string dotted_path() const;
};

struct ParquetSchemaPlan {
  std::vector<SchemaElement> elements;  // root first, then depth-first
  std::vector<ParquetLeaf> leaves;      // file order
};

// InvalidArgument naming the field for what Parquet cannot express: a struct without fields,
// a decimal with a negative scale.
Result<ParquetSchemaPlan> SchemaToParquet(const columnar::Schema& schema);

// Bytes of the shortest two's complement holding every value of `precision` decimal digits.
int32_t DecimalByteWidth(int32_t precision);

}  // namespace s3c::formats::parquet
