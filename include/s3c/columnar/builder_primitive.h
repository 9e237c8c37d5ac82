// Builders for the null type, booleans, fixed-width numeric/temporal values and decimals.
#pragma once

#include <cstdint>
#include <span>

#include "s3c/columnar/array_primitive.h"
#include "s3c/columnar/builder.h"

namespace s3c::columnar {

class NullBuilder final : public ArrayBuilder {
 public:
  NullBuilder() : ArrayBuilder(Null()) {}
  void AppendNull() final { validity_.AppendNull(1); }
  void AppendNulls(int64_t n) final { validity_.AppendNull(n); }
  void Reserve(int64_t) final {}
  Result<std::shared_ptr<Array>> Finish() final;
};

class BooleanBuilder final : public ArrayBuilder {
 public:
  BooleanBuilder() : ArrayBuilder(Bool()) {}
  void Append(bool value) {
    values_.Append(value);
    validity_.AppendValid(1);
  }
  void AppendNull() final {
    values_.Append(false);
    validity_.AppendNull(1);
  }
  void AppendNulls(int64_t n) final {
    values_.AppendMany(false, n);
    validity_.AppendNull(n);
  }
  // values[i] != 0 is true; valid[i] == 0 marks a null (valid may be nullptr).
  void AppendValues(std::span<const uint8_t> values, const uint8_t* valid = nullptr);
  void Reserve(int64_t additional) final {
    values_.Reserve(additional);
    validity_.Reserve(additional);
  }
  Result<std::shared_ptr<Array>> Finish() final;

 private:
  BitmapBuilder values_;
};

// Builder for fixed-width values; T is a tag from type_traits.h. `type` must have id T::kId
// (it carries the unit and time zone of temporal types).
template <typename T>
class NumericBuilder final : public ArrayBuilder {
 public:
  using c_type = typename T::c_type;

  explicit NumericBuilder(DataType type = T::DefaultType()) : ArrayBuilder(std::move(type)) {}

  void Append(c_type value) {
    values_.Append(value);
    validity_.AppendValid(1);
  }
  // Append without a capacity check; call Reserve first.
  void UnsafeAppend(c_type value) {
    values_.UnsafeAppend(value);
    validity_.AppendValid(1);
  }
  void AppendNull() final {
    values_.Append(c_type{});
    validity_.AppendNull(1);
  }
  void AppendNulls(int64_t n) final {
    values_.AppendZeros(n);
    validity_.AppendNull(n);
  }
  // Bulk append: one memcpy. valid[i] == 0 marks element i null (valid may be nullptr).
  void AppendValues(std::span<const c_type> values, const uint8_t* valid = nullptr) {
    auto n = static_cast<int64_t>(values.size());
    values_.Append(values.data(), n);
    if (valid == nullptr) {
      validity_.AppendValid(n);
    } else {
      validity_.AppendFromBytes(valid, n);
    }
  }
  void Reserve(int64_t additional) final {
    values_.Reserve(additional);
    validity_.Reserve(additional);
  }
  // The value appended at position i (0 for nulls).
  c_type Value(int64_t i) const { return values_.data()[i]; }
  Result<std::shared_ptr<Array>> Finish() final;

 private:
  TypedBufferBuilder<c_type> values_;
};

extern template class NumericBuilder<Int8Type>;
extern template class NumericBuilder<Int16Type>;
extern template class NumericBuilder<Int32Type>;
extern template class NumericBuilder<Int64Type>;
extern template class NumericBuilder<UInt8Type>;
extern template class NumericBuilder<UInt16Type>;
extern template class NumericBuilder<UInt32Type>;
extern template class NumericBuilder<UInt64Type>;
extern template class NumericBuilder<Float32Type>;
extern template class NumericBuilder<Float64Type>;
extern template class NumericBuilder<Date32Type>;
extern template class NumericBuilder<Time32Type>;
extern template class NumericBuilder<Time64Type>;
extern template class NumericBuilder<TimestampType>;

using Int8Builder = NumericBuilder<Int8Type>;
using Int16Builder = NumericBuilder<Int16Type>;
using Int32Builder = NumericBuilder<Int32Type>;
using Int64Builder = NumericBuilder<Int64Type>;
using UInt8Builder = NumericBuilder<UInt8Type>;
using UInt16Builder = NumericBuilder<UInt16Type>;
using UInt32Builder = NumericBuilder<UInt32Type>;
using UInt64Builder = NumericBuilder<UInt64Type>;
using Float32Builder = NumericBuilder<Float32Type>;
using Float64Builder = NumericBuilder<Float64Type>;
using Date32Builder = NumericBuilder<Date32Type>;
using Time32Builder = NumericBuilder<Time32Type>;
using Time64Builder = NumericBuilder<Time64Type>;
using TimestampBuilder = NumericBuilder<TimestampType>;

// Appends unscaled 128-bit values; `type` must be a decimal128. Values are not checked against
// the precision here (ValidateArray does with full checks; casts check on the way in).
class Decimal128Builder final : public ArrayBuilder {
 public:
  explicit Decimal128Builder(DataType type) : ArrayBuilder(std::move(type)) {}
  void Append(Int128 value) {
    values_.Append(&value, 16);
    validity_.AppendValid(1);
  }
  void AppendNull() final {
    values_.AppendZeros(16);
    validity_.AppendNull(1);
  }
  void AppendNulls(int64_t n) final {
    values_.AppendZeros(16 * n);
    validity_.AppendNull(n);
  }
  void Reserve(int64_t additional) final {
    values_.Reserve(16 * additional);
    validity_.Reserve(additional);
  }
  Result<std::shared_ptr<Array>> Finish() final;

 private:
  BufferBuilder values_;
};

}  // namespace s3c::columnar
