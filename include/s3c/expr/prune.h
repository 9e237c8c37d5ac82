// Pruning with a bound filter: from what is known about a set of rows without reading them --
// the values of a partition's columns, or a row group's or page's statistics -- decide whether
// the filter keeps none of the rows, all of them, or maybe some.
//
// Contract: the verdict is conservative. kNever only when no row can make the filter TRUE,
// kAlways only when every row makes it TRUE; anything the analysis does not understand (a
// function over a column with a range, an unknown column, missing statistics) gives kMaybe.
// NULL follows three-valued logic: a comparison with a NULL value keeps no row, and NOT does not
// turn "unknown" into "kept". Min/max are treated as inclusive bounds that need not be attained
// (truncated Parquet string bounds are fine); float statistics never exclude NaN (writers leave
// NaN out of min/max, and NaN sorts above every number), so they never prove "x > c" false.
//
// Thread-safety: pure functions of their arguments; the predicate from MakeRowGroupPredicate is
// immutable and may be called from many threads at once.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "s3c/columnar/statistics.h"
#include "s3c/expr/evaluate.h"
#include "s3c/expr/filter.h"

namespace s3c::expr {

enum class Verdict { kNever, kAlways, kMaybe };
const char* VerdictName(Verdict verdict);  // "never", "always", "maybe"

// Over a row group or a page of `num_rows` rows. A statistics entry applies to the top-level
// column of the filter's schema whose name is its one-element path; its bounds are in that
// column's columnar type (statistics.h). Other entries (nested leaves) are ignored.
Verdict VerdictForStatistics(const Filter& filter,
                             const std::vector<columnar::ColumnStatistics>& stats, int64_t num_rows,
                             const EvalContext& context);

// A partition column's value, the same for every row of the partition: the column's name in
// the filter's schema and its value in that column's columnar type (as StatValue;
// std::monostate is NULL, e.g. Hive's __HIVE_DEFAULT_PARTITION__).
using PartitionValue = std::pair<std::string, columnar::StatValue>;

// Over one partition: columns not listed are unknown. A filter that reads only partition
// columns gets an exact kNever / kAlways.
Verdict VerdictForPartition(const Filter& filter, const std::vector<PartitionValue>& values,
                            const EvalContext& context);

// The filter as the row-group predicate Parquet readers take: MayMatch is "verdict is not
// kNever".
std::shared_ptr<const columnar::RowGroupPredicate> MakeRowGroupPredicate(
    std::shared_ptr<const Filter> filter, EvalContext context);

}  // namespace s3c::expr
