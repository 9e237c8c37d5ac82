#include "s3c/columnar/take.h"

#include <fmt/format.h>

#include <cstring>
#include <limits>

#include "s3c/columnar/bit_util.h"
#include "take_internal.h"

namespace s3c::columnar {
namespace take_internal {
namespace {

// Sets bit `out` of the zeroed `dst` to bit `from` of `src`, without a branch.
inline void MoveBit(const uint8_t* src, int64_t from, uint8_t* dst, int64_t out) {
  dst[out >> 3] |= static_cast<uint8_t>(bit_util::GetBit(src, from) << (out & 7));
}

// Gathers the selected bits (row 0 of the source at bit `base`) into the zeroed `dst`.
void GatherBits(const uint8_t* src, int64_t base, const Selection& selection, uint8_t* dst) {
  VisitSelection(
      selection, [&](int64_t out, int64_t row) { MoveBit(src, base + row, dst, out); },
      [&](int64_t out, int64_t start, int64_t length) {
        bit_util::CopyBitmap(src, base + start, length, dst, out);
      });
}

// Gathers values of kWidth bytes (row 0 of the source at `src`).
template <int64_t kWidth>
void GatherFixed(const uint8_t* src, const Selection& selection, uint8_t* dst) {
  VisitSelection(
      selection,
      [&](int64_t out, int64_t row) { std::memcpy(dst + out * kWidth, src + row * kWidth, kWidth); },
      [&](int64_t out, int64_t start, int64_t length) {
        std::memcpy(dst + out * kWidth, src + start * kWidth, static_cast<size_t>(length * kWidth));
      });
}

std::shared_ptr<Buffer> TakeFixedWidthValues(const ArrayData& data, int64_t shift,
                                             const Selection& selection) {
  const int64_t width = data.type.bit_width() / 8;
  auto values = Buffer::Allocate(selection.length * width);
  const uint8_t* src = data.buffers[1]->data() + (data.offset + shift) * width;
  uint8_t* dst = values->mutable_data();
  switch (width) {
    case 1:
      GatherFixed<1>(src, selection, dst);
      break;
    case 2:
      GatherFixed<2>(src, selection, dst);
      break;
    case 4:
      GatherFixed<4>(src, selection, dst);
      break;
    case 8:
      GatherFixed<8>(src, selection, dst);
      break;
    default:
      GatherFixed<16>(src, selection, dst);  // decimal128, the only other fixed width
      break;
  }
  return values;
}

// string, large_string, binary: offsets rebased to the copied bytes of each row or run.
template <typename OffsetT>
Result<std::shared_ptr<ArrayData>> TakeBinary(const ArrayData& data, int64_t shift,
                                              const Selection& selection) {
  const OffsetT* offsets = data.GetValues<OffsetT>(1) + shift;
  const uint8_t* bytes = data.buffers[2] ? data.buffers[2]->data() : nullptr;
  int64_t total = 0;
  VisitSelection(
      selection, [&](int64_t, int64_t row) { total += offsets[row + 1] - offsets[row]; },
      [&](int64_t, int64_t start, int64_t length) {
        total += static_cast<int64_t>(offsets[start + length]) - offsets[start];
      });
  if (total > std::numeric_limits<OffsetT>::max()) {
    return InvalidArgumentError(fmt::format(
        "take: the {} selected {} values hold {} bytes, more than its offsets address ({})",
        selection.length, data.type.ToString(), total, std::numeric_limits<OffsetT>::max()));
  }
  auto out_offsets =
      Buffer::Allocate((selection.length + 1) * static_cast<int64_t>(sizeof(OffsetT)));
  auto out_bytes = Buffer::Allocate(total);
  auto* dst_offsets = out_offsets->mutable_data_as<OffsetT>();
  uint8_t* dst_bytes = out_bytes->mutable_data();
  OffsetT position = 0;
  // Copies rows [start, start + length) to the end of the result's bytes.
  auto copy = [&](int64_t out, int64_t start, int64_t length) {
    const OffsetT* o = offsets + start;
    const OffsetT begin = o[0];
    const OffsetT size = o[length] - begin;
    if (size > 0) std::memcpy(dst_bytes + position, bytes + begin, static_cast<size_t>(size));
    for (int64_t k = 0; k < length; ++k) {
      dst_offsets[out + k] = static_cast<OffsetT>(position + (o[k] - begin));
    }
    position = static_cast<OffsetT>(position + size);
  };
  VisitSelection(
      selection, [&](int64_t out, int64_t row) { copy(out, row, 1); }, copy);
  dst_offsets[selection.length] = position;
  int64_t nulls = 0;
  auto validity = TakeValidity(data, shift, selection, &nulls);
  return ArrayData::Make(data.type, selection.length,
                         {std::move(validity), std::move(out_offsets), std::move(out_bytes)},
                         nulls);
}

}  // namespace

Result<Selection> SelectIndices(std::span<const int64_t> indices, int64_t length) {
  int64_t runs = 0;
  for (size_t i = 0; i < indices.size(); ++i) {
    const int64_t index = indices[i];
    if (index < 0 || index >= length) {
      return InvalidArgumentError(
          fmt::format("take: index {} at position {} of the selection is outside the {} rows "
                      "[0, {})",
                      index, i, length, length));
    }
    runs += (i == 0 || index != indices[i - 1] + 1) ? 1 : 0;
  }
  Selection selection;
  selection.length = static_cast<int64_t>(indices.size());
  if (runs > 1 && runs * Selection::kMinMeanRun > selection.length) {
    selection.by_index = true;
    selection.external = indices;
    return selection;
  }
  selection.runs.reserve(static_cast<size_t>(runs));
  for (int64_t index : indices) AppendRun(selection.runs, index, 1);
  return selection;
}

Selection SelectRuns(Runs runs, int64_t length) {
  Selection selection;
  selection.length = length;
  const auto count = static_cast<int64_t>(runs.size());
  if (count > 1 && count * Selection::kMinMeanRun > length) {
    selection.by_index = true;
    selection.owned.reserve(static_cast<size_t>(length));
    for (const Run& run : runs) {
      for (int64_t k = 0; k < run.length; ++k) selection.owned.push_back(run.start + k);
    }
  } else {
    selection.runs = std::move(runs);
  }
  return selection;
}

std::shared_ptr<Buffer> TakeValidity(const ArrayData& data, int64_t shift,
                                     const Selection& selection, int64_t* null_count) {
  *null_count = 0;
  const uint8_t* bits = data.validity();
  if (bits == nullptr || data.null_count == 0) return nullptr;
  auto validity = Buffer::Allocate(bit_util::BytesForBits(selection.length));
  GatherBits(bits, data.offset + shift, selection, validity->mutable_data());
  *null_count = selection.length - bit_util::CountSetBits(validity->data(), 0, selection.length);
  if (*null_count == 0) return nullptr;
  return validity;
}

Result<std::shared_ptr<ArrayData>> TakeSelection(const ArrayData& data, int64_t shift,
                                                 const Selection& selection) {
  const int64_t length = selection.length;
  if (length == 0) return MakeArrayOfNulls(data.type, 0)->data();
  if (!selection.by_index && selection.runs.size() == 1) {
    return data.Slice(shift + selection.runs[0].start, length);
  }
  const TypeId id = data.type.id();
  switch (id) {
    case TypeId::kNull:
      return ArrayData::Make(data.type, length, {}, length);
    case TypeId::kString:
    case TypeId::kBinary:
      return TakeBinary<int32_t>(data, shift, selection);
    case TypeId::kLargeString:
      return TakeBinary<int64_t>(data, shift, selection);
    case TypeId::kList:
    case TypeId::kMap:
      return TakeListLike(data, shift, selection);
    case TypeId::kStruct:
      return TakeStruct(data, shift, selection);
    default:
      break;
  }
  std::shared_ptr<Buffer> values;
  if (id == TypeId::kBool) {
    values = Buffer::Allocate(bit_util::BytesForBits(length));
    GatherBits(data.buffers[1]->data(), data.offset + shift, selection, values->mutable_data());
  } else {
    values = TakeFixedWidthValues(data, shift, selection);
  }
  int64_t nulls = 0;
  auto validity = TakeValidity(data, shift, selection, &nulls);
  return ArrayData::Make(data.type, length, {std::move(validity), std::move(values)}, nulls);
}

}  // namespace take_internal

namespace {

bool SelectsEveryRow(const take_internal::Selection& selection, int64_t length) {
  return !selection.by_index && selection.runs.size() == 1 && selection.runs[0].start == 0 &&
         selection.runs[0].length == length;
}

}  // namespace

Result<std::shared_ptr<Array>> Take(const Array& array, std::span<const int64_t> indices) {
  S3C_ASSIGN_OR_RETURN(take_internal::Selection selection,
                       take_internal::SelectIndices(indices, array.length()));
  if (SelectsEveryRow(selection, array.length())) return MakeArray(array.data());
  S3C_ASSIGN_OR_RETURN(auto data, take_internal::TakeSelection(*array.data(), 0, selection));
  return MakeArray(std::move(data));
}

Result<std::shared_ptr<RecordBatch>> Take(const RecordBatch& batch,
                                          std::span<const int64_t> indices) {
  S3C_ASSIGN_OR_RETURN(take_internal::Selection selection,
                       take_internal::SelectIndices(indices, batch.num_rows()));
  if (SelectsEveryRow(selection, batch.num_rows())) {
    return RecordBatch::Make(batch.schema(), batch.columns(), batch.num_rows());
  }
  std::vector<std::shared_ptr<Array>> columns;
  columns.reserve(static_cast<size_t>(batch.num_columns()));
  for (const auto& column : batch.columns()) {
    S3C_ASSIGN_OR_RETURN(auto data, take_internal::TakeSelection(*column->data(), 0, selection));
    columns.push_back(MakeArray(std::move(data)));
  }
  return RecordBatch::Make(batch.schema(), std::move(columns), selection.length);
}

}  // namespace s3c::columnar
