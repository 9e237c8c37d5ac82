// Compile-time tags for fixed-width types: the C type of one value and the default DataType.
// NumericArray<T> and NumericBuilder<T> are parameterized by these tags, so Date32Array and
// Int32Array are distinct classes even though both store int32 values.
#pragma once

#include <cstdint>

#include "s3c/columnar/data_type.h"

namespace s3c::columnar {

template <typename C, TypeId Id>
struct PrimitiveTag {
  using c_type = C;
  static constexpr TypeId kId = Id;
  static DataType DefaultType();
};

using Int8Type = PrimitiveTag<int8_t, TypeId::kInt8>;
using Int16Type = PrimitiveTag<int16_t, TypeId::kInt16>;
using Int32Type = PrimitiveTag<int32_t, TypeId::kInt32>;
using Int64Type = PrimitiveTag<int64_t, TypeId::kInt64>;
using UInt8Type = PrimitiveTag<uint8_t, TypeId::kUInt8>;
using UInt16Type = PrimitiveTag<uint16_t, TypeId::kUInt16>;
using UInt32Type = PrimitiveTag<uint32_t, TypeId::kUInt32>;
using UInt64Type = PrimitiveTag<uint64_t, TypeId::kUInt64>;
using Float32Type = PrimitiveTag<float, TypeId::kFloat32>;
using Float64Type = PrimitiveTag<double, TypeId::kFloat64>;
using Date32Type = PrimitiveTag<int32_t, TypeId::kDate32>;
// Default units: time32[ms], time64[us], timestamp[us] without time zone.
using Time32Type = PrimitiveTag<int32_t, TypeId::kTime32>;
using Time64Type = PrimitiveTag<int64_t, TypeId::kTime64>;
using TimestampType = PrimitiveTag<int64_t, TypeId::kTimestamp>;

// Calls f(Tag{}) with the tag whose kId is `id` and returns true, or returns false when `id` is
// not a fixed-width primitive (bool, decimal, binary-like and nested types are not).
template <typename F>
bool VisitPrimitive(TypeId id, F&& f) {
  switch (id) {
    case TypeId::kInt8:
      f(Int8Type{});
      return true;
    case TypeId::kInt16:
      f(Int16Type{});
      return true;
    case TypeId::kInt32:
      f(Int32Type{});
      return true;
    case TypeId::kInt64:
      f(Int64Type{});
      return true;
    case TypeId::kUInt8:
      f(UInt8Type{});
      return true;
    case TypeId::kUInt16:
      f(UInt16Type{});
      return true;
    case TypeId::kUInt32:
      f(UInt32Type{});
      return true;
    case TypeId::kUInt64:
      f(UInt64Type{});
      return true;
    case TypeId::kFloat32:
      f(Float32Type{});
      return true;
    case TypeId::kFloat64:
      f(Float64Type{});
      return true;
    case TypeId::kDate32:
      f(Date32Type{});
      return true;
    case TypeId::kTime32:
      f(Time32Type{});
      return true;
    case TypeId::kTime64:
      f(Time64Type{});
      return true;
    case TypeId::kTimestamp:
      f(TimestampType{});
      return true;
    default:
      return false;
  }
}

}  // namespace s3c::columnar
