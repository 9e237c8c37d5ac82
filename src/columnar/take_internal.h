// The kernels behind Take (take.h), shared by take.cc and take_nested.cc.
//
// Every kernel consumes the selection as runs of consecutive rows rather than single indices:
// a filter's selection over long runs then costs one copy per run, and the rows of selected
// lists map to runs of their child without expanding them element by element.
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

// The runs of `indices`, each checked against [0, length); InvalidArgument names the first
// index outside it.
Result<Runs> IndicesToRuns(std::span<const int64_t> indices, int64_t length);

// The rows `runs` (out_length rows in all) of `data`. A run's start is a logical row of `data`
// moved by `shift`: a struct's field reads its row j at field row parent.offset + j, so fields
// are taken with the parent's offset as shift. One run is a zero-copy slice; none an empty array.
Result<std::shared_ptr<ArrayData>> TakeRuns(const ArrayData& data, int64_t shift,
                                            const Runs& runs, int64_t out_length);

// The validity bitmap of the taken rows and its null count, or nullptr (and 0) when none of
// them is null.
std::shared_ptr<Buffer> TakeValidity(const ArrayData& data, int64_t shift, const Runs& runs,
                                     int64_t out_length, int64_t* null_count);

// Layout kernels (take_nested.cc); runs hold at least two runs and out_length > 0.
Result<std::shared_ptr<ArrayData>> TakeListLike(const ArrayData& data, int64_t shift,
                                                const Runs& runs, int64_t out_length);
Result<std::shared_ptr<ArrayData>> TakeStruct(const ArrayData& data, int64_t shift,
                                              const Runs& runs, int64_t out_length);

}  // namespace s3c::columnar::take_internal
