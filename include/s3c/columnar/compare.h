// Logical equality of arrays and batches: what tests of format readers and writers compare.
// Two arrays are equal when their types are equal and, slot by slot, both are null or both hold
// equal values - regardless of offsets, buffer padding, or the bytes behind null slots. Float
// NaNs compare equal to NaNs.
#pragma once

#include "s3c/columnar/array.h"
#include "s3c/columnar/record_batch.h"

namespace s3c::columnar {

bool ArrayEquals(const Array& a, const Array& b);
// Schemas (field metadata only with check_metadata), row counts and columns.
bool RecordBatchEquals(const RecordBatch& a, const RecordBatch& b, bool check_metadata = false);
// Element i of a equals element j of b (both null counts as equal); types must be equal.
bool ValuesEqual(const Array& a, int64_t i, const Array& b, int64_t j);

}  // namespace s3c::columnar
