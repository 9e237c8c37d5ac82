#include "s3c/columnar/builder_binary.h"

#include <fmt/format.h>

#include <limits>

namespace s3c::columnar {

template <typename OffsetT>
void BaseBinaryBuilder<OffsetT>::AppendValues(std::span<const std::string_view> values,
                                              const uint8_t* valid) {
  auto n = static_cast<int64_t>(values.size());
  int64_t bytes = 0;
  for (size_t i = 0; i < values.size(); ++i) {
    if (valid == nullptr || valid[i] != 0) bytes += static_cast<int64_t>(values[i].size());
  }
  offsets_.Reserve(n);
  data_.Reserve(bytes);
  for (size_t i = 0; i < values.size(); ++i) {
    offsets_.UnsafeAppend(static_cast<OffsetT>(data_.size()));
    if (valid == nullptr || valid[i] != 0) {
      data_.UnsafeAppend(values[i].data(), static_cast<int64_t>(values[i].size()));
    }
  }
  validity_.AppendFromBytes(valid, n);
}

template <typename OffsetT>
Result<std::shared_ptr<Array>> BaseBinaryBuilder<OffsetT>::Finish() {
  if (data_.size() > static_cast<int64_t>(std::numeric_limits<OffsetT>::max())) {
    int64_t size = data_.size();
    offsets_.Reset();
    data_.Reset();
    validity_.Finish();
    return InvalidArgumentError(
        fmt::format("{} data of {} bytes exceeds the {}-bit offset range; use large_string",
                    type_.ToString(), size, sizeof(OffsetT) * 8));
  }
  offsets_.Append(static_cast<OffsetT>(data_.size()));
  int64_t length = validity_.length();
  int64_t nulls = validity_.null_count();
  std::shared_ptr<Buffer> validity = validity_.Finish();
  std::shared_ptr<Buffer> offsets = offsets_.Finish();
  std::shared_ptr<Buffer> data = data_.Finish();
  return MakeArray(ArrayData::Make(
      type_, length, {std::move(validity), std::move(offsets), std::move(data)}, nulls));
}

template class BaseBinaryBuilder<int32_t>;
template class BaseBinaryBuilder<int64_t>;

}  // namespace s3c::columnar
