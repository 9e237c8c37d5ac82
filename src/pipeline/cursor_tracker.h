// The `cursor` incremental strategy over a run's rows (docs/incremental.md): the read keeps the
// rows whose cursor column is at or above the stored value (a filter the scan also uses to skip
// Parquet row groups and pages whose statistics are below it), and this drops the rows at that
// value which an earlier run loaded (told apart by the primary key, or by a hash of the whole
// row), and tracks the new maximum and the rows that hold it: the next state's cursor value and
// boundary rows. Values are compared as their column's type; the state keeps them as text (the
// column cast to string), which the filter casts back.
#pragma once

#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "s3c/columnar/record_batch.h"
#include "s3c/common/status.h"
#include "s3c/pipeline/incremental_settings.h"
#include "s3c/state/incremental_state.h"

namespace s3c::pipeline {

class CursorTracker {
 public:
  CursorTracker(const CursorSettings& settings, const state::IncrementalState& previous);

  // The row filter the read adds (expr syntax); "" when it needs none (a first run without
  // start or end).
  std::string Where() const;
  // The batch without the boundary rows loaded before. Errors: InvalidArgument when the cursor
  // or a primary key column is not in the rows or has a type the strategy cannot order;
  // DataLoss for a NULL cursor under on_cursor_value_missing: error (naming the column).
  Result<std::shared_ptr<columnar::RecordBatch>> Apply(
      std::shared_ptr<columnar::RecordBatch> batch);
  // Writes cursor_field, cursor_value and boundary_rows of the state after the rows seen.
  void Fill(state::IncrementalState* next) const;

  int64_t rows_kept() const { return rows_kept_; }
  int64_t rows_dropped() const { return rows_dropped_; }

 private:
  struct Key {  // a value ordered as its type: integers and times, floats, or text
    int kind = 0;  // 0 integer, 1 float, 2 text
    int64_t i = 0;
    double f = 0;
    std::string text;
  };
  static bool Less(const Key& a, const Key& b);

  CursorSettings settings_;
  std::optional<std::string> previous_value_;
  std::set<std::string> previous_rows_;
  std::optional<Key> max_;
  std::string max_text_;
  std::set<std::string> max_rows_;
  int64_t rows_kept_ = 0;
  int64_t rows_dropped_ = 0;
};

}  // namespace s3c::pipeline
