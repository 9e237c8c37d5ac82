// SchemaElement and its LogicalType union (parquet-format, parquet.thrift; LogicalTypes.md).
#include <fmt/format.h>

#include "formats/parquet/parquet_metadata_decode_helpers.h"

namespace s3c::formats::parquet::decode {
namespace {

using Kind = LogicalType::Kind;

Status DecodeDecimal(ThriftCompactReader& r, LogicalType* out) {
  const size_t start = r.position();
  uint64_t seen = 0;
  S3C_RETURN_IF_ERROR(r.ReadStruct("DecimalType", [&](const ThriftField& f) -> Status {
    Seen(&seen, f.id);
    switch (f.id) {
      case 1:
        return r.ReadI32(f, &out->decimal_scale, "DecimalType.scale");
      case 2:
        return r.ReadI32(f, &out->decimal_precision, "DecimalType.precision");
      default:
        return r.Skip(f.type);
    }
  }));
  return CheckRequired(r, start, seen, "DecimalType", {{1, "scale"}, {2, "precision"}});
}

// TimeUnit union: MILLIS = 1, MICROS = 2, NANOS = 3. *known is false for any other member.
Status DecodeTimeUnit(ThriftCompactReader& r, TimeUnitKind* unit, bool* known) {
  *known = false;
  return r.ReadStruct("TimeUnit", [&](const ThriftField& f) -> Status {
    if (f.id >= 1 && f.id <= 3 && f.type == ThriftType::kStruct) {
      *unit = f.id == 1 ? TimeUnitKind::kMillis
                        : (f.id == 2 ? TimeUnitKind::kMicros : TimeUnitKind::kNanos);
      *known = true;
    }
    return r.Skip(f.type);
  });
}

// TimeType and TimestampType share their fields.
Status DecodeTime(ThriftCompactReader& r, const char* name, LogicalType* out, bool* known) {
  const size_t start = r.position();
  uint64_t seen = 0;
  S3C_RETURN_IF_ERROR(r.ReadStruct(name, [&](const ThriftField& f) -> Status {
    Seen(&seen, f.id);
    switch (f.id) {
      case 1:
        return r.ReadBool(f, &out->is_adjusted_to_utc, "isAdjustedToUTC");
      case 2:
        S3C_RETURN_IF_ERROR(r.ExpectType(f, ThriftType::kStruct, "unit"));
        return DecodeTimeUnit(r, &out->unit, known);
      default:
        return r.Skip(f.type);
    }
  }));
  return CheckRequired(r, start, seen, name, {{1, "isAdjustedToUTC"}, {2, "unit"}});
}

Status DecodeInteger(ThriftCompactReader& r, LogicalType* out) {
  const size_t start = r.position();
  uint64_t seen = 0;
  S3C_RETURN_IF_ERROR(r.ReadStruct("IntType", [&](const ThriftField& f) -> Status {
    Seen(&seen, f.id);
    switch (f.id) {
      case 1:
        return r.ReadI8(f, &out->bit_width, "IntType.bitWidth");
      case 2:
        return r.ReadBool(f, &out->is_signed, "IntType.isSigned");
      default:
        return r.Skip(f.type);
    }
  }));
  return CheckRequired(r, start, seen, "IntType", {{1, "bitWidth"}, {2, "isSigned"}});
}

// GeometryType {1: crs} and GeographyType {1: crs, 2: algorithm}.
Status DecodeGeo(ThriftCompactReader& r, LogicalType* out) {
  return r.ReadStruct("GeospatialType", [&](const ThriftField& f) -> Status {
    switch (f.id) {
      case 1:
        return ReadOptBinary(r, f, &out->crs, "crs");
      case 2:
        if (out->kind != Kind::kGeography) break;
        return ReadOptI32(r, f, &out->edge_algorithm, "GeographyType.algorithm");
      default:
        break;
    }
    return r.Skip(f.type);
  });
}

// One member of the LogicalType union; *known stays false for members s3c does not know.
Status DecodeLogicalTypeMember(ThriftCompactReader& r, const ThriftField& f, LogicalType* out,
                               bool* known) {
  const bool empty_struct_member =
      (f.id >= 1 && f.id <= 4) || f.id == 6 || (f.id >= 11 && f.id <= 16);
  const bool param_member =
      f.id == 5 || f.id == 7 || f.id == 8 || f.id == 10 || f.id == 17 || f.id == 18;
  if (!empty_struct_member && !param_member) return r.Skip(f.type);
  if (!IsType(f, ThriftType::kStruct)) return r.Skip(f.type);  // not a member s3c knows
  *out = LogicalType{};
  out->kind = static_cast<Kind>(f.id);
  *known = true;
  switch (f.id) {
    case 5:
      return DecodeDecimal(r, out);
    case 7:
      return DecodeTime(r, "TimeType", out, known);
    case 8:
      return DecodeTime(r, "TimestampType", out, known);
    case 10:
      return DecodeInteger(r, out);
    case 17:
    case 18:
      return DecodeGeo(r, out);
    default:
      return r.Skip(f.type);  // empty struct; VariantType's version is not kept
  }
}

Status DecodeLogicalType(ThriftCompactReader& r, std::optional<LogicalType>* out) {
  LogicalType value;
  bool known = false;
  S3C_RETURN_IF_ERROR(r.ReadStruct("LogicalType", [&](const ThriftField& f) -> Status {
    return DecodeLogicalTypeMember(r, f, &value, &known);
  }));
  if (known) {
    *out = std::move(value);
  } else {
    out->reset();
  }
  return Status::OK();
}

template <typename E>
Status ReadCheckedEnum(ThriftCompactReader& r, const ThriftField& f, std::optional<E>* out,
                       int32_t max, const char* what) {
  if (!IsType(f, ThriftType::kI32)) return r.Skip(f.type);  // optional field
  const size_t at = r.position();
  int32_t v = 0;
  S3C_RETURN_IF_ERROR(r.ReadI32(f, &v, what));
  if (v < 0 || v > max) return r.Malformed(at, fmt::format("unsupported {} {}", what, v));
  *out = static_cast<E>(v);
  return Status::OK();
}

}  // namespace

Status DecodeSchemaElement(ThriftCompactReader& r, SchemaElement* out) {
  const size_t start = r.position();
  uint64_t seen = 0;
  S3C_RETURN_IF_ERROR(r.ReadStruct("SchemaElement", [&](const ThriftField& f) -> Status {
    Seen(&seen, f.id);
    switch (f.id) {
      case 1:
        return ReadCheckedEnum(r, f, &out->type, 7, "SchemaElement.type");
      case 2:
        return ReadOptI32(r, f, &out->type_length, "SchemaElement.type_length");
      case 3:
        return ReadCheckedEnum(r, f, &out->repetition, 2, "SchemaElement.repetition_type");
      case 4:
        return r.ReadBinary(f, &out->name, "SchemaElement.name");
      case 5:
        return ReadOptI32(r, f, &out->num_children, "SchemaElement.num_children");
      case 6:
        return ReadOptEnum(r, f, &out->converted_type, "SchemaElement.converted_type");
      case 7:
        return ReadOptI32(r, f, &out->scale, "SchemaElement.scale");
      case 8:
        return ReadOptI32(r, f, &out->precision, "SchemaElement.precision");
      case 9:
        return ReadOptI32(r, f, &out->field_id, "SchemaElement.field_id");
      case 10:
        if (!IsType(f, ThriftType::kStruct)) return r.Skip(f.type);
        return DecodeLogicalType(r, &out->logical_type);
      default:
        return r.Skip(f.type);
    }
  }));
  return CheckRequired(r, start, seen, "SchemaElement", {{4, "name"}});
}

}  // namespace s3c::formats::parquet::decode
