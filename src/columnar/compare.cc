#include "s3c/columnar/compare.h"

#include <cmath>

#include "s3c/columnar/array_binary.h"
#include "s3c/columnar/array_nested.h"
#include "s3c/columnar/array_primitive.h"

namespace s3c::columnar {
namespace {

template <typename F>
bool FloatEquals(F a, F b) {
  return a == b || (std::isnan(a) && std::isnan(b));
}

bool ListEquals(const ListArray& a, int64_t i, const ListArray& b, int64_t j) {
  int32_t n = a.value_length(i);
  if (n != b.value_length(j)) return false;
  for (int32_t k = 0; k < n; ++k) {
    if (!ValuesEqual(*a.values(), a.value_offset(i) + k, *b.values(), b.value_offset(j) + k)) {
      return false;
    }
  }
  return true;
}

}  // namespace

bool ValuesEqual(const Array& a, int64_t i, const Array& b, int64_t j) {
  bool a_null = a.IsNull(i);
  if (a_null != b.IsNull(j)) return false;
  if (a_null) return true;
  switch (a.type_id()) {
    case TypeId::kNull:
      return true;
    case TypeId::kBool:
      return static_cast<const BooleanArray&>(a).Value(i) ==
             static_cast<const BooleanArray&>(b).Value(j);
    case TypeId::kFloat32:
      return FloatEquals(static_cast<const Float32Array&>(a).Value(i),
                         static_cast<const Float32Array&>(b).Value(j));
    case TypeId::kFloat64:
      return FloatEquals(static_cast<const Float64Array&>(a).Value(i),
                         static_cast<const Float64Array&>(b).Value(j));
    case TypeId::kDecimal128:
      return static_cast<const Decimal128Array&>(a).Value(i) ==
             static_cast<const Decimal128Array&>(b).Value(j);
    case TypeId::kString:
    case TypeId::kBinary:
      return static_cast<const BaseBinaryArray<int32_t>&>(a).GetView(i) ==
             static_cast<const BaseBinaryArray<int32_t>&>(b).GetView(j);
    case TypeId::kLargeString:
      return static_cast<const LargeStringArray&>(a).GetView(i) ==
             static_cast<const LargeStringArray&>(b).GetView(j);
    case TypeId::kList:
    case TypeId::kMap:
      return ListEquals(static_cast<const ListArray&>(a), i, static_cast<const ListArray&>(b), j);
    case TypeId::kStruct: {
      const auto& sa = static_cast<const StructArray&>(a);
      const auto& sb = static_cast<const StructArray&>(b);
      for (int f = 0; f < sa.num_fields(); ++f) {
        if (!ValuesEqual(*sa.child(f), sa.offset() + i, *sb.child(f), sb.offset() + j)) {
          return false;
        }
      }
      return true;
    }
    default:
      break;
  }
  bool equal = false;
  VisitPrimitive(a.type_id(), [&](auto tag) {
    using T = decltype(tag);
    equal = static_cast<const NumericArray<T>&>(a).Value(i) ==
            static_cast<const NumericArray<T>&>(b).Value(j);
  });
  return equal;
}

bool ArrayEquals(const Array& a, const Array& b) {
  if (!a.type().Equals(b.type()) || a.length() != b.length() || a.null_count() != b.null_count()) {
    return false;
  }
  for (int64_t i = 0; i < a.length(); ++i) {
    if (!ValuesEqual(a, i, b, i)) return false;
  }
  return true;
}

bool RecordBatchEquals(const RecordBatch& a, const RecordBatch& b, bool check_metadata) {
  if (!a.schema()->Equals(*b.schema(), check_metadata) || a.num_rows() != b.num_rows()) {
    return false;
  }
  for (int c = 0; c < a.num_columns(); ++c) {
    if (!ArrayEquals(*a.column(c), *b.column(c))) return false;
  }
  return true;
}

bool Array::Equals(const Array& other) const { return ArrayEquals(*this, other); }

bool RecordBatch::Equals(const RecordBatch& other, bool check_metadata) const {
  return RecordBatchEquals(*this, other, check_metadata);
}

}  // namespace s3c::columnar
