#include "formats/json/json_convert.h"

#include <fmt/format.h>

#include <cmath>
#include <limits>

#include "s3c/columnar/builder_binary.h"
#include "s3c/columnar/builder_nested.h"
#include "s3c/columnar/builder_primitive.h"
#include "s3c/common/json_parser.h"
#include "s3c/common/strings.h"

namespace s3c::formats::json_internal {
namespace {

using columnar::DataType;
using columnar::TypeId;
using Kind = JsonValue::Kind;

std::string Preview(const JsonValue& v) {
  std::string text;
  AppendJsonText(v, &text);
  if (text.size() > 40) text = text.substr(0, 37) + "...";
  return fmt::format("{} {}", JsonKindName(v.kind), text);
}

Status Mismatch(const JsonValue& v, const DataType& type, std::string_view detail = {}) {
  return InvalidArgumentError(
      fmt::format("expected {}, found {}{}", type.ToString(), Preview(v), detail));
}

template <typename Tag>
Status ConvertInteger(const JsonValue& v, const DataType& type, columnar::ArrayBuilder* b) {
  using C = typename Tag::c_type;
  if (v.kind != Kind::kNumber || !v.integral) return Mismatch(v, type);
  C value;
  if constexpr (std::is_same_v<C, uint64_t>) {
    std::optional<uint64_t> u = v.text[0] == '-' ? std::nullopt : ParseUint64(v.text);
    if (!u) return Mismatch(v, type, " (out of range)");
    value = *u;
  } else {
    std::optional<int64_t> i = ParseInt64Text(v.text);
    if (!i || *i < std::numeric_limits<C>::min() || *i > std::numeric_limits<C>::max()) {
      return Mismatch(v, type, " (out of range)");
    }
    value = static_cast<C>(*i);
  }
  if (b != nullptr) static_cast<columnar::NumericBuilder<Tag>*>(b)->Append(value);
  return Status::OK();
}

template <typename Tag>
Status ConvertFloat(const JsonValue& v, const DataType& type, columnar::ArrayBuilder* b) {
  if (v.kind != Kind::kNumber) return Mismatch(v, type);
  using C = typename Tag::c_type;
  if (std::optional<double> token = NonFiniteTokenValue(v.text)) {
    if (b != nullptr)
      static_cast<columnar::NumericBuilder<Tag>*>(b)->Append(static_cast<C>(*token));
    return Status::OK();
  }
  std::optional<double> d = ParseFloat64Text(v.text);
  if (!d || !std::isfinite(*d) || std::fabs(*d) > std::numeric_limits<C>::max()) {
    return Mismatch(v, type, " (out of range)");
  }
  if (b != nullptr) static_cast<columnar::NumericBuilder<Tag>*>(b)->Append(static_cast<C>(*d));
  return Status::OK();
}

template <typename BuilderT>
Status ConvertString(const JsonValue& v, BuilderT* b) {
  if (b == nullptr) return Status::OK();
  switch (v.kind) {
    case Kind::kString:
      b->Append(v.text);
      break;
    case Kind::kNumber:
      b->Append(v.text);
      break;
    case Kind::kBool:
      b->Append(v.boolean ? "true" : "false");
      break;
    default: {
      std::string text;
      AppendJsonText(v, &text);
      b->Append(text);
    }
  }
  return Status::OK();
}

Status ConvertList(const JsonValue& v, const DataType& type, const InferenceOptions& opts,
                   columnar::ArrayBuilder* b) {
  if (v.kind != Kind::kArray) return Mismatch(v, type);
  auto* lb = static_cast<columnar::ListBuilder*>(b);
  if (lb != nullptr) lb->Append();
  for (size_t i = 0; i < v.items.size(); ++i) {
    Status s = ConvertValue(v.items[i], type.value_type(), opts,
                            lb != nullptr ? lb->value_builder() : nullptr);
    if (!s.ok()) return InvalidArgumentError(fmt::format("element {}: {}", i, s.message()));
  }
  return Status::OK();
}

Status ConvertStruct(const JsonValue& v, const DataType& type, const InferenceOptions& opts,
                     columnar::ArrayBuilder* b) {
  if (v.kind != Kind::kObject) return Mismatch(v, type);
  auto* sb = static_cast<columnar::StructBuilder*>(b);
  if (sb != nullptr) sb->Append();
  for (int i = 0; i < type.num_fields(); ++i) {
    const columnar::Field& f = type.field(i);
    const JsonValue* member = v.Find(f.name());
    columnar::ArrayBuilder* child = sb != nullptr ? sb->field_builder(i) : nullptr;
    if (member == nullptr) {
      if (child != nullptr) child->AppendNull();
      continue;
    }
    Status s = ConvertValue(*member, f.type(), opts, child);
    if (!s.ok()) return InvalidArgumentError(fmt::format("field '{}': {}", f.name(), s.message()));
  }
  return Status::OK();
}

Status ConvertMap(const JsonValue& v, const DataType& type, const InferenceOptions& opts,
                  columnar::ArrayBuilder* b) {
  if (v.kind != Kind::kObject) return Mismatch(v, type);
  auto* mb = static_cast<columnar::MapBuilder*>(b);
  if (mb != nullptr) mb->Append();
  for (const auto& [key, value] : v.members) {
    if (mb != nullptr) mb->key_builder_as<columnar::StringBuilder>()->Append(key);
    Status s =
        ConvertValue(value, type.item_type(), opts, mb != nullptr ? mb->item_builder() : nullptr);
    if (!s.ok()) return InvalidArgumentError(fmt::format("key '{}': {}", key, s.message()));
  }
  return Status::OK();
}

}  // namespace

Status CheckSupportedType(const DataType& type) {
  switch (type.id()) {
    case TypeId::kNull:
    case TypeId::kBool:
    case TypeId::kInt8:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
    case TypeId::kUInt8:
    case TypeId::kUInt16:
    case TypeId::kUInt32:
    case TypeId::kUInt64:
    case TypeId::kFloat32:
    case TypeId::kFloat64:
    case TypeId::kString:
    case TypeId::kLargeString:
    case TypeId::kDate32:
    case TypeId::kTimestamp:
      return Status::OK();
    case TypeId::kList:
      return CheckSupportedType(type.value_type());
    case TypeId::kStruct:
      for (const auto& f : type.fields()) S3C_RETURN_IF_ERROR(CheckSupportedType(f.type()));
      return Status::OK();
    case TypeId::kMap:
      if (type.key_type().id() != TypeId::kString) break;
      return CheckSupportedType(type.item_type());
    default:
      break;
  }
  return UnimplementedError(fmt::format("the JSON reader cannot produce {}", type.ToString()));
}

Status ConvertValue(const JsonValue& v, const DataType& type, const InferenceOptions& opts,
                    columnar::ArrayBuilder* b) {
  if (v.kind == Kind::kNull) {
    if (b != nullptr) b->AppendNull();
    return Status::OK();
  }
  switch (type.id()) {
    case TypeId::kBool:
      if (v.kind != Kind::kBool) return Mismatch(v, type);
      if (b != nullptr) static_cast<columnar::BooleanBuilder*>(b)->Append(v.boolean);
      return Status::OK();
    case TypeId::kInt8:
      return ConvertInteger<columnar::Int8Type>(v, type, b);
    case TypeId::kInt16:
      return ConvertInteger<columnar::Int16Type>(v, type, b);
    case TypeId::kInt32:
      return ConvertInteger<columnar::Int32Type>(v, type, b);
    case TypeId::kInt64:
      return ConvertInteger<columnar::Int64Type>(v, type, b);
    case TypeId::kUInt8:
      return ConvertInteger<columnar::UInt8Type>(v, type, b);
    case TypeId::kUInt16:
      return ConvertInteger<columnar::UInt16Type>(v, type, b);
    case TypeId::kUInt32:
      return ConvertInteger<columnar::UInt32Type>(v, type, b);
    case TypeId::kUInt64:
      return ConvertInteger<columnar::UInt64Type>(v, type, b);
    case TypeId::kFloat32:
      return ConvertFloat<columnar::Float32Type>(v, type, b);
    case TypeId::kFloat64:
      return ConvertFloat<columnar::Float64Type>(v, type, b);
    case TypeId::kString:
      return ConvertString(v, static_cast<columnar::StringBuilder*>(b));
    case TypeId::kLargeString:
      return ConvertString(v, static_cast<columnar::LargeStringBuilder*>(b));
    case TypeId::kDate32: {
      std::optional<int32_t> d;
      if (v.kind == Kind::kString) d = ParseDate32Text(v.text, opts.extra_date_formats);
      if (!d) return Mismatch(v, type);
      if (b != nullptr) static_cast<columnar::Date32Builder*>(b)->Append(*d);
      return Status::OK();
    }
    case TypeId::kTimestamp: {
      std::optional<ParsedTimestamp> t;
      if (v.kind == Kind::kString) {
        t = ParseTimestampText(v.text, type.unit(), opts.extra_timestamp_formats);
      }
      if (!t) return Mismatch(v, type);
      if (b != nullptr) static_cast<columnar::TimestampBuilder*>(b)->Append(t->value);
      return Status::OK();
    }
    case TypeId::kList:
      return ConvertList(v, type, opts, b);
    case TypeId::kStruct:
      return ConvertStruct(v, type, opts, b);
    case TypeId::kMap:
      return ConvertMap(v, type, opts, b);
    default:
      return Mismatch(v, type);
  }
}

}  // namespace s3c::formats::json_internal
