// What pruning knows about the values of one column (or expression) over a set of rows.
#pragma once

#include <cstdint>
#include <optional>

#include "expr/bound.h"
#include "s3c/columnar/statistics.h"

namespace s3c::expr {

struct ColumnRange {
  bool bounded = false;   // min/max hold inclusive bounds of the non-NULL values
  Scalar min, max;        // in the column's ExprType (a double max may be NaN: unbounded)
  bool may_null = true;   // some row may be NULL
  bool may_value = true;  // some row may be non-NULL
  bool exact = false;     // every row holds min (== max), or every row is NULL
};

// Unknown: anything is possible.
inline ColumnRange UnknownRange() { return ColumnRange{}; }

// The range statistics give for a column of columnar type `type` evaluated as `expr_type`;
// bounds of the wrong kind (or NaN) are treated as unknown.
ColumnRange RangeFromStatistics(const columnar::ColumnStatistics& stats,
                                const columnar::DataType& type, ExprType expr_type,
                                int64_t num_rows);

// The exact range of a partition value (monostate: every row NULL).
ColumnRange RangeFromPartitionValue(const columnar::StatValue& value,
                                    const columnar::DataType& type, ExprType expr_type);

// Three-way comparison of two non-NULL scalars of the same type (doubles in DuckDB's order).
int CompareScalars(const Scalar& a, const Scalar& b);

}  // namespace s3c::expr
