#include <fmt/format.h>

#include <cmath>

#include "s3c/columnar/array_binary.h"
#include "s3c/columnar/array_primitive.h"
#include "temporal_internal.h"
#include "value_text_internal.h"

namespace s3c::columnar::internal {
namespace {

template <typename F>
void AppendFloat(F v, std::string* out) {
  if (std::isnan(v)) {
    out->append("nan");
  } else if (std::isinf(v)) {
    out->append(v < 0 ? "-inf" : "inf");
  } else {
    fmt::format_to(std::back_inserter(*out), "{}", v);
  }
}

}  // namespace

void AppendValueText(const Array& array, int64_t i, std::string* out) {
  const DataType& type = array.type();
  switch (type.id()) {
    case TypeId::kBool:
      out->append(static_cast<const BooleanArray&>(array).Value(i) ? "true" : "false");
      return;
    case TypeId::kFloat32:
      AppendFloat(static_cast<const Float32Array&>(array).Value(i), out);
      return;
    case TypeId::kFloat64:
      AppendFloat(static_cast<const Float64Array&>(array).Value(i), out);
      return;
    case TypeId::kDecimal128:
      out->append(static_cast<const Decimal128Array&>(array).FormatValue(i));
      return;
    case TypeId::kString:
    case TypeId::kBinary: {
      auto v = static_cast<const BaseBinaryArray<int32_t>&>(array).GetView(i);
      out->append(v);
      return;
    }
    case TypeId::kLargeString:
      out->append(static_cast<const LargeStringArray&>(array).GetView(i));
      return;
    case TypeId::kDate32:
      out->append(FormatDate(static_cast<const Date32Array&>(array).Value(i)));
      return;
    case TypeId::kTime32:
      out->append(FormatTimeOfDay(static_cast<const Time32Array&>(array).Value(i), type.unit()));
      return;
    case TypeId::kTime64:
      out->append(FormatTimeOfDay(static_cast<const Time64Array&>(array).Value(i), type.unit()));
      return;
    case TypeId::kTimestamp:
      out->append(FormatTimestamp(static_cast<const TimestampArray&>(array).Value(i), type.unit(),
                                  !type.timezone().empty()));
      return;
    default:
      break;
  }
  VisitPrimitive(type.id(), [&](auto tag) {
    using T = decltype(tag);
    if constexpr (std::is_integral_v<typename T::c_type>) {
      fmt::format_to(std::back_inserter(*out), "{}",
                     static_cast<const NumericArray<T>&>(array).Value(i));
    }
  });
}

}  // namespace s3c::columnar::internal
