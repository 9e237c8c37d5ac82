#include "s3c/columnar/take.h"

#include <fmt/format.h>

#include <cstring>
#include <limits>

#include "s3c/columnar/bit_util.h"
#include "take_internal.h"

namespace s3c::columnar {
namespace take_internal {
namespace {

// Runs shorter than this copy bit by bit; longer ones go through CopyBitmap's byte loop.
constexpr int64_t kShortBitRun = 16;

// Gathers the bits of `runs` (first bit of the source at `base`) into the zeroed `dst`.
void GatherBits(const uint8_t* src, int64_t base, const Runs& runs, uint8_t* dst) {
  int64_t out = 0;
  for (const Run& run : runs) {
    const int64_t from = base + run.start;
    if (run.length < kShortBitRun) {
      for (int64_t k = 0; k < run.length; ++k) {
        if (bit_util::GetBit(src, from + k)) bit_util::SetBit(dst, out + k);
      }
    } else {
      bit_util::CopyBitmap(src, from, run.length, dst, out);
    }
    out += run.length;
  }
}

// Gathers values of kWidth bytes; a single row is a fixed-size copy the compiler inlines.
template <int64_t kWidth>
void GatherFixed(const uint8_t* src, const Runs& runs, uint8_t* dst) {
  for (const Run& run : runs) {
    const uint8_t* from = src + run.start * kWidth;
    if (run.length == 1) {
      std::memcpy(dst, from, kWidth);
    } else {
      std::memcpy(dst, from, static_cast<size_t>(run.length * kWidth));
    }
    dst += run.length * kWidth;
  }
}

std::shared_ptr<Buffer> TakeFixedWidthValues(const ArrayData& data, int64_t shift,
                                             const Runs& runs, int64_t out_length) {
  const int64_t width = data.type.bit_width() / 8;
  auto values = Buffer::Allocate(out_length * width);
  const uint8_t* src = data.buffers[1]->data() + (data.offset + shift) * width;
  uint8_t* dst = values->mutable_data();
  switch (width) {
    case 1:
      GatherFixed<1>(src, runs, dst);
      break;
    case 2:
      GatherFixed<2>(src, runs, dst);
      break;
    case 4:
      GatherFixed<4>(src, runs, dst);
      break;
    case 8:
      GatherFixed<8>(src, runs, dst);
      break;
    default:
      GatherFixed<16>(src, runs, dst);  // decimal128, the only other fixed width
      break;
  }
  return values;
}

// string, large_string, binary: offsets rebased to the copied bytes of each run.
template <typename OffsetT>
Result<std::shared_ptr<ArrayData>> TakeBinary(const ArrayData& data, int64_t shift,
                                              const Runs& runs, int64_t out_length) {
  const OffsetT* offsets = data.GetValues<OffsetT>(1) + shift;
  const uint8_t* bytes = data.buffers[2] ? data.buffers[2]->data() : nullptr;
  int64_t total = 0;
  for (const Run& run : runs) {
    total += static_cast<int64_t>(offsets[run.start + run.length]) - offsets[run.start];
  }
  if (total > std::numeric_limits<OffsetT>::max()) {
    return InvalidArgumentError(fmt::format(
        "take: the {} selected {} values hold {} bytes, more than its offsets address ({})",
        out_length, data.type.ToString(), total, std::numeric_limits<OffsetT>::max()));
  }
  auto out_offsets = Buffer::Allocate((out_length + 1) * static_cast<int64_t>(sizeof(OffsetT)));
  auto out_bytes = Buffer::Allocate(total);
  auto* dst_offsets = out_offsets->mutable_data_as<OffsetT>();
  uint8_t* dst_bytes = out_bytes->mutable_data();
  OffsetT position = 0;
  for (const Run& run : runs) {
    const OffsetT* o = offsets + run.start;
    const OffsetT begin = o[0];
    const OffsetT size = o[run.length] - begin;
    if (size > 0) std::memcpy(dst_bytes + position, bytes + begin, static_cast<size_t>(size));
    for (int64_t k = 0; k < run.length; ++k) {
      *dst_offsets++ = static_cast<OffsetT>(position + (o[k] - begin));
    }
    position = static_cast<OffsetT>(position + size);
  }
  *dst_offsets = position;
  int64_t nulls = 0;
  auto validity = TakeValidity(data, shift, runs, out_length, &nulls);
  return ArrayData::Make(data.type, out_length,
                         {std::move(validity), std::move(out_offsets), std::move(out_bytes)},
                         nulls);
}

}  // namespace

Result<Runs> IndicesToRuns(std::span<const int64_t> indices, int64_t length) {
  Runs runs;
  for (size_t i = 0; i < indices.size(); ++i) {
    const int64_t index = indices[i];
    if (index < 0 || index >= length) {
      return InvalidArgumentError(
          fmt::format("take: index {} at position {} of the selection is outside the {} rows "
                      "[0, {})",
                      index, i, length, length));
    }
    AppendRun(runs, index, 1);
  }
  return runs;
}

std::shared_ptr<Buffer> TakeValidity(const ArrayData& data, int64_t shift, const Runs& runs,
                                     int64_t out_length, int64_t* null_count) {
  *null_count = 0;
  const uint8_t* bits = data.validity();
  if (bits == nullptr || data.null_count == 0) return nullptr;
  auto validity = Buffer::Allocate(bit_util::BytesForBits(out_length));
  GatherBits(bits, data.offset + shift, runs, validity->mutable_data());
  *null_count = out_length - bit_util::CountSetBits(validity->data(), 0, out_length);
  if (*null_count == 0) return nullptr;
  return validity;
}

Result<std::shared_ptr<ArrayData>> TakeRuns(const ArrayData& data, int64_t shift,
                                            const Runs& runs, int64_t out_length) {
  if (runs.empty()) return MakeArrayOfNulls(data.type, 0)->data();
  if (runs.size() == 1) return data.Slice(shift + runs[0].start, runs[0].length);
  const TypeId id = data.type.id();
  switch (id) {
    case TypeId::kNull:
      return ArrayData::Make(data.type, out_length, {}, out_length);
    case TypeId::kString:
    case TypeId::kBinary:
      return TakeBinary<int32_t>(data, shift, runs, out_length);
    case TypeId::kLargeString:
      return TakeBinary<int64_t>(data, shift, runs, out_length);
    case TypeId::kList:
    case TypeId::kMap:
      return TakeListLike(data, shift, runs, out_length);
    case TypeId::kStruct:
      return TakeStruct(data, shift, runs, out_length);
    default:
      break;
  }
  std::shared_ptr<Buffer> values;
  if (id == TypeId::kBool) {
    values = Buffer::Allocate(bit_util::BytesForBits(out_length));
    GatherBits(data.buffers[1]->data(), data.offset + shift, runs, values->mutable_data());
  } else {
    values = TakeFixedWidthValues(data, shift, runs, out_length);
  }
  int64_t nulls = 0;
  auto validity = TakeValidity(data, shift, runs, out_length, &nulls);
  return ArrayData::Make(data.type, out_length, {std::move(validity), std::move(values)}, nulls);
}

}  // namespace take_internal

namespace {

int64_t SelectedRows(const take_internal::Runs& runs) {
  int64_t rows = 0;
  for (const take_internal::Run& run : runs) rows += run.length;
  return rows;
}

bool SelectsEveryRow(const take_internal::Runs& runs, int64_t length) {
  return runs.size() == 1 && runs[0].start == 0 && runs[0].length == length;
}

}  // namespace

Result<std::shared_ptr<Array>> Take(const Array& array, std::span<const int64_t> indices) {
  S3C_ASSIGN_OR_RETURN(take_internal::Runs runs,
                       take_internal::IndicesToRuns(indices, array.length()));
  if (SelectsEveryRow(runs, array.length())) return MakeArray(array.data());
  S3C_ASSIGN_OR_RETURN(auto data,
                       take_internal::TakeRuns(*array.data(), 0, runs, SelectedRows(runs)));
  return MakeArray(std::move(data));
}

Result<std::shared_ptr<RecordBatch>> Take(const RecordBatch& batch,
                                          std::span<const int64_t> indices) {
  S3C_ASSIGN_OR_RETURN(take_internal::Runs runs,
                       take_internal::IndicesToRuns(indices, batch.num_rows()));
  if (SelectsEveryRow(runs, batch.num_rows())) {
    return RecordBatch::Make(batch.schema(), batch.columns(), batch.num_rows());
  }
  const int64_t rows = SelectedRows(runs);
  std::vector<std::shared_ptr<Array>> columns;
  columns.reserve(static_cast<size_t>(batch.num_columns()));
  for (const auto& column : batch.columns()) {
    S3C_ASSIGN_OR_RETURN(auto data, take_internal::TakeRuns(*column->data(), 0, runs, rows));
    columns.push_back(MakeArray(std::move(data)));
  }
  return RecordBatch::Make(batch.schema(), std::move(columns), rows);
}

}  // namespace s3c::columnar
