// Value -> text for the CSV writer (value_format.h).
#include "formats/csv/value_format.h"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <cmath>
#include <type_traits>

#include "s3c/columnar/array_binary.h"
#include "s3c/columnar/array_nested.h"
#include "s3c/columnar/array_primitive.h"
#include "s3c/columnar/decimal.h"
#include "s3c/common/civil_date.h"
#include "s3c/common/json_escape.h"

namespace s3c::formats::csv {
namespace {

using columnar::TypeId;

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

// As fmt's "{}" writes them, without its format-string parse and its output iterator per value
// (written CSV spends much of its time here).
template <typename T>
void AppendNumber(T v, std::string* out) {
  if constexpr (std::is_integral_v<T>) {
    const fmt::format_int text(v);
    out->append(text.data(), text.size());
  } else {
    char buf[64];
    const char* end = fmt::format_to(buf, FMT_COMPILE("{}"), v);
    out->append(buf, static_cast<size_t>(end - buf));
  }
}

void AppendTwoDigits(unsigned v, std::string* out) {
  out->push_back(static_cast<char>('0' + v / 10));
  out->push_back(static_cast<char>('0' + v % 10));
}

}  // namespace

void AppendDate32(int32_t days, std::string* out) {
  int64_t y;
  unsigned m, d;
  CivilFromDays(days, &y, &m, &d);
  if (y < 0 || y > 9999) {
    fmt::format_to(std::back_inserter(*out), "{:04}-{:02}-{:02}", y, m, d);
    return;
  }
  const auto year = static_cast<unsigned>(y);
  AppendTwoDigits(year / 100, out);
  AppendTwoDigits(year % 100, out);
  out->push_back('-');
  AppendTwoDigits(m, out);
  out->push_back('-');
  AppendTwoDigits(d, out);
}

void AppendTimestamp(int64_t value, columnar::TimeUnit unit, bool zoned, std::string* out) {
  const int64_t per = columnar::UnitsPerSecond(unit);
  int64_t secs = FloorDiv(value, per);
  int64_t frac = value - secs * per;
  int64_t days = FloorDiv(secs, 86400);
  int64_t sod = secs - days * 86400;
  AppendDate32(static_cast<int32_t>(days), out);
  fmt::format_to(std::back_inserter(*out), "T{:02}:{:02}:{:02}", sod / 3600, sod / 60 % 60,
                 sod % 60);
  if (frac != 0) {
    int digits = unit == columnar::TimeUnit::kMilli   ? 3
                 : unit == columnar::TimeUnit::kMicro ? 6
                                                      : 9;
    fmt::format_to(std::back_inserter(*out), ".{:0{}}", frac, digits);
  }
  if (zoned) out->push_back('Z');
}

void AppendCellText(const columnar::Array& a, int64_t i, std::string* out) {
  switch (a.type_id()) {
    case TypeId::kBool:
      out->append(static_cast<const columnar::BooleanArray&>(a).Value(i) ? "true" : "false");
      return;
#define S3C_NUM_CASE(ID, ARR)                                         \
  case TypeId::ID:                                                    \
    AppendNumber(static_cast<const columnar::ARR&>(a).Value(i), out); \
    return;
      S3C_NUM_CASE(kInt8, Int8Array)
      S3C_NUM_CASE(kInt16, Int16Array)
      S3C_NUM_CASE(kInt32, Int32Array)
      S3C_NUM_CASE(kInt64, Int64Array)
      S3C_NUM_CASE(kUInt8, UInt8Array)
      S3C_NUM_CASE(kUInt16, UInt16Array)
      S3C_NUM_CASE(kUInt32, UInt32Array)
      S3C_NUM_CASE(kUInt64, UInt64Array)
      S3C_NUM_CASE(kFloat32, Float32Array)
      S3C_NUM_CASE(kFloat64, Float64Array)
#undef S3C_NUM_CASE
    case TypeId::kDecimal128:
      out->append(static_cast<const columnar::Decimal128Array&>(a).FormatValue(i));
      return;
    case TypeId::kDate32:
      AppendDate32(static_cast<const columnar::Date32Array&>(a).Value(i), out);
      return;
    case TypeId::kTimestamp:
      AppendTimestamp(static_cast<const columnar::TimestampArray&>(a).Value(i), a.type().unit(),
                      !a.type().timezone().empty(), out);
      return;
    case TypeId::kString:
    case TypeId::kBinary:
      out->append(static_cast<const columnar::BaseBinaryArray<int32_t>&>(a).GetView(i));
      return;
    case TypeId::kLargeString:
      out->append(static_cast<const columnar::LargeStringArray&>(a).GetView(i));
      return;
    case TypeId::kList:
    case TypeId::kStruct:
    case TypeId::kMap:
      AppendJsonValue(a, i, out);
      return;
    default:
      // time32/time64: the array's own printer.
      out->append(a.Slice(i, 1)->ToString());
      return;
  }
}

void AppendJsonValue(const columnar::Array& a, int64_t i, std::string* out) {
  if (a.IsNull(i)) {
    out->append("null");
    return;
  }
  switch (a.type_id()) {
    case TypeId::kFloat32:
    case TypeId::kFloat64: {
      double v = a.type_id() == TypeId::kFloat32
                     ? static_cast<const columnar::Float32Array&>(a).Value(i)
                     : static_cast<const columnar::Float64Array&>(a).Value(i);
      if (!std::isfinite(v)) {
        AppendJsonNonFinite(v, NonFiniteFloats::kTokens, out);  // as the JSON writer's default
        return;
      }
      AppendCellText(a, i, out);
      return;
    }
    case TypeId::kList: {
      const auto& l = static_cast<const columnar::ListArray&>(a);
      out->push_back('[');
      for (int32_t k = 0; k < l.value_length(i); ++k) {
        if (k > 0) out->push_back(',');
        AppendJsonValue(*l.values(), l.value_offset(i) + k, out);
      }
      out->push_back(']');
      return;
    }
    case TypeId::kMap: {
      const auto& m = static_cast<const columnar::MapArray&>(a);
      out->push_back('{');
      for (int32_t k = 0; k < m.value_length(i); ++k) {
        if (k > 0) out->push_back(',');
        std::string key;
        AppendCellText(*m.keys(), m.value_offset(i) + k, &key);
        AppendJsonString(key, out);
        out->push_back(':');
        AppendJsonValue(*m.items(), m.value_offset(i) + k, out);
      }
      out->push_back('}');
      return;
    }
    case TypeId::kStruct: {
      const auto& s = static_cast<const columnar::StructArray&>(a);
      out->push_back('{');
      for (int f = 0; f < s.num_fields(); ++f) {
        if (f > 0) out->push_back(',');
        AppendJsonString(a.type().field(f).name(), out);
        out->push_back(':');
        AppendJsonValue(*s.child(f), s.offset() + i, out);
      }
      out->push_back('}');
      return;
    }
    case TypeId::kBool:
    case TypeId::kInt8:
    case TypeId::kInt16:
    case TypeId::kInt32:
    case TypeId::kInt64:
    case TypeId::kUInt8:
    case TypeId::kUInt16:
    case TypeId::kUInt32:
    case TypeId::kUInt64:
    case TypeId::kDecimal128:
      AppendCellText(a, i, out);
      return;
    default: {
      std::string text;
      AppendCellText(a, i, &text);
      AppendJsonString(text, out);
      return;
    }
  }
}

}  // namespace s3c::formats::csv
