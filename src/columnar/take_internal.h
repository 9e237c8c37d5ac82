// The kernels behind Take (take.h), shared by take.cc and take_nested.cc.
//
// A filter's selection over long runs costs one copy per run, and the rows of a run of lists
// are one run of their child; short runs are gathered row by row instead (Selection).
#pragma once

#include <cstdint>
#include <memory>
#include <span>
#include <vector>

#include "s3c/columnar/array_data.h"
#include "s3c/common/status.h"

namespace s3c::columnar::take_internal {

// Rows [start, start + length) of an array.
struct Run {
  int64_t start;
  int64_t length;
};
using Runs = std::vector<Run>;

// Appends rows [start, start + length) to `runs`, merging with the last run when adjacent.
inline void AppendRun(Runs& runs, int64_t start, int64_t length) {
  if (length == 0) return;
  if (!runs.empty() && runs.back().start + runs.back().length == start) {
    runs.back().length += length;
  } else {
    runs.push_back({start, length});
  }
}

// The rows to take, in whichever form copies them faster: runs when they are long on average
// (one copy per run), else one index per row (a branch-free gather; splitting rows into runs
// of one or two would cost more than it saves).
struct Selection {
  // Mean run length from which the runs form is used.
  static constexpr int64_t kMinMeanRun = 8;

  int64_t length = 0;      // rows selected
  bool by_index = false;   // which form holds them
  Runs runs;               // by_index == false
  std::span<const int64_t> external;  // by_index: the caller's indices, or
  std::vector<int64_t> owned;         // indices made here (the rows of selected lists)

  std::span<const int64_t> indices() const { return owned.empty() ? external : owned; }
};

// The selection of `indices`, each checked against [0, length); InvalidArgument names the
// first index outside it. The indices are borrowed: they must outlive the selection.
Result<Selection> SelectIndices(std::span<const int64_t> indices, int64_t length);
// The selection of `runs` (`length` rows in all), expanded to indices when they are short.
Selection SelectRuns(Runs runs, int64_t length);

// The rows `selection` of `data`. A selected row is a logical row of `data` moved by `shift`:
// a struct's field reads its row j at field row parent.offset + j, so fields are taken with the
// parent's offset as shift. One run is a zero-copy slice; no rows an empty array.
Result<std::shared_ptr<ArrayData>> TakeSelection(const ArrayData& data, int64_t shift,
                                                 const Selection& selection);

// The validity bitmap of the taken rows and its null count, or nullptr (and 0) when none of
// them is null.
std::shared_ptr<Buffer> TakeValidity(const ArrayData& data, int64_t shift,
                                     const Selection& selection, int64_t* null_count);

// Calls one(out, row) for each selected row of the index form, or many(out, start, length)
// for each run of the runs form; `out` is the position in the result.
template <typename One, typename Many>
void VisitSelection(const Selection& selection, One&& one, Many&& many) {
  if (selection.by_index) {
    const std::span<const int64_t> indices = selection.indices();
    for (size_t i = 0; i < indices.size(); ++i) one(static_cast<int64_t>(i), indices[i]);
    return;
  }
  int64_t out = 0;
  for (const Run& run : selection.runs) {
    many(out, run.start, run.length);
    out += run.length;
  }
}

// Layout kernels (take_nested.cc); the selection is neither empty nor one run.
Result<std::shared_ptr<ArrayData>> TakeListLike(const ArrayData& data, int64_t shift,
                                                const Selection& selection);
Result<std::shared_ptr<ArrayData>> TakeStruct(const ArrayData& data, int64_t shift,
                                              const Selection& selection);

}  // namespace s3c::columnar::take_internal
