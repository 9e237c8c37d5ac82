#include "formats/json/json_types.h"

#include <cmath>

#include "s3c/common/json_parser.h"

namespace s3c::formats::json_internal {
namespace {

using columnar::DataType;
using columnar::TypeId;

DataType InferNumber(const JsonValue& v) {
  if (v.integral) {
    return ParseInt64Text(v.text) ? columnar::Int64() : columnar::String();
  }
  if (NonFiniteTokenValue(v.text)) return columnar::Float64();
  std::optional<double> d = ParseFloat64Text(v.text);
  return d && std::isfinite(*d) ? columnar::Float64() : columnar::String();
}

DataType InferString(const std::string& s, const InferenceOptions& opts) {
  if (s.empty() || (!opts.infer_dates && !opts.infer_timestamps)) return columnar::String();
  DataType t = ClassifyText(s, opts);
  if (t.id() == TypeId::kDate32 || t.id() == TypeId::kTimestamp) return t;
  return columnar::String();
}

void Flatten(const JsonValue& obj, const std::string& prefix, int depth, bool flatten,
             int max_depth, ColumnValues* out) {
  for (const auto& [key, value] : obj.members) {
    std::string name = prefix + key;
    if (flatten && depth < max_depth && value.kind == JsonValue::Kind::kObject &&
        !value.members.empty()) {
      Flatten(value, name + ".", depth + 1, flatten, max_depth, out);
    } else {
      out->emplace_back(std::move(name), &value);
    }
  }
}

}  // namespace

DataType InferValueType(const JsonValue& v, const InferenceOptions& opts) {
  switch (v.kind) {
    case JsonValue::Kind::kNull:
      return columnar::Null();
    case JsonValue::Kind::kBool:
      return columnar::Bool();
    case JsonValue::Kind::kNumber:
      return InferNumber(v);
    case JsonValue::Kind::kString:
      return InferString(v.text, opts);
    case JsonValue::Kind::kArray: {
      DataType item = columnar::Null();
      for (const JsonValue& e : v.items) item = WidenTypes(item, InferValueType(e, opts));
      return columnar::List(item);
    }
    case JsonValue::Kind::kObject: {
      DataType s = columnar::Struct({});
      std::vector<columnar::Field> fields;
      for (const auto& [key, value] : v.members) {
        fields.emplace_back(key, InferValueType(value, opts));
      }
      // Widening against an empty struct unites repeated keys by name.
      return WidenTypes(s, columnar::Struct(std::move(fields)));
    }
  }
  return columnar::String();
}

DataType ConcreteType(const DataType& type) {
  switch (type.id()) {
    case TypeId::kNull:
      return columnar::String();
    case TypeId::kList: {
      const columnar::Field& item = type.field(0);
      return columnar::List(item.WithType(ConcreteType(item.type())));
    }
    case TypeId::kStruct: {
      std::vector<columnar::Field> fields;
      for (const auto& f : type.fields()) fields.push_back(f.WithType(ConcreteType(f.type())));
      return columnar::Struct(std::move(fields));
    }
    default:
      return type;
  }
}

void RecordColumns(const JsonValue& record, bool flatten, int max_depth, ColumnValues* out) {
  out->clear();
  Flatten(record, "", 0, flatten, max_depth, out);
}

}  // namespace s3c::formats::json_internal
