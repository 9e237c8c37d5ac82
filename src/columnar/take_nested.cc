// Take for list, map and struct arrays (take_internal.h).
#include <fmt/format.h>

#include <limits>

#include "take_internal.h"

namespace s3c::columnar::take_internal {

// A list's offsets index its child directly (the child's own offset applies inside it), so the
// elements of a run of lists are one run of the child, taken recursively with shift 0.
Result<std::shared_ptr<ArrayData>> TakeListLike(const ArrayData& data, int64_t shift,
                                                const Selection& selection) {
  const int32_t* offsets = data.GetValues<int32_t>(1) + shift;
  auto out_offsets =
      Buffer::Allocate((selection.length + 1) * static_cast<int64_t>(sizeof(int32_t)));
  auto* dst = out_offsets->mutable_data_as<int32_t>();
  Runs child_runs;
  int64_t position = 0;
  bool too_long = false;
  // Appends the elements of lists [start, start + length) to the result's child.
  auto add = [&](int64_t out, int64_t start, int64_t length) {
    const int32_t* o = offsets + start;
    const int32_t begin = o[0];
    const int64_t size = static_cast<int64_t>(o[length]) - begin;
    too_long = too_long || position + size > std::numeric_limits<int32_t>::max();
    for (int64_t k = 0; k < length; ++k) {
      dst[out + k] = static_cast<int32_t>(position + (o[k] - begin));
    }
    AppendRun(child_runs, begin, size);
    position += size;
  };
  VisitSelection(
      selection, [&](int64_t out, int64_t row) { add(out, row, 1); }, add);
  if (too_long) {
    return InvalidArgumentError(
        fmt::format("take: the {} selected {} values hold {} elements, more than its offsets "
                    "address ({})",
                    selection.length, data.type.ToString(), position,
                    std::numeric_limits<int32_t>::max()));
  }
  dst[selection.length] = static_cast<int32_t>(position);
  S3C_ASSIGN_OR_RETURN(auto child, TakeSelection(*data.children[0], 0,
                                                 SelectRuns(std::move(child_runs), position)));
  int64_t nulls = 0;
  auto validity = TakeValidity(data, shift, selection, &nulls);
  return ArrayData::Make(data.type, selection.length,
                         {std::move(validity), std::move(out_offsets)}, nulls, 0,
                         {std::move(child)});
}

// Row j of a struct is row offset + j of every field; the struct's validity and the fields are
// taken separately, so a field's value under a null parent is carried along unchanged.
Result<std::shared_ptr<ArrayData>> TakeStruct(const ArrayData& data, int64_t shift,
                                              const Selection& selection) {
  std::vector<std::shared_ptr<ArrayData>> children;
  children.reserve(data.children.size());
  for (const auto& field : data.children) {
    S3C_ASSIGN_OR_RETURN(auto child, TakeSelection(*field, shift + data.offset, selection));
    children.push_back(std::move(child));
  }
  int64_t nulls = 0;
  auto validity = TakeValidity(data, shift, selection, &nulls);
  return ArrayData::Make(data.type, selection.length, {std::move(validity)}, nulls, 0,
                         std::move(children));
}

}  // namespace s3c::columnar::take_internal
