// Vectorized evaluation of a bound filter over a columnar batch: each node produces one array
// of the batch's length (NULL as a cleared validity bit); there are no per-row objects.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "s3c/columnar/array.h"
#include "s3c/columnar/record_batch.h"
#include "s3c/common/clock.h"
#include "s3c/expr/filter.h"

namespace s3c::expr {

// What stays fixed for one run: now() and current_date read this instant, so every batch,
// partition and row group of a run sees the same "now" (UTC; the filter has no session time
// zone). Make one per run with EvalContext::At(clock.Now()).
struct EvalContext {
  int64_t now_micros = 0;  // microseconds since the epoch, UTC
  static EvalContext At(WallTime now);
};

// The value of the whole filter expression for every row of `batch`: a bool array with nulls
// (or the type of the expression for a non-boolean root). `batch` must have the schema the
// filter was bound to (same fields in the same order, same types): otherwise InvalidArgument.
// Runtime errors are InvalidArgument naming the row: a failed CAST, regexp on bad UTF-8 input,
// integer overflow ("integer overflow in \"*\" at row 7").
Result<std::shared_ptr<columnar::Array>> Evaluate(const Filter& filter,
                                                  const columnar::RecordBatch& batch,
                                                  const EvalContext& context);

// The selection vector: ascending indices of the rows where the filter is TRUE (NULL and FALSE
// rows are dropped).
Result<std::vector<int64_t>> Select(const Filter& filter, const columnar::RecordBatch& batch,
                                    const EvalContext& context);

}  // namespace s3c::expr
