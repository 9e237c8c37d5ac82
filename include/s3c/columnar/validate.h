// Checks the invariants of the Arrow memory layout (Arrow Columnar Format, "Physical Memory
// Layout"). Arrays built by our builders satisfy them; run these on data from outside (C Data
// Interface imports, decoders of untrusted files). Errors are InvalidArgument with a message
// that names the offending child path, index and values.
#pragma once

#include "s3c/columnar/array.h"
#include "s3c/columnar/record_batch.h"
#include "s3c/common/status.h"

namespace s3c::columnar {

struct ValidateOptions {
  // false: O(1) per array - buffer count and sizes, first and last offsets, child lengths,
  // type parameters. true: also every offset (monotonic, in range), the null count against the
  // bitmap, non-null map keys and decimal precision.
  bool full = true;
  // Also check that string / large_string values are valid UTF-8 (implies a full pass).
  bool check_utf8 = false;
};

Status ValidateArrayData(const ArrayData& data, const ValidateOptions& options = {});
Status ValidateArray(const Array& array, const ValidateOptions& options = {});
// Also checks the batch shape (column count, types and lengths against the schema).
Status ValidateRecordBatch(const RecordBatch& batch, const ValidateOptions& options = {});

// True when `text` is well-formed UTF-8 (no overlongs, surrogates or code points > U+10FFFF).
bool IsValidUtf8(std::string_view text);

}  // namespace s3c::columnar
