// Cell classification and the widening rules of the inference lattice (inference.h).
#include <algorithm>
#include <string>

#include "s3c/formats/inference.h"

namespace s3c::formats {
namespace {

using columnar::DataType;
using columnar::Field;
using columnar::TypeId;

bool IsStringLike(TypeId id) { return id == TypeId::kString || id == TypeId::kLargeString; }

// Rank on the numeric chain int < decimal < float; -1 for non-numbers.
int NumericRank(TypeId id) {
  if (columnar::IsInteger(id)) return 0;
  if (id == TypeId::kDecimal128) return 1;
  if (columnar::IsFloating(id)) return 2;
  return -1;
}

// Digits an integer type needs before the point (int64: 19).
int32_t IntegerDigits(TypeId id) {
  switch (id) {
    case TypeId::kInt8:
    case TypeId::kUInt8:
      return 3;
    case TypeId::kInt16:
    case TypeId::kUInt16:
      return 5;
    case TypeId::kInt32:
    case TypeId::kUInt32:
      return 10;
    case TypeId::kUInt64:
      return 20;
    default:
      return 19;
  }
}

DataType WidenNumeric(const DataType& a, const DataType& b) {
  int ra = NumericRank(a.id()), rb = NumericRank(b.id());
  if (ra == 2 || rb == 2) return columnar::Float64();
  if (ra == 0 && rb == 0) {
    if (a.id() == TypeId::kUInt64 || b.id() == TypeId::kUInt64) {
      return columnar::IsSignedInteger(a.id()) || columnar::IsSignedInteger(b.id())
                 ? columnar::Float64()
                 : columnar::UInt64();
    }
    return columnar::Int64();
  }
  int32_t int_a = ra == 1 ? a.precision() - a.scale() : IntegerDigits(a.id());
  int32_t int_b = rb == 1 ? b.precision() - b.scale() : IntegerDigits(b.id());
  int32_t scale = std::max(ra == 1 ? a.scale() : 0, rb == 1 ? b.scale() : 0);
  int32_t precision = std::max(int_a, int_b) + scale;
  if (precision > columnar::kMaxDecimal128Precision) return columnar::Float64();
  return columnar::Decimal128(precision, scale);
}

DataType WidenTemporal(const DataType& a, const DataType& b) {
  if (a.id() == TypeId::kDate32) return b;
  if (b.id() == TypeId::kDate32) return a;
  // Both timestamps: the finer unit; a zone on either side means UTC.
  auto unit = std::max(a.unit(), b.unit());
  if (a.timezone().empty() && b.timezone().empty()) return columnar::Timestamp(unit);
  if (a.timezone() == b.timezone()) return columnar::Timestamp(unit, a.timezone());
  return columnar::Timestamp(unit, "UTC");
}

DataType WidenStruct(const DataType& a, const DataType& b) {
  std::vector<Field> fields = a.fields();
  for (const Field& fb : b.fields()) {
    auto it = std::find_if(fields.begin(), fields.end(),
                           [&](const Field& f) { return f.name() == fb.name(); });
    if (it == fields.end()) {
      fields.push_back(fb.WithNullable(true));
    } else {
      *it = Field(it->name(), WidenTypes(it->type(), fb.type()), it->nullable() || fb.nullable());
    }
  }
  // A member absent from one side is null there.
  for (Field& f : fields) {
    bool in_a = std::any_of(a.fields().begin(), a.fields().end(),
                            [&](const Field& x) { return x.name() == f.name(); });
    bool in_b = std::any_of(b.fields().begin(), b.fields().end(),
                            [&](const Field& x) { return x.name() == f.name(); });
    if (!(in_a && in_b)) f = f.WithNullable(true);
  }
  return columnar::Struct(std::move(fields));
}

bool IsDateOrTimestamp(TypeId id) { return id == TypeId::kDate32 || id == TypeId::kTimestamp; }

}  // namespace

DataType ClassifyText(std::string_view s, const InferenceOptions& opts) {
  if (IsNullText(s, opts)) return columnar::Null();
  if (opts.infer_bools && ParseBoolText(s, opts)) return columnar::Bool();
  if (ParseInt64Text(s)) return columnar::Int64();
  if (opts.infer_decimals && s.find_first_of("eE") == std::string_view::npos) {
    if (auto d = ParseDecimalText(s)) return columnar::Decimal128(d->precision, d->scale);
  }
  if (ParseFloat64Text(s)) return columnar::Float64();
  if (opts.infer_dates && ParseDate32Text(s, opts.extra_date_formats)) return columnar::Date32();
  if (opts.infer_timestamps) {
    if (auto ts = ParseTimestampText(s, opts.timestamp_unit, opts.extra_timestamp_formats)) {
      return columnar::Timestamp(opts.timestamp_unit, ts->has_zone ? "UTC" : "");
    }
  }
  return columnar::String();
}

DataType WidenTypes(const DataType& a, const DataType& b) {
  if (a.id() == TypeId::kNull) return b;
  if (b.id() == TypeId::kNull) return a;
  if (a.Equals(b)) return a;
  if (IsStringLike(a.id()) && IsStringLike(b.id())) return columnar::LargeString();
  if (IsStringLike(a.id()) || IsStringLike(b.id())) return columnar::String();
  if (NumericRank(a.id()) >= 0 && NumericRank(b.id()) >= 0) return WidenNumeric(a, b);
  if (IsDateOrTimestamp(a.id()) && IsDateOrTimestamp(b.id())) return WidenTemporal(a, b);
  if (a.id() == TypeId::kList && b.id() == TypeId::kList) {
    return columnar::List(WidenTypes(a.value_type(), b.value_type()));
  }
  if (a.id() == TypeId::kStruct && b.id() == TypeId::kStruct) return WidenStruct(a, b);
  return columnar::String();
}

void ColumnInferrer::Observe(std::string_view cell) {
  if (IsNullText(cell, *opts_)) return;
  ++non_null_;
  if (type_.id() == TypeId::kString) return;
  type_ = WidenTypes(type_, ClassifyText(cell, *opts_));
}

void ColumnInferrer::ObserveType(const DataType& type) {
  if (type.id() != TypeId::kNull) ++non_null_;
  type_ = WidenTypes(type_, type);
}

DataType ColumnInferrer::ResultOr(const DataType& if_null) const {
  return type_.id() == TypeId::kNull ? if_null : type_;
}

}  // namespace s3c::formats
