#include "expr/vec_array.h"

#include <fmt/format.h>

#include "expr/temporal.h"
#include "s3c/columnar/array_binary.h"
#include "s3c/columnar/array_primitive.h"
#include "s3c/columnar/builder_binary.h"
#include "s3c/columnar/builder_primitive.h"

namespace s3c::expr {
namespace {

using columnar::TypeId;

template <typename Tag>
Status LoadNumbers(const columnar::Array& array, const BoundNode& node, Vec* out) {
  const auto& typed = static_cast<const columnar::NumericArray<Tag>&>(array);
  const auto* values = typed.raw_values();
  auto n = static_cast<size_t>(out->length);
  if constexpr (std::is_floating_point_v<typename Tag::c_type>) {
    for (size_t i = 0; i < n; ++i) out->doubles[i] = values[i];
  } else if constexpr (std::is_same_v<typename Tag::c_type, uint64_t>) {
    for (size_t i = 0; i < n; ++i) {
      if (out->valid[i] && values[i] > static_cast<uint64_t>(INT64_MAX)) {
        return InvalidArgumentError(
            fmt::format("value {} of column \"{}\" {} is above the int64 "
                        "range filters compute in",
                        values[i], node.op_text, WhereText(node, static_cast<int64_t>(i))));
      }
      out->ints[i] = static_cast<int64_t>(values[i]);
    }
  } else {
    for (size_t i = 0; i < n; ++i) out->ints[i] = static_cast<int64_t>(values[i]);
  }
  return Status::OK();
}

template <typename ArrayT>
void LoadStrings(const columnar::Array& array, Vec* out) {
  const auto& typed = static_cast<const ArrayT&>(array);
  for (int64_t i = 0; i < out->length; ++i) out->strings[static_cast<size_t>(i)] = typed.GetView(i);
}

}  // namespace

Result<Vec> VecFromArray(const columnar::Array& array, const BoundNode& node, int64_t length) {
  Vec out = Vec::Nulls(node.type, length);
  if (array.type_id() == TypeId::kNull) return out;
  for (int64_t i = 0; i < length; ++i) out.valid[static_cast<size_t>(i)] = array.IsValid(i);
  auto n = static_cast<size_t>(length);
  switch (array.type_id()) {
    case TypeId::kBool: {
      const auto& typed = static_cast<const columnar::BooleanArray&>(array);
      for (size_t i = 0; i < n; ++i) out.ints[i] = typed.Value(static_cast<int64_t>(i));
      return out;
    }
    case TypeId::kTimestamp: {
      S3C_RETURN_IF_ERROR(LoadNumbers<columnar::TimestampType>(array, node, &out));
      int64_t per_second = columnar::UnitsPerSecond(array.type().unit());
      for (int64_t& v : out.ints) v = MicrosOfCount(v, per_second);
      return out;
    }
    case TypeId::kDecimal128: {
      const auto& typed = static_cast<const columnar::Decimal128Array&>(array);
      double scale = 1;
      for (int32_t k = 0; k < typed.scale(); ++k) scale *= 10;
      for (size_t i = 0; i < n; ++i) {
        out.doubles[i] = static_cast<double>(typed.Value(static_cast<int64_t>(i))) / scale;
      }
      return out;
    }
    case TypeId::kString:
    case TypeId::kBinary:
      LoadStrings<columnar::StringArray>(array, &out);
      break;
    case TypeId::kLargeString:
      LoadStrings<columnar::LargeStringArray>(array, &out);
      break;
    default: {
      Status status = Status::OK();
      bool handled = columnar::VisitPrimitive(array.type_id(), [&](auto tag) {
        status = LoadNumbers<decltype(tag)>(array, node, &out);
      });
      if (!handled) {
        return InvalidArgumentError(
            fmt::format("column \"{}\" has type {}, which filters cannot "
                        "use",
                        node.op_text, array.type().ToString()));
      }
      S3C_RETURN_IF_ERROR(status);
      return out;
    }
  }
  out.owners.push_back(array.data());
  return out;
}

Result<std::shared_ptr<columnar::Array>> ArrayFromVec(const Vec& vec) {
  const uint8_t* valid = vec.valid.data();
  switch (vec.type) {
    case ExprType::kNull:
      return columnar::MakeArrayOfNulls(columnar::Null(), vec.length);
    case ExprType::kBool: {
      columnar::BooleanBuilder builder;
      std::vector<uint8_t> bytes(vec.ints.begin(), vec.ints.end());
      builder.AppendValues(bytes, valid);
      return builder.Finish();
    }
    case ExprType::kInt64:
    case ExprType::kDate:
    case ExprType::kTimestamp: {
      if (vec.type == ExprType::kDate) {
        columnar::Date32Builder builder;
        for (int64_t i = 0; i < vec.length; ++i) {
          if (vec.IsValid(i)) {
            builder.Append(static_cast<int32_t>(vec.ints[static_cast<size_t>(i)]));
          } else {
            builder.AppendNull();
          }
        }
        return builder.Finish();
      }
      columnar::DataType type = vec.type == ExprType::kInt64
                                    ? columnar::Int64()
                                    : columnar::Timestamp(columnar::TimeUnit::kMicro);
      columnar::Int64Builder builder(type);
      builder.AppendValues(vec.ints, valid);
      return builder.Finish();
    }
    case ExprType::kDouble: {
      columnar::Float64Builder builder;
      builder.AppendValues(vec.doubles, valid);
      return builder.Finish();
    }
    case ExprType::kString: {
      columnar::StringBuilder builder;
      builder.AppendValues(vec.strings, valid);
      return builder.Finish();
    }
    case ExprType::kInterval:
      break;
  }
  return InvalidArgumentError("an interval cannot be the value of a filter expression");
}

Scalar ScalarAt(const Vec& vec, int64_t i) {
  Scalar out;
  out.type = vec.type;
  out.is_null = !vec.IsValid(i);
  auto k = static_cast<size_t>(i);
  if (!vec.ints.empty()) out.i = vec.ints[k];
  if (!vec.doubles.empty()) out.d = vec.doubles[k];
  if (!vec.strings.empty()) out.s = std::string(vec.strings[k]);
  return out;
}

Vec Broadcast(const Scalar& value, int64_t length) {
  Vec out = Vec::Nulls(value.type, length);
  if (value.is_null) return out;
  std::fill(out.valid.begin(), out.valid.end(), 1);
  if (value.type == ExprType::kDouble) {
    std::fill(out.doubles.begin(), out.doubles.end(), value.d);
  } else if (value.type == ExprType::kString) {
    auto owned = std::make_shared<std::string>(value.s);
    std::fill(out.strings.begin(), out.strings.end(), std::string_view(*owned));
    out.owners.push_back(owned);
  } else {
    std::fill(out.ints.begin(), out.ints.end(), value.i);
  }
  return out;
}

}  // namespace s3c::expr
