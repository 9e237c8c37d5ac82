// Row selections: the rows of one row group a read keeps, as sorted spans of row numbers. The
// page index (page_index.h) yields one selection per column it can judge; their intersection is
// what a read decodes and emits. A column's pages cover spans of rows (OffsetIndex
// first_row_index), so a column decoded from some of its pages holds the rows of those spans,
// a superset of the selection: SliceToSelection cuts it down so that every column of a batch
// holds exactly the selected rows, row-aligned.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "formats/parquet/row_ranges.h"
#include "s3c/common/status.h"

namespace s3c::formats::parquet {

// Rows [begin, end) of a row group.
struct RowSpan {
  int64_t begin = 0;
  int64_t end = 0;
  int64_t size() const { return end - begin; }
  friend bool operator==(const RowSpan& a, const RowSpan& b) {
    return a.begin == b.begin && a.end == b.end;
  }
};

// Normalized: ascending, no empty span, no two spans overlapping or touching.
using RowSelection = std::vector<RowSpan>;

// `spans` (any order, may overlap or touch, empty ones allowed) as a normalized selection.
RowSelection NormalizeSelection(std::vector<RowSpan> spans);
// The rows in both (normalized inputs, normalized result).
RowSelection IntersectSelections(const RowSelection& a, const RowSelection& b);
// Total rows of a normalized selection.
int64_t SelectedRows(const RowSelection& selection);

// `pieces` hold, in order, the rows of `held` (normalized; a column decoded from some of its
// pages, or one span of the whole row group) and `wanted` is a subset of `held`. Returns the
// pieces of exactly the wanted rows in order, as zero-copy slices. A wanted row outside `held`,
// or pieces whose lengths do not add up to held's rows, is InternalError (a planning bug).
Result<FieldPieces> SliceToSelection(const FieldPieces& pieces, const RowSelection& held,
                                     const RowSelection& wanted);

}  // namespace s3c::formats::parquet
