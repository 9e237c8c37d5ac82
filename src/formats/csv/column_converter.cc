// Cell -> value conversion for the CSV reader (column_converter.h).
#include "formats/csv/column_converter.h"

#include <fmt/format.h>

#include <limits>

#include "s3c/columnar/builder_binary.h"
#include "s3c/columnar/builder_primitive.h"

namespace s3c::formats::csv {

using columnar::TypeId;

ColumnConverter::ColumnConverter(columnar::DataType type, const CsvReadOptions* options)
    : type_(std::move(type)), options_(options), builder_(columnar::MakeBuilder(type_)) {
  text_opts_ = options->inference;
  text_opts_.null_strings = options->null_strings;
  text_opts_.true_strings = options->true_strings;
  text_opts_.false_strings = options->false_strings;
}

Result<std::unique_ptr<ColumnConverter>> ColumnConverter::Make(const columnar::Field& field,
                                                               const CsvReadOptions& options) {
  switch (field.type().id()) {
    case TypeId::kNull:
    case TypeId::kBool:
    case TypeId::kInt8:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
    case TypeId::kFloat32:
    case TypeId::kFloat64:
    case TypeId::kDecimal128:
    case TypeId::kString:
    case TypeId::kLargeString:
    case TypeId::kBinary:
    case TypeId::kDate32:
    case TypeId::kTimestamp:
      return std::unique_ptr<ColumnConverter>(new ColumnConverter(field.type(), &options));
    default:
      return InvalidArgumentError(
          fmt::format("CSV column {} cannot have type {}", field.name(), field.type().ToString()));
  }
}

bool ColumnConverter::Parse(std::string_view cell, bool quoted, CellValue* out) const {
  const TypeId id = type_.id();
  const bool text = id == TypeId::kString || id == TypeId::kLargeString || id == TypeId::kBinary;
  out->is_null = false;
  if (!(quoted && text && options_->quoted_empty_is_string) && IsNullText(cell, text_opts_)) {
    out->is_null = true;
    return true;
  }
  switch (id) {
    case TypeId::kNull:
      return false;
    case TypeId::kBool: {
      auto b = ParseBoolText(cell, text_opts_);
      if (!b) return false;
      out->i = *b ? 1 : 0;
      return true;
    }
    case TypeId::kInt8:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64: {
      auto v = ParseInt64Text(cell);
      if (!v) return false;
      int bits = type_.bit_width();
      if (bits < 64) {
        int64_t lim = int64_t{1} << (bits - 1);
        if (*v < -lim || *v >= lim) return false;
      }
      out->i = *v;
      return true;
    }
    case TypeId::kFloat32:
    case TypeId::kFloat64: {
      auto v = ParseFloat64Text(cell);
      if (!v) return false;
      out->d = *v;
      return true;
    }
    case TypeId::kDecimal128: {
      auto v = columnar::ParseDecimal128(cell, type_.precision(), type_.scale());
      if (!v.ok()) return false;
      out->dec = *v;
      return true;
    }
    case TypeId::kDate32: {
      auto v = ParseDate32Text(cell, text_opts_.extra_date_formats);
      if (!v) return false;
      out->i = *v;
      return true;
    }
    case TypeId::kTimestamp: {
      auto v = ParseTimestampText(cell, type_.unit(), text_opts_.extra_timestamp_formats);
      if (!v) return false;
      out->i = v->value;
      return true;
    }
    default:
      out->s = cell;
      return true;
  }
}

void ColumnConverter::Append(const CellValue& v) {
  if (v.is_null) {
    builder_->AppendNull();
    return;
  }
  columnar::ArrayBuilder* b = builder_.get();
  switch (type_.id()) {
    case TypeId::kBool:
      static_cast<columnar::BooleanBuilder*>(b)->Append(v.i != 0);
      break;
    case TypeId::kInt8:
      static_cast<columnar::Int8Builder*>(b)->Append(static_cast<int8_t>(v.i));
      break;
    case TypeId::kInt16:
      static_cast<columnar::Int16Builder*>(b)->Append(static_cast<int16_t>(v.i));
      break;
    case TypeId::kInt32:
      static_cast<columnar::Int32Builder*>(b)->Append(static_cast<int32_t>(v.i));
      break;
    case TypeId::kInt64:
      static_cast<columnar::Int64Builder*>(b)->Append(v.i);
      break;
    case TypeId::kFloat32:
      static_cast<columnar::Float32Builder*>(b)->Append(static_cast<float>(v.d));
      break;
    case TypeId::kFloat64:
      static_cast<columnar::Float64Builder*>(b)->Append(v.d);
      break;
    case TypeId::kDecimal128:
      static_cast<columnar::Decimal128Builder*>(b)->Append(v.dec);
      break;
    case TypeId::kDate32:
      static_cast<columnar::Date32Builder*>(b)->Append(static_cast<int32_t>(v.i));
      break;
    case TypeId::kTimestamp:
      static_cast<columnar::TimestampBuilder*>(b)->Append(v.i);
      break;
    case TypeId::kString:
      static_cast<columnar::StringBuilder*>(b)->Append(v.s);
      break;
    case TypeId::kLargeString:
      static_cast<columnar::LargeStringBuilder*>(b)->Append(v.s);
      break;
    case TypeId::kBinary:
      static_cast<columnar::BinaryBuilder*>(b)->Append(v.s);
      break;
    default:
      b->AppendNull();
      break;
  }
}

Result<std::shared_ptr<columnar::Array>> ColumnConverter::Finish() {
  S3C_ASSIGN_OR_RETURN(auto array, builder_->Finish());
  builder_ = columnar::MakeBuilder(type_);
  return array;
}

}  // namespace s3c::formats::csv
