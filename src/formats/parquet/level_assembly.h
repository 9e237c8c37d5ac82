// Levels -> nested arrays: the reverse of Dremel record shredding (parquet-format README
// "Nested Encoding"). Each leaf brings its definition and repetition levels and its non-null
// values; a node of the schema finds its slots in the levels of the first leaf below it:
//   - a slot of a node under `rep_threshold` repeated ancestors starts at every level entry with
//     rep <= rep_threshold and def >= slot_def (the level at which its parent has a slot);
//   - the slot is valid when def >= node.def_level;
//   - a list's element slots are the entries with rep <= rep_threshold + 1 and
//     def >= list.def_level + 1, and its children use those two as their own thresholds;
//   - struct members share the struct's slots (a null struct still has a slot in each member).
#pragma once

#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "formats/parquet/decode_context.h"
#include "formats/parquet/schema_mapping.h"
#include "s3c/columnar/array_data.h"
#include "s3c/common/status.h"

namespace s3c::formats::parquet {

struct LeafData {
  std::vector<int16_t> def_levels;  // empty when the leaf's max_def_level is 0
  std::vector<int16_t> rep_levels;  // empty when the leaf's max_rep_level is 0
  int64_t num_levels = 0;
  // The non-null values, dense, of the leaf's columnar type, without a validity buffer.
  std::shared_ptr<columnar::ArrayData> values;
  // Binary values past the 2^31 - 1 bytes that int32 offsets address continue here, in order,
  // one array per segment of at most that size (LeafValues::MakeRoom); empty otherwise.
  std::vector<std::shared_ptr<columnar::ArrayData>> more_values;
};

// Assembles `field` (a top-level node) from leaves[i] = the levels and values of leaf
// (first_leaf + i). Inconsistent levels are DataLoss through `context` (no page offset).
// Leaves with more_values are an InternalError: such a field is cut into row ranges first
// (row_ranges.h). Values may be slices (ArrayData::offset != 0).
Result<std::shared_ptr<columnar::ArrayData>> AssembleField(const SchemaNode& field,
                                                           const std::vector<LeafData>& leaves,
                                                           int first_leaf,
                                                           const DecodeContext& context);

}  // namespace s3c::formats::parquet
