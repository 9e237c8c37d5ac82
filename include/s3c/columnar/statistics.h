// What file metadata says about the values of a column (min/max, null count), and the
// predicate that decides from it whether a part of a file may hold matching rows. Here, below
// formats, so that a filter module can implement predicates without knowing any file format;
// each format decodes its own metadata into these (Parquet: formats/parquet statistics_decoder).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <variant>
#include <vector>

#include "s3c/columnar/data_type.h"

namespace s3c::columnar {

// A statistics bound in the column's columnar type: bool, signed ints (and dates, times,
// timestamps, decimals with precision <= 18 as their unscaled integer), unsigned ints,
// floating point, or bytes (strings, binary).
using StatValue = std::variant<std::monostate, bool, int64_t, uint64_t, double, std::string>;

// What a row group's metadata says about one leaf column.
struct ColumnStatistics {
  std::vector<std::string> path;   // path in the file's schema, e.g. {"a", "list", "element"}
  DataType type;                   // the columnar type values of this leaf decode to
  StatValue min;                   // monostate when unknown
  StatValue max;
  std::optional<int64_t> null_count;
  int64_t num_values = 0;          // values including nulls
};

// Decides from statistics whether a row group may hold matching rows. The pipeline's filter
// language implements it; returning true is always safe. MayMatch may run on several threads at
// once (readers share one predicate through shared_ptr<const>), so an implementation must be
// safe to call concurrently.
class RowGroupPredicate {
 public:
  virtual ~RowGroupPredicate() = default;
  // stats: one entry per leaf column of the file (projected or not); num_rows of the group.
  virtual bool MayMatch(const std::vector<ColumnStatistics>& stats, int64_t num_rows) const = 0;
  // Whether the statistics of the leaf at `path` can change MayMatch's answer: false only when
  // they never can (the filter does not name the column), so a reader may skip fetching them
  // (a Parquet column index). True is always safe.
  virtual bool JudgesColumn(const std::vector<std::string>& path) const {
    (void)path;
    return true;
  }
};

}  // namespace s3c::columnar
