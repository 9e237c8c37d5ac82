// Fields whose binary values pass 2 GiB in one row group. The columnar string and binary
// layouts have int32 offsets, so such a field cannot be one array: its leaves hold their values
// in segments of at most 2^31 - 1 bytes (LeafData::more_values), and the row group's rows are
// cut into consecutive ranges that are assembled one by one, each into its own array.
//
// A cut falls before a row whose values would take a leaf's range past that size, or
// begin in a later segment than the range's first value of that leaf, so that a range's values
// are a zero-copy slice of one segment. Only a row whose own values straddle two segments (a
// list of strings, say) makes its range copy them into one buffer.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "formats/parquet/decode_context.h"
#include "formats/parquet/level_assembly.h"
#include "formats/parquet/schema_mapping.h"
#include "s3c/columnar/array.h"
#include "s3c/columnar/array_data.h"
#include "s3c/columnar/record_batch.h"
#include "s3c/common/status.h"

namespace s3c::formats::parquet {

// Consecutive pieces of one decoded field, covering a row group's rows in order.
using FieldPieces = std::vector<std::shared_ptr<columnar::Array>>;

// Assembles `field` from leaves[i] = leaf (first_leaf + i) (as AssembleField; some leaves have
// more_values, segments of at most max_bytes) into arrays of consecutive row ranges covering
// the row group's num_rows rows in order, none with more than max_bytes of one leaf's values.
// Levels that do not describe num_rows rows are DataLoss; a single row with more than
// max_bytes of one leaf's values is Unimplemented (no array can hold it).
Result<std::vector<std::shared_ptr<columnar::ArrayData>>> AssembleFieldInRowRanges(
    const SchemaNode& field, const std::vector<LeafData>& leaves, int first_leaf, int64_t num_rows,
    int64_t max_bytes, const DecodeContext& context);

// Batches of `schema` over the same num_rows rows from each column's pieces (one FieldPieces
// per field, each covering the rows): a batch ends wherever a piece of any column ends, and
// holds zero-copy slices. One empty batch when num_rows is 0.
Result<std::vector<std::shared_ptr<columnar::RecordBatch>>> BatchesOfPieces(
    const std::shared_ptr<columnar::Schema>& schema, const std::vector<FieldPieces>& columns,
    int64_t num_rows);

}  // namespace s3c::formats::parquet
