// Conversions between columnar arrays and the evaluator's vectors (eval_internal.h).
#pragma once

#include <memory>

#include "expr/eval_internal.h"
#include "s3c/columnar/array.h"

namespace s3c::expr {

// The column `array` (of the bound column `node`) as a vector of `length` rows. Strings are
// views into the array, which the vector keeps alive. Integers widen to int64 (a uint64 above
// the int64 range is an error naming the row), floats and decimals become doubles, timestamps
// of any unit become microseconds (rounded toward negative infinity).
Result<Vec> VecFromArray(const columnar::Array& array, const BoundNode& node, int64_t length);

// The vector as an array: bool, int64, float64, string, date32, timestamp[us], or the null type
// (an interval cannot be an evaluation result).
Result<std::shared_ptr<columnar::Array>> ArrayFromVec(const Vec& vec);

}  // namespace s3c::expr
