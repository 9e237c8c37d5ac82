// FlatRecordParser: column targets, conversion of scalar tokens and appending rows.
#include <cmath>
#include <limits>

#include "formats/json/flat_record.h"
#include "formats/json/json_convert.h"
#include "formats/json/scalar_fast.h"
#include "s3c/columnar/builder_binary.h"
#include "s3c/columnar/builder_primitive.h"
#include "s3c/common/strings.h"

namespace s3c::formats::json_internal {
namespace {

using columnar::TypeId;

template <typename C>
void SetRange(int64_t* min, int64_t* max) {
  *min = static_cast<int64_t>(std::numeric_limits<C>::min());
  *max = static_cast<int64_t>(std::numeric_limits<C>::max());
}

// A JSON integer (as ScanNumber accepted it) as int64, as ParseInt64Text reads it.
std::optional<int64_t> IntegerValue(std::string_view text) {
  bool neg = text[0] == '-';
  size_t digits = text.size() - (neg ? 1 : 0);
  if (digits > 18) return ParseInt64Text(text);
  int64_t v = 0;
  for (size_t i = neg ? 1 : 0; i < text.size(); ++i) v = v * 10 + (text[i] - '0');
  return neg ? -v : v;
}

}  // namespace

FlatRecordParser::FlatRecordParser(const Schema& schema, const InferenceOptions& options,
                                   bool flatten, int max_depth)
    : options_(options), flatten_(flatten), max_depth_(max_depth) {
  columns_.resize(static_cast<size_t>(schema.num_fields()));
  slots_.resize(columns_.size());
  for (int i = 0; i < schema.num_fields(); ++i) {
    const columnar::DataType& type = schema.field(i).type();
    Column& c = columns_[static_cast<size_t>(i)];
    c.type = type;
    c.id = type.id();
    c.target = Target::kInt;
    switch (type.id()) {
      case TypeId::kInt8:
        SetRange<int8_t>(&c.min, &c.max);
        break;
      case TypeId::kInt16:
        SetRange<int16_t>(&c.min, &c.max);
        break;
      case TypeId::kInt32:
        SetRange<int32_t>(&c.min, &c.max);
        break;
      case TypeId::kInt64:
        SetRange<int64_t>(&c.min, &c.max);
        break;
      case TypeId::kUInt8:
        SetRange<uint8_t>(&c.min, &c.max);
        break;
      case TypeId::kUInt16:
        SetRange<uint16_t>(&c.min, &c.max);
        break;
      case TypeId::kUInt32:
        SetRange<uint32_t>(&c.min, &c.max);
        break;
      case TypeId::kUInt64:
        c.target = Target::kUInt64;
        break;
      case TypeId::kFloat32:
        c.target = Target::kFloat32;
        break;
      case TypeId::kFloat64:
        c.target = Target::kFloat64;
        break;
      case TypeId::kBool:
        c.target = Target::kBool;
        break;
      case TypeId::kString:
        c.target = Target::kString;
        break;
      case TypeId::kLargeString:
        c.target = Target::kLargeString;
        break;
      case TypeId::kDate32:
        c.target = Target::kDate32;
        break;
      case TypeId::kTimestamp:
        c.target = Target::kTimestamp;
        c.unit = type.unit();
        break;
      default:
        c.target = Target::kOther;
        break;
    }
    index_.emplace(schema.field(i).name(), i);
  }
}

bool FlatRecordParser::StoreString(std::string_view text, Slot* slot, const Column& column) {
  switch (column.target) {
    case Target::kString:
    case Target::kLargeString:
      slot->s = text;
      break;
    case Target::kDate32: {
      std::optional<int32_t> d = FastIsoDate(text);
      if (!d) d = ParseDate32Text(text, options_.extra_date_formats);
      if (!d) return false;
      slot->i = *d;
      break;
    }
    case Target::kTimestamp: {
      std::optional<int64_t> fast = FastIsoTimestamp(text, column.unit);
      if (fast) {
        slot->i = *fast;
        break;
      }
      std::optional<ParsedTimestamp> t =
          ParseTimestampText(text, column.unit, options_.extra_timestamp_formats);
      if (!t) return false;
      slot->i = t->value;
      break;
    }
    default:
      return false;
  }
  Set(slot);
  return true;
}

bool FlatRecordParser::StoreNumber(std::string_view text, bool integral, Slot* slot,
                                   const Column& column) {
  switch (column.target) {
    case Target::kInt: {
      if (!integral) return false;
      std::optional<int64_t> v = IntegerValue(text);
      if (!v || *v < column.min || *v > column.max) return false;
      slot->i = *v;
      break;
    }
    case Target::kUInt64: {
      if (!integral || text[0] == '-') return false;
      std::optional<uint64_t> u = ParseUint64(text);
      if (!u) return false;
      slot->i = static_cast<int64_t>(*u);
      break;
    }
    case Target::kFloat32:
    case Target::kFloat64: {
      std::optional<double> d = FastJsonDouble(text);
      if (!d) d = ParseFloat64Text(text);
      double max = column.target == Target::kFloat32 ? std::numeric_limits<float>::max()
                                                     : std::numeric_limits<double>::max();
      if (!d || !std::isfinite(*d) || std::fabs(*d) > max) return false;
      slot->d = *d;
      break;
    }
    case Target::kString:
    case Target::kLargeString:
      slot->s = text;
      break;
    default:
      return false;
  }
  Set(slot);
  return true;
}

Status FlatRecordParser::AppendRow(
    const std::vector<std::unique_ptr<columnar::ArrayBuilder>>& builders) {
  for (size_t i = 0; i < columns_.size(); ++i) {
    const Slot& s = slots_[i];
    columnar::ArrayBuilder* b = builders[i].get();
    if (s.row != row_ || s.null) {
      b->AppendNull();
      continue;
    }
    if (s.nested) {
      S3C_RETURN_IF_ERROR(ConvertValue(s.tree, columns_[i].type, options_, b));
      continue;
    }
    switch (columns_[i].target) {
      case Target::kInt:
        switch (columns_[i].id) {
          case TypeId::kInt8:
            static_cast<columnar::Int8Builder*>(b)->Append(static_cast<int8_t>(s.i));
            break;
          case TypeId::kInt16:
            static_cast<columnar::Int16Builder*>(b)->Append(static_cast<int16_t>(s.i));
            break;
          case TypeId::kInt32:
            static_cast<columnar::Int32Builder*>(b)->Append(static_cast<int32_t>(s.i));
            break;
          case TypeId::kUInt8:
            static_cast<columnar::UInt8Builder*>(b)->Append(static_cast<uint8_t>(s.i));
            break;
          case TypeId::kUInt16:
            static_cast<columnar::UInt16Builder*>(b)->Append(static_cast<uint16_t>(s.i));
            break;
          case TypeId::kUInt32:
            static_cast<columnar::UInt32Builder*>(b)->Append(static_cast<uint32_t>(s.i));
            break;
          default:
            static_cast<columnar::Int64Builder*>(b)->Append(s.i);
            break;
        }
        break;
      case Target::kUInt64:
        static_cast<columnar::UInt64Builder*>(b)->Append(static_cast<uint64_t>(s.i));
        break;
      case Target::kFloat32:
        static_cast<columnar::Float32Builder*>(b)->Append(static_cast<float>(s.d));
        break;
      case Target::kFloat64:
        static_cast<columnar::Float64Builder*>(b)->Append(s.d);
        break;
      case Target::kBool:
        static_cast<columnar::BooleanBuilder*>(b)->Append(s.i != 0);
        break;
      case Target::kString:
        static_cast<columnar::StringBuilder*>(b)->Append(s.s);
        break;
      case Target::kLargeString:
        static_cast<columnar::LargeStringBuilder*>(b)->Append(s.s);
        break;
      case Target::kDate32:
        static_cast<columnar::Date32Builder*>(b)->Append(static_cast<int32_t>(s.i));
        break;
      case Target::kTimestamp:
        static_cast<columnar::TimestampBuilder*>(b)->Append(s.i);
        break;
      case Target::kOther:
        return InternalError("a scalar stored for a nested column");  // not reached
    }
  }
  return Status::OK();
}

}  // namespace s3c::formats::json_internal
