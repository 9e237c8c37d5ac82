// Arrays of the null type, booleans, fixed-width numbers and temporal values, and decimals.
#pragma once

#include <cstdint>
#include <cstring>
#include <span>

#include "s3c/columnar/array.h"
#include "s3c/columnar/decimal.h"
#include "s3c/columnar/type_traits.h"

namespace s3c::columnar {

class NullArray : public Array {
 public:
  explicit NullArray(std::shared_ptr<ArrayData> data);
};

class BooleanArray : public Array {
 public:
  explicit BooleanArray(std::shared_ptr<ArrayData> data);
  bool Value(int64_t i) const { return bit_util::GetBit(values_, data_->offset + i); }
  // The values bitmap (bit offset() is element 0).
  const uint8_t* values_bitmap() const { return values_; }
  int64_t true_count() const;  // among valid values

 private:
  const uint8_t* values_;
};

// Fixed-width values; T is a tag from type_traits.h.
template <typename T>
class NumericArray : public Array {
 public:
  using TypeTag = T;
  using c_type = typename T::c_type;

  explicit NumericArray(std::shared_ptr<ArrayData> data)
      : Array(std::move(data)), values_(data_->GetValues<c_type>(1)) {}

  // The value in slot i; unspecified (but readable) when IsNull(i).
  c_type Value(int64_t i) const { return values_[i]; }
  // Values of this array (already advanced by offset()).
  const c_type* raw_values() const { return values_; }
  std::span<const c_type> values() const { return {values_, static_cast<size_t>(data_->length)}; }

 private:
  const c_type* values_;
};

using Int8Array = NumericArray<Int8Type>;
using Int16Array = NumericArray<Int16Type>;
using Int32Array = NumericArray<Int32Type>;
using Int64Array = NumericArray<Int64Type>;
using UInt8Array = NumericArray<UInt8Type>;
using UInt16Array = NumericArray<UInt16Type>;
using UInt32Array = NumericArray<UInt32Type>;
using UInt64Array = NumericArray<UInt64Type>;
using Float32Array = NumericArray<Float32Type>;
using Float64Array = NumericArray<Float64Type>;
using Date32Array = NumericArray<Date32Type>;
using Time32Array = NumericArray<Time32Type>;
using Time64Array = NumericArray<Time64Type>;
using TimestampArray = NumericArray<TimestampType>;

class Decimal128Array : public Array {
 public:
  explicit Decimal128Array(std::shared_ptr<ArrayData> data);
  // The unscaled value in slot i.
  Int128 Value(int64_t i) const {
    Int128 v;
    std::memcpy(&v, values_ + 16 * i, sizeof(v));
    return v;
  }
  // "123.45" using the type's scale.
  std::string FormatValue(int64_t i) const;
  int32_t precision() const { return data_->type.precision(); }
  int32_t scale() const { return data_->type.scale(); }

 private:
  const uint8_t* values_;
};

}  // namespace s3c::columnar
