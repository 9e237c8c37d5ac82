// Maps the flattened Parquet schema (a depth-first list of SchemaElements) to a columnar schema
// and back (parquet-format LogicalTypes.md, including the "Backward compatibility rules" for
// the legacy LIST and MAP layouts older writers produce). Each node records the definition and
// repetition levels it lives at, which page decoding and level assembly need.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "formats/parquet/parquet_metadata.h"
#include "s3c/columnar/data_type.h"
#include "s3c/columnar/schema.h"
#include "s3c/common/status.h"

namespace s3c::formats::parquet {

// One leaf (a column chunk in every row group), in file order.
struct LeafColumn {
  int index = 0;                    // position among the leaves = ColumnChunk index in a row group
  std::vector<std::string> path;    // names from below the root to the leaf
  PhysicalType physical_type = PhysicalType::kInt32;
  int32_t type_length = 0;          // FIXED_LEN_BYTE_ARRAY width (INT96: 12)
  SchemaElement element;            // the leaf's schema element (logical/converted type, scale)
  columnar::DataType type;          // what its values decode to
  int16_t max_def_level = 0;
  int16_t max_rep_level = 0;
};

// A node of the columnar view of the schema. A list/map node's def_level is the level at which
// the list itself is non-null and present; its single child's levels are those of an element.
struct SchemaNode {
  enum class Kind { kLeaf, kStruct, kList, kMap };
  Kind kind = Kind::kLeaf;
  columnar::Field field;            // name, columnar type, nullability
  int16_t def_level = 0;            // definition level at which this node is non-null
  int16_t rep_level = 0;            // repetition level of this node's own values
  bool nullable = true;             // OPTIONAL in Parquet (a null possible at def_level - 1)
  std::vector<SchemaNode> children; // struct members; list: {element}; map: {key, value}
  int leaf = -1;                    // kLeaf: index into FileSchema::leaves

  SchemaNode() : field("", columnar::Null()) {}
};

struct FileSchema {
  std::shared_ptr<columnar::Schema> schema;  // one field per top-level node
  std::vector<SchemaNode> fields;            // top-level nodes, same order as schema
  std::vector<LeafColumn> leaves;            // every leaf, file order
};

// InvalidArgument naming `name` and the element when the tree is malformed (children counts
// that overrun the list, a group without children, a leaf without a type, depth > 64, a
// FIXED_LEN_BYTE_ARRAY without a length, a decimal precision out of range).
// `binary_as_string`: a BYTE_ARRAY leaf without logical or converted type maps to string
// instead of binary (ParquetReadOptions::binary_as_string).
Result<FileSchema> MapParquetSchema(const std::vector<SchemaElement>& elements,
                                    std::string_view name, bool binary_as_string = false);

// The leaves under one top-level field (contiguous in file order): [first, first + count).
struct LeafRange {
  int first = 0;
  int count = 0;
};
LeafRange LeavesOf(const FileSchema& schema, int top_level_field);

}  // namespace s3c::formats::parquet
