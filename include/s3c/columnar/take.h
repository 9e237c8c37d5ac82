// Take: the rows of an array or batch picked by a list of row indices (a selection vector, as a
// filter produces it). Element i of the result is element indices[i] of the input.
//
// Contract:
// - Every type of data_type.h is supported; the result has the input's type (unit, time zone,
//   precision and field names included).
// - Indices are logical positions in [0, length) of the input as the caller sees it (a sliced
//   input's offset is applied inside). They may repeat and come in any order; one outside that
//   range fails with InvalidArgument naming its position and value, and nothing is produced.
// - Nulls follow their rows; the result's null_count is exact, and a copied result without
//   nulls has no validity bitmap. For structs the parent's validity and each field are taken separately
//   (a field's value under a null parent is carried along, as it was).
// - Shared vs copied: when the indices are one ascending run (i, i+1, ..., i+n-1) - at the top
//   or for the elements of the selected lists - the result is a zero-copy slice sharing the
//   input's buffers (so it keeps all of them alive); a selection of every row returns an array
//   over the input's own ArrayData. An empty selection returns a fresh empty array. Otherwise
//   the result owns new buffers, starts at offset 0, and passes ValidateArray. When the
//   indices form runs of 8 rows or more on average, each run is one memcpy (or bitmap copy),
//   so a filter that keeps long stretches costs about one copy of the kept bytes; shorter runs
//   and random orders are gathered row by row.
// - Errors: InvalidArgument for an index out of range, and for a result whose string, binary or
//   list data would exceed the 2^31 - 1 offsets of its 32-bit layout (repeated indices can grow
//   the data past the input's size).
// - Thread-safety: pure; the inputs are only read, so concurrent calls are safe.
#pragma once

#include <cstdint>
#include <memory>
#include <span>

#include "s3c/columnar/array.h"
#include "s3c/columnar/record_batch.h"
#include "s3c/common/status.h"

namespace s3c::columnar {

Result<std::shared_ptr<Array>> Take(const Array& array, std::span<const int64_t> indices);

// Takes the same rows of every column; the result shares the input's schema object.
Result<std::shared_ptr<RecordBatch>> Take(const RecordBatch& batch,
                                          std::span<const int64_t> indices);

}  // namespace s3c::columnar
