// Builders for string, large_string and binary arrays.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "s3c/columnar/array_binary.h"
#include "s3c/columnar/builder.h"

namespace s3c::columnar {

// Offsets are appended as element starts; the final end offset is added by Finish(). For int32
// offsets, Finish() fails when the data exceeds 2^31 - 1 bytes (use large_string).
// UTF-8 is not checked while appending (ValidateArray with check_utf8 does).
template <typename OffsetT>
class BaseBinaryBuilder : public ArrayBuilder {
 public:
  void Append(std::string_view value) {
    offsets_.Append(static_cast<OffsetT>(data_.size()));
    data_.Append(value.data(), static_cast<int64_t>(value.size()));
    validity_.AppendValid(1);
  }
  void AppendNull() final {
    offsets_.Append(static_cast<OffsetT>(data_.size()));
    validity_.AppendNull(1);
  }
  void AppendNulls(int64_t n) final {
    offsets_.Reserve(n);
    for (int64_t i = 0; i < n; ++i) offsets_.UnsafeAppend(static_cast<OffsetT>(data_.size()));
    validity_.AppendNull(n);
  }
  // valid[i] == 0 marks element i null (its view is ignored); valid may be nullptr.
  void AppendValues(std::span<const std::string_view> values, const uint8_t* valid = nullptr);
  void Reserve(int64_t additional) final {
    offsets_.Reserve(additional);
    validity_.Reserve(additional);
  }
  // Makes room for `additional_bytes` more bytes of character data.
  void ReserveData(int64_t additional_bytes) { data_.Reserve(additional_bytes); }
  int64_t value_data_length() const { return data_.size(); }
  Result<std::shared_ptr<Array>> Finish() final;

 protected:
  explicit BaseBinaryBuilder(DataType type) : ArrayBuilder(std::move(type)) {}

 private:
  TypedBufferBuilder<OffsetT> offsets_;
  BufferBuilder data_;
};

extern template class BaseBinaryBuilder<int32_t>;
extern template class BaseBinaryBuilder<int64_t>;

class StringBuilder final : public BaseBinaryBuilder<int32_t> {
 public:
  StringBuilder() : BaseBinaryBuilder(String()) {}
};

class BinaryBuilder final : public BaseBinaryBuilder<int32_t> {
 public:
  BinaryBuilder() : BaseBinaryBuilder(Binary()) {}
};

class LargeStringBuilder final : public BaseBinaryBuilder<int64_t> {
 public:
  LargeStringBuilder() : BaseBinaryBuilder(LargeString()) {}
};

}  // namespace s3c::columnar
