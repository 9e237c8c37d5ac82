// Variable-size binary layouts: string (UTF-8), large_string and binary. Element i spans bytes
// [offsets[i], offsets[i + 1]) of the data buffer (Arrow Columnar Format,
// "Variable-size Binary Layout").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "s3c/columnar/array.h"

namespace s3c::columnar {

template <typename OffsetT>
class BaseBinaryArray : public Array {
 public:
  using offset_type = OffsetT;

  std::string_view GetView(int64_t i) const {
    OffsetT begin = offsets_[i];
    return {data_bytes_ + begin, static_cast<size_t>(offsets_[i + 1] - begin)};
  }
  std::string GetString(int64_t i) const { return std::string(GetView(i)); }
  OffsetT value_offset(int64_t i) const { return offsets_[i]; }
  OffsetT value_length(int64_t i) const { return offsets_[i + 1] - offsets_[i]; }
  // length() + 1 offsets, already advanced by offset().
  const OffsetT* raw_offsets() const { return offsets_; }
  // The data buffer; offsets index into it directly.
  const char* raw_data() const { return data_bytes_; }
  // Bytes covered by this array's elements.
  int64_t total_values_length() const {
    return data_->length == 0 ? 0 : offsets_[data_->length] - offsets_[0];
  }

 protected:
  explicit BaseBinaryArray(std::shared_ptr<ArrayData> data)
      : Array(std::move(data)),
        offsets_(data_->GetValues<OffsetT>(1)),
        data_bytes_(data_->buffers[2] ? data_->buffers[2]->template data_as<char>() : "") {}

 private:
  const OffsetT* offsets_;
  const char* data_bytes_;
};

class BinaryArray : public BaseBinaryArray<int32_t> {
 public:
  explicit BinaryArray(std::shared_ptr<ArrayData> data) : BaseBinaryArray(std::move(data)) {}
};

class StringArray : public BaseBinaryArray<int32_t> {
 public:
  explicit StringArray(std::shared_ptr<ArrayData> data) : BaseBinaryArray(std::move(data)) {}
};

class LargeStringArray : public BaseBinaryArray<int64_t> {
 public:
  explicit LargeStringArray(std::shared_ptr<ArrayData> data) : BaseBinaryArray(std::move(data)) {}
};

}  // namespace s3c::columnar
