#include "formats/parquet/schema_to_parquet.h"

#include <fmt/format.h>

#include <utility>

#include "s3c/columnar/decimal.h"

namespace s3c::formats::parquet {

namespace {

std::string Joined(const std::vector<std::string>& path) {
  std::string out;
  for (const std::string& p : path) {
    if (!out.empty()) out += '.';
    out += p;
  }
  return out;
}

using columnar::DataType;
using columnar::Field;
using columnar::TimeUnit;
using columnar::TypeId;

LogicalType Logical(LogicalType::Kind kind) {
  LogicalType t;
  t.kind = kind;
  return t;
}

LogicalType IntegerType(int8_t bits, bool is_signed) {
  LogicalType t = Logical(LogicalType::Kind::kInteger);
  t.bit_width = bits;
  t.is_signed = is_signed;
  return t;
}

ConvertedType IntegerConverted(int bits, bool is_signed) {
  switch (bits) {
    case 8:
      return is_signed ? ConvertedType::kInt8 : ConvertedType::kUint8;
    case 16:
      return is_signed ? ConvertedType::kInt16 : ConvertedType::kUint16;
    case 32:
      return is_signed ? ConvertedType::kInt32 : ConvertedType::kUint32;
    default:
      return is_signed ? ConvertedType::kInt64 : ConvertedType::kUint64;
  }
}

TimeUnitKind ParquetUnit(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::kSecond:  // stored as milliseconds: Parquet has no seconds unit
    case TimeUnit::kMilli:
      return TimeUnitKind::kMillis;
    case TimeUnit::kMicro:
      return TimeUnitKind::kMicros;
    case TimeUnit::kNano:
      return TimeUnitKind::kNanos;
  }
  return TimeUnitKind::kMicros;
}

// Fills the type fields of a primitive leaf element. LogicalTypes.md gives the legacy
// counterparts: TIME_*/TIMESTAMP_* converted types mean isAdjustedToUTC = true, so they are
// written only for UTC-adjusted values.
Status FillPrimitive(const Field& field, SchemaElement* e) {
  const DataType& t = field.type();
  switch (t.id()) {
    case TypeId::kNull:
      e->type = PhysicalType::kInt32;
      e->logical_type = Logical(LogicalType::Kind::kUnknown);
      return Status::OK();
    case TypeId::kBool:
      e->type = PhysicalType::kBoolean;
      return Status::OK();
    case TypeId::kInt8:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
    case TypeId::kUInt8:
    case TypeId::kUInt16:
    case TypeId::kUInt32:
    case TypeId::kUInt64: {
      int bits = t.bit_width();
      bool is_signed = columnar::IsSignedInteger(t.id());
      e->type = bits == 64 ? PhysicalType::kInt64 : PhysicalType::kInt32;
      e->logical_type = IntegerType(static_cast<int8_t>(bits), is_signed);
      e->converted_type = IntegerConverted(bits, is_signed);
      return Status::OK();
    }
    case TypeId::kFloat32:
      e->type = PhysicalType::kFloat;
      return Status::OK();
    case TypeId::kFloat64:
      e->type = PhysicalType::kDouble;
      return Status::OK();
    case TypeId::kDecimal128: {
      if (t.scale() < 0) {
        return InvalidArgumentError(fmt::format(
            "column '{}': Parquet decimals need a scale >= 0, got {}", field.name(), t.ToString()));
      }
      int32_t p = t.precision();
      if (p <= 9) {
        e->type = PhysicalType::kInt32;
      } else if (p <= 18) {
        e->type = PhysicalType::kInt64;
      } else {
        e->type = PhysicalType::kFixedLenByteArray;
        e->type_length = DecimalByteWidth(p);
      }
      LogicalType l = Logical(LogicalType::Kind::kDecimal);
      l.decimal_precision = p;
      l.decimal_scale = t.scale();
      e->logical_type = l;
      e->converted_type = ConvertedType::kDecimal;
      e->precision = p;
      e->scale = t.scale();
      return Status::OK();
    }
    case TypeId::kString:
    case TypeId::kLargeString:
      e->type = PhysicalType::kByteArray;
      e->logical_type = Logical(LogicalType::Kind::kString);
      e->converted_type = ConvertedType::kUtf8;
      return Status::OK();
    case TypeId::kBinary:
      e->type = PhysicalType::kByteArray;
      return Status::OK();
    case TypeId::kDate32:
      e->type = PhysicalType::kInt32;
      e->logical_type = Logical(LogicalType::Kind::kDate);
      e->converted_type = ConvertedType::kDate;
      return Status::OK();
    case TypeId::kTime32:
    case TypeId::kTime64: {
      TimeUnitKind unit = ParquetUnit(t.unit());
      e->type = unit == TimeUnitKind::kMillis ? PhysicalType::kInt32 : PhysicalType::kInt64;
      LogicalType l = Logical(LogicalType::Kind::kTime);
      l.unit = unit;
      l.is_adjusted_to_utc = false;  // a time of day without a zone
      e->logical_type = l;
      return Status::OK();
    }
    case TypeId::kTimestamp: {
      TimeUnitKind unit = ParquetUnit(t.unit());
      bool utc = !t.timezone().empty();
      e->type = PhysicalType::kInt64;
      LogicalType l = Logical(LogicalType::Kind::kTimestamp);
      l.unit = unit;
      l.is_adjusted_to_utc = utc;
      e->logical_type = l;
      if (utc && unit == TimeUnitKind::kMillis) e->converted_type = ConvertedType::kTimestampMillis;
      if (utc && unit == TimeUnitKind::kMicros) e->converted_type = ConvertedType::kTimestampMicros;
      return Status::OK();
    }
    default:
      return InvalidArgumentError(
          fmt::format("column '{}': type {} is not a primitive", field.name(), t.ToString()));
  }
}

class Builder {
 public:
  Builder(ParquetSchemaPlan* plan, int top) : plan_(plan), top_(top) {}

  // Adds `field` (and its subtree) under the current path. def/rep are the levels of the
  // parent; `force_required` is set for map keys.
  Status Add(const Field& field, std::vector<std::string>& path, int16_t def, int16_t rep,
             bool force_required = false) {
    const DataType& t = field.type();
    bool optional = (field.nullable() || t.id() == TypeId::kNull) && !force_required;
    int16_t d = static_cast<int16_t>(def + (optional ? 1 : 0));
    SchemaElement e;
    e.name = field.name();
    e.repetition = optional ? Repetition::kOptional : Repetition::kRequired;
    path.push_back(field.name());
    switch (t.id()) {
      case TypeId::kStruct: {
        if (t.num_fields() == 0) {
          return InvalidArgumentError(fmt::format(
              "column '{}': Parquet cannot store a struct without fields", Joined(path)));
        }
        e.num_children = t.num_fields();
        plan_->elements.push_back(std::move(e));
        for (const Field& child : t.fields()) {
          S3C_RETURN_IF_ERROR(Add(child, path, d, rep));
        }
        break;
      }
      case TypeId::kList: {
        // 3-level list (LogicalTypes.md "Lists"): <name> LIST { repeated group list { element } }
        e.num_children = 1;
        e.logical_type = Logical(LogicalType::Kind::kList);
        e.converted_type = ConvertedType::kList;
        plan_->elements.push_back(std::move(e));
        plan_->elements.push_back(RepeatedGroup("list", 1));
        path.push_back("list");
        S3C_RETURN_IF_ERROR(Add(t.field(0).WithName("element"), path, static_cast<int16_t>(d + 1),
                                static_cast<int16_t>(rep + 1)));
        path.pop_back();
        break;
      }
      case TypeId::kMap: {
        // LogicalTypes.md "Maps": <name> MAP { repeated group key_value { required key; value } }
        e.num_children = 1;
        e.logical_type = Logical(LogicalType::Kind::kMap);
        e.converted_type = ConvertedType::kMap;
        plan_->elements.push_back(std::move(e));
        plan_->elements.push_back(RepeatedGroup("key_value", 2));
        path.push_back("key_value");
        const DataType& entries = t.value_type();
        auto d1 = static_cast<int16_t>(d + 1);
        auto r1 = static_cast<int16_t>(rep + 1);
        S3C_RETURN_IF_ERROR(Add(entries.field(0).WithName("key"), path, d1, r1, true));
        S3C_RETURN_IF_ERROR(Add(entries.field(1).WithName("value"), path, d1, r1));
        path.pop_back();
        break;
      }
      default: {
        S3C_RETURN_IF_ERROR(FillPrimitive(field.WithName(Joined(path)), &e));
        ParquetLeaf leaf;
        leaf.path = path;
        leaf.top_level_field = top_;
        leaf.physical_type = *e.type;
        leaf.type_length = e.type_length.value_or(0);
        leaf.type = t;
        leaf.max_def_level = d;
        leaf.max_rep_level = rep;
        plan_->elements.push_back(std::move(e));
        plan_->leaves.push_back(std::move(leaf));
        break;
      }
    }
    path.pop_back();
    return Status::OK();
  }

 private:
  static SchemaElement RepeatedGroup(std::string name, int32_t children) {
    SchemaElement e;
    e.name = std::move(name);
    e.repetition = Repetition::kRepeated;
    e.num_children = children;
    return e;
  }

  ParquetSchemaPlan* plan_;
  int top_;
};

}  // namespace

std::string ParquetLeaf::dotted_path() const { return Joined(path); }

int32_t DecimalByteWidth(int32_t precision) {
  // Smallest n with 10^precision - 1 <= 2^(8n - 1) - 1.
  using U128 = unsigned __int128;
  U128 max_value = static_cast<U128>(columnar::PowerOfTen(precision)) - 1;
  for (int32_t n = 1; n < 16; ++n) {
    U128 limit = (static_cast<U128>(1) << (8 * n - 1)) - 1;
    if (max_value <= limit) return n;
  }
  return 16;
}

Result<ParquetSchemaPlan> SchemaToParquet(const columnar::Schema& schema) {
  ParquetSchemaPlan plan;
  SchemaElement root;
  root.name = "schema";
  root.num_children = schema.num_fields();
  plan.elements.push_back(std::move(root));
  for (int i = 0; i < schema.num_fields(); ++i) {
    Builder builder(&plan, i);
    std::vector<std::string> path;
    S3C_RETURN_IF_ERROR(builder.Add(schema.field(i), path, 0, 0));
  }
  return plan;
}

}  // namespace s3c::formats::parquet
