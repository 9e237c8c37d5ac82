// Leaf type mapping (parquet-format LogicalTypes.md; ConvertedType when there is no
// LogicalType, as the "Compatibility" section prescribes).
#include <fmt/format.h>

#include <optional>

#include "formats/parquet/schema_mapping_internal.h"
#include "s3c/columnar/decimal.h"

namespace s3c::formats::parquet {
namespace {

namespace col = ::s3c::columnar;

col::TimeUnit ToUnit(TimeUnitKind unit) {
  switch (unit) {
    case TimeUnitKind::kMillis:
      return col::TimeUnit::kMilli;
    case TimeUnitKind::kMicros:
      return col::TimeUnit::kMicro;
    case TimeUnitKind::kNanos:
      return col::TimeUnit::kNano;
  }
  return col::TimeUnit::kMicro;
}

col::DataType PhysicalDefault(PhysicalType type) {
  switch (type) {
    case PhysicalType::kBoolean:
      return col::Bool();
    case PhysicalType::kInt32:
      return col::Int32();
    case PhysicalType::kInt64:
      return col::Int64();
    case PhysicalType::kInt96:
      // Microseconds, as DuckDB reads INT96: nanoseconds would overflow for dates past 2262
      // (Spark writes 9999-12-31 as a "far future" marker).
      return col::Timestamp(col::TimeUnit::kMicro);
    case PhysicalType::kFloat:
      return col::Float32();
    case PhysicalType::kDouble:
      return col::Float64();
    case PhysicalType::kByteArray:
    case PhysicalType::kFixedLenByteArray:
      return col::Binary();
  }
  return col::Binary();
}

bool DecimalFits(PhysicalType type) {
  return type == PhysicalType::kInt32 || type == PhysicalType::kInt64 ||
         type == PhysicalType::kByteArray || type == PhysicalType::kFixedLenByteArray;
}

Result<col::DataType> Decimal(PhysicalType type, int32_t precision, int32_t scale,
                              std::string_view column) {
  if (!DecimalFits(type)) return PhysicalDefault(type);
  if (precision < 1 || precision > col::kMaxDecimal128Precision) {
    return InvalidArgumentError(fmt::format(
        "column {}: decimal precision {} is outside 1..38 (decimal128)", column, precision));
  }
  if (scale < 0 || scale > precision) {
    return InvalidArgumentError(
        fmt::format("column {}: decimal scale {} is outside 0..{}", column, scale, precision));
  }
  return col::Decimal128(precision, scale);
}

// nullopt: the annotation does not apply to this physical type.
std::optional<col::DataType> IntegerType(PhysicalType type, int bit_width, bool is_signed) {
  if (type == PhysicalType::kInt32) {
    switch (bit_width) {
      case 8:
        return is_signed ? col::Int8() : col::UInt8();
      case 16:
        return is_signed ? col::Int16() : col::UInt16();
      case 32:
        return is_signed ? col::Int32() : col::UInt32();
      default:
        return std::nullopt;
    }
  }
  if (type == PhysicalType::kInt64 && bit_width == 64) {
    return is_signed ? col::Int64() : col::UInt64();
  }
  return std::nullopt;
}

std::optional<col::DataType> TimeType(PhysicalType type, TimeUnitKind unit) {
  if (type == PhysicalType::kInt32 && unit == TimeUnitKind::kMillis) {
    return col::Time32(col::TimeUnit::kMilli);
  }
  if (type == PhysicalType::kInt64 && unit != TimeUnitKind::kMillis) {
    return col::Time64(ToUnit(unit));
  }
  return std::nullopt;
}

bool IsBytes(PhysicalType type) {
  return type == PhysicalType::kByteArray || type == PhysicalType::kFixedLenByteArray;
}

Result<col::DataType> FromLogical(const SchemaElement& e, const LogicalType& lt,
                                  std::string_view column) {
  const PhysicalType type = *e.type;
  std::optional<col::DataType> mapped;
  switch (lt.kind) {
    case LogicalType::Kind::kString:
    case LogicalType::Kind::kEnum:
    case LogicalType::Kind::kJson:
      if (IsBytes(type)) mapped = col::String();
      break;
    case LogicalType::Kind::kDecimal:
      return Decimal(type, lt.decimal_precision, lt.decimal_scale, column);
    case LogicalType::Kind::kDate:
      if (type == PhysicalType::kInt32) mapped = col::Date32();
      break;
    case LogicalType::Kind::kTime:
      mapped = TimeType(type, lt.unit);
      break;
    case LogicalType::Kind::kTimestamp:
      if (type == PhysicalType::kInt64) {
        mapped = col::Timestamp(ToUnit(lt.unit), lt.is_adjusted_to_utc ? "UTC" : "");
      }
      break;
    case LogicalType::Kind::kInteger:
      mapped = IntegerType(type, lt.bit_width, lt.is_signed);
      break;
    case LogicalType::Kind::kUnknown:
      mapped = col::Null();
      break;
    case LogicalType::Kind::kUuid:
      if (type == PhysicalType::kFixedLenByteArray && e.type_length.value_or(0) == 16) {
        mapped = col::String();
      }
      break;
    case LogicalType::Kind::kFloat16:
      if (type == PhysicalType::kFixedLenByteArray && e.type_length.value_or(0) == 2) {
        mapped = col::Float32();
      }
      break;
    case LogicalType::Kind::kBson:  // stays binary, as DuckDB reads it
    case LogicalType::Kind::kMap:
    case LogicalType::Kind::kList:
    case LogicalType::Kind::kVariant:
    case LogicalType::Kind::kGeometry:
    case LogicalType::Kind::kGeography:
      break;
  }
  return mapped ? *mapped : PhysicalDefault(type);
}

Result<col::DataType> FromConverted(const SchemaElement& e, ConvertedType ct,
                                    std::string_view column) {
  const PhysicalType type = *e.type;
  std::optional<col::DataType> mapped;
  switch (ct) {
    case ConvertedType::kUtf8:
    case ConvertedType::kEnum:
    case ConvertedType::kJson:
      if (IsBytes(type)) mapped = col::String();
      break;
    case ConvertedType::kDecimal:
      return Decimal(type, e.precision.value_or(0), e.scale.value_or(0), column);
    case ConvertedType::kDate:
      if (type == PhysicalType::kInt32) mapped = col::Date32();
      break;
    case ConvertedType::kTimeMillis:
      mapped = TimeType(type, TimeUnitKind::kMillis);
      break;
    case ConvertedType::kTimeMicros:
      mapped = TimeType(type, TimeUnitKind::kMicros);
      break;
    case ConvertedType::kTimestampMillis:
    case ConvertedType::kTimestampMicros:
      if (type == PhysicalType::kInt64) {
        mapped = col::Timestamp(
            ct == ConvertedType::kTimestampMillis ? col::TimeUnit::kMilli : col::TimeUnit::kMicro,
            "UTC");
      }
      break;
    case ConvertedType::kUint8:
      mapped = IntegerType(type, 8, false);
      break;
    case ConvertedType::kUint16:
      mapped = IntegerType(type, 16, false);
      break;
    case ConvertedType::kUint32:
      mapped = IntegerType(type, 32, false);
      break;
    case ConvertedType::kUint64:
      mapped = IntegerType(type, 64, false);
      break;
    case ConvertedType::kInt8:
      mapped = IntegerType(type, 8, true);
      break;
    case ConvertedType::kInt16:
      mapped = IntegerType(type, 16, true);
      break;
    case ConvertedType::kInt32:
      mapped = IntegerType(type, 32, true);
      break;
    case ConvertedType::kInt64:
      mapped = IntegerType(type, 64, true);
      break;
    case ConvertedType::kBson:
    case ConvertedType::kInterval:
    case ConvertedType::kMap:
    case ConvertedType::kMapKeyValue:
    case ConvertedType::kList:
      break;
  }
  return mapped ? *mapped : PhysicalDefault(type);
}

}  // namespace

Result<col::DataType> MapLeafType(const SchemaElement& element, std::string_view column) {
  if (!element.type) {
    return InvalidArgumentError(fmt::format("column {}: leaf without a physical type", column));
  }
  if (element.logical_type) return FromLogical(element, *element.logical_type, column);
  if (element.converted_type) return FromConverted(element, *element.converted_type, column);
  return PhysicalDefault(*element.type);
}

}  // namespace s3c::formats::parquet
