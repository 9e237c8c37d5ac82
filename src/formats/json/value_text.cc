#include "formats/json/value_text.h"

#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "s3c/columnar/array_binary.h"
#include "s3c/columnar/array_nested.h"
#include "s3c/columnar/array_primitive.h"
#include "s3c/common/civil_date.h"
#include "s3c/common/json_escape.h"
#include "s3c/common/strings.h"

namespace s3c::formats::json_internal {
namespace {

using columnar::TypeId;

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

int Digits(columnar::TimeUnit unit) {
  switch (unit) {
    case columnar::TimeUnit::kSecond:
      return 0;
    case columnar::TimeUnit::kMilli:
      return 3;
    case columnar::TimeUnit::kMicro:
      return 6;
    case columnar::TimeUnit::kNano:
      return 9;
  }
  return 0;
}

// "HH:MM:SS[.fraction]" for `units` since midnight (0 <= units < one day).
void AppendTimeOfDay(int64_t units, columnar::TimeUnit unit, std::string* out) {
  int64_t per_second = columnar::UnitsPerSecond(unit);
  int64_t secs = units / per_second;
  int64_t frac = units % per_second;
  fmt::format_to(std::back_inserter(*out), "{:02}:{:02}:{:02}", secs / 3600, secs / 60 % 60,
                 secs % 60);
  if (frac != 0) fmt::format_to(std::back_inserter(*out), ".{:0{}}", frac, Digits(unit));
}

void AppendTimestamp(int64_t v, const columnar::DataType& type, std::string* out) {
  int64_t per_day = columnar::UnitsPerSecond(type.unit()) * 86400;
  int64_t days = FloorDiv(v, per_day);
  AppendDate(days, out);
  out->push_back('T');
  AppendTimeOfDay(v - days * per_day, type.unit(), out);
  if (!type.timezone().empty()) out->push_back('Z');
}

template <typename ArrayT>
void AppendInteger(const columnar::Array& a, int64_t i, std::string* out) {
  fmt::format_to(std::back_inserter(*out), "{}", static_cast<const ArrayT&>(a).Value(i));
}

void AppendList(const columnar::ListArray& list, int64_t i, NonFiniteFloats nf, std::string* out) {
  out->push_back('[');
  int32_t begin = list.value_offset(i);
  for (int32_t k = 0; k < list.value_length(i); ++k) {
    if (k > 0) out->push_back(',');
    AppendArrayValue(*list.values(), begin + k, nf, out);
  }
  out->push_back(']');
}

void AppendMap(const columnar::MapArray& map, int64_t i, NonFiniteFloats nf, std::string* out) {
  bool string_keys = map.type().key_type().id() == TypeId::kString;
  out->push_back(string_keys ? '{' : '[');
  int32_t begin = map.value_offset(i);
  for (int32_t k = 0; k < map.value_length(i); ++k) {
    if (k > 0) out->push_back(',');
    if (string_keys) {
      AppendJsonString(static_cast<const columnar::StringArray&>(*map.keys()).GetView(begin + k),
                       out);
      out->push_back(':');
    } else {
      out->append("{\"key\":");
      AppendArrayValue(*map.keys(), begin + k, nf, out);
      out->append(",\"value\":");
    }
    AppendArrayValue(*map.items(), begin + k, nf, out);
    if (!string_keys) out->push_back('}');
  }
  out->push_back(string_keys ? '}' : ']');
}

void AppendStruct(const columnar::StructArray& s, int64_t i, NonFiniteFloats nf, std::string* out) {
  out->push_back('{');
  for (int f = 0; f < s.num_fields(); ++f) {
    if (f > 0) out->push_back(',');
    AppendJsonString(s.type().field(f).name(), out);
    out->push_back(':');
    AppendArrayValue(*s.child(f), s.offset() + i, nf, out);
  }
  out->push_back('}');
}

}  // namespace

void AppendDouble(double d, NonFiniteFloats non_finite, std::string* out) {
  if (!std::isfinite(d)) {
    AppendJsonNonFinite(d, non_finite, out);
    return;
  }
  char buf[64];
  auto res = std::to_chars(buf, buf + sizeof(buf), d);
  std::string_view text(buf, static_cast<size_t>(res.ptr - buf));
  out->append(text);
  if (text.find_first_of(".e") == std::string_view::npos) out->append(".0");
}

void AppendDate(int64_t days, std::string* out) {
  int64_t y;
  unsigned m, d;
  CivilFromDays(days, &y, &m, &d);
  fmt::format_to(std::back_inserter(*out), "{:04}-{:02}-{:02}", y, m, d);
}

void AppendArrayValue(const columnar::Array& a, int64_t i, NonFiniteFloats nf, std::string* out) {
  if (a.IsNull(i)) {
    out->append("null");
    return;
  }
  switch (a.type_id()) {
    case TypeId::kNull:
      out->append("null");
      return;
    case TypeId::kBool:
      out->append(static_cast<const columnar::BooleanArray&>(a).Value(i) ? "true" : "false");
      return;
    case TypeId::kInt8:
      return AppendInteger<columnar::Int8Array>(a, i, out);
    case TypeId::kInt16:
      return AppendInteger<columnar::Int16Array>(a, i, out);
    case TypeId::kInt32:
      return AppendInteger<columnar::Int32Array>(a, i, out);
    case TypeId::kInt64:
      return AppendInteger<columnar::Int64Array>(a, i, out);
    case TypeId::kUInt8:
      return AppendInteger<columnar::UInt8Array>(a, i, out);
    case TypeId::kUInt16:
      return AppendInteger<columnar::UInt16Array>(a, i, out);
    case TypeId::kUInt32:
      return AppendInteger<columnar::UInt32Array>(a, i, out);
    case TypeId::kUInt64:
      return AppendInteger<columnar::UInt64Array>(a, i, out);
    case TypeId::kFloat32:
      // Shortest float text, so 0.1f prints as 0.1 rather than its double expansion.
      {
        float f = static_cast<const columnar::Float32Array&>(a).Value(i);
        if (!std::isfinite(f)) {
          AppendJsonNonFinite(f, nf, out);
          return;
        }
        char buf[64];
        auto res = std::to_chars(buf, buf + sizeof(buf), f);
        std::string_view text(buf, static_cast<size_t>(res.ptr - buf));
        out->append(text);
        if (text.find_first_of(".e") == std::string_view::npos) out->append(".0");
      }
      return;
    case TypeId::kFloat64:
      return AppendDouble(static_cast<const columnar::Float64Array&>(a).Value(i), nf, out);
    case TypeId::kDecimal128:
      out->append(static_cast<const columnar::Decimal128Array&>(a).FormatValue(i));
      return;
    case TypeId::kString:
      return AppendJsonString(static_cast<const columnar::StringArray&>(a).GetView(i), out);
    case TypeId::kLargeString:
      return AppendJsonString(static_cast<const columnar::LargeStringArray&>(a).GetView(i), out);
    case TypeId::kBinary:
      return AppendJsonString(Base64Encode(static_cast<const columnar::BinaryArray&>(a).GetView(i)),
                              out);
    case TypeId::kDate32:
      out->push_back('"');
      AppendDate(static_cast<const columnar::Date32Array&>(a).Value(i), out);
      out->push_back('"');
      return;
    case TypeId::kTime32:
      out->push_back('"');
      AppendTimeOfDay(static_cast<const columnar::Time32Array&>(a).Value(i), a.type().unit(), out);
      out->push_back('"');
      return;
    case TypeId::kTime64:
      out->push_back('"');
      AppendTimeOfDay(static_cast<const columnar::Time64Array&>(a).Value(i), a.type().unit(), out);
      out->push_back('"');
      return;
    case TypeId::kTimestamp:
      out->push_back('"');
      AppendTimestamp(static_cast<const columnar::TimestampArray&>(a).Value(i), a.type(), out);
      out->push_back('"');
      return;
    case TypeId::kList:
      return AppendList(static_cast<const columnar::ListArray&>(a), i, nf, out);
    case TypeId::kMap:
      return AppendMap(static_cast<const columnar::MapArray&>(a), i, nf, out);
    case TypeId::kStruct:
      return AppendStruct(static_cast<const columnar::StructArray&>(a), i, nf, out);
  }
}

}  // namespace s3c::formats::json_internal
