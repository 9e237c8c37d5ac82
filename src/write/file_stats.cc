// FileStatsCollector (file_stats.h).
#include "write/file_stats.h"

#include <fmt/format.h>

#include <cmath>

#include "s3c/columnar/array_binary.h"
#include "s3c/columnar/array_primitive.h"
#include "s3c/common/civil_date.h"
#include "s3c/common/json_escape.h"

namespace s3c::write_internal {
namespace {

using columnar::StatValue;
using columnar::TypeId;

template <typename T>
void Widen(const T& v, StatValue* min, StatValue* max) {
  if (std::holds_alternative<std::monostate>(*min) || v < std::get<T>(*min)) *min = v;
  if (std::holds_alternative<std::monostate>(*max) || std::get<T>(*max) < v) *max = v;
}

template <typename ArrayT, typename As>
void Scan(const columnar::Array& array, StatValue* min, StatValue* max) {
  const auto& typed = static_cast<const ArrayT&>(array);
  for (int64_t i = 0; i < array.length(); ++i) {
    if (array.IsNull(i)) continue;
    As v = static_cast<As>(typed.Value(i));
    if constexpr (std::is_floating_point_v<As>) {
      if (std::isnan(v)) continue;
    }
    Widen<As>(v, min, max);
  }
}

template <typename ArrayT>
void ScanStrings(const columnar::Array& array, StatValue* min, StatValue* max) {
  const auto& typed = static_cast<const ArrayT&>(array);
  for (int64_t i = 0; i < array.length(); ++i) {
    if (array.IsNull(i)) continue;
    std::string_view v = typed.GetView(i);
    if (std::holds_alternative<std::monostate>(*min) || v < std::get<std::string>(*min)) {
      *min = std::string(v);
    }
    if (std::holds_alternative<std::monostate>(*max) || std::get<std::string>(*max) < v) {
      *max = std::string(v);
    }
  }
}

int64_t FloorDiv(int64_t a, int64_t b) { return a / b - ((a % b != 0) && ((a < 0) != (b < 0))); }

std::string FormatDate(int64_t days) {
  int64_t y;
  unsigned m, d;
  CivilFromDays(days, &y, &m, &d);
  return fmt::format("{:04d}-{:02d}-{:02d}", y, m, d);
}

// `count` in `unit` to "YYYY-MM-DDTHH:MM:SS.mmmZ", rounded down or up to the millisecond.
std::string FormatTimestampMillis(int64_t count, columnar::TimeUnit unit, bool round_up) {
  int64_t per_second = columnar::UnitsPerSecond(unit);
  int64_t per_milli = per_second >= 1000 ? per_second / 1000 : 1;
  int64_t millis = per_second >= 1000 ? FloorDiv(count, per_milli) : count * (1000 / per_second);
  if (round_up && per_second > 1000 && millis * per_milli != count) ++millis;
  int64_t days = FloorDiv(millis, 86'400'000);
  int64_t ms_of_day = millis - days * 86'400'000;
  return fmt::format("{}T{:02d}:{:02d}:{:02d}.{:03d}Z", FormatDate(days), ms_of_day / 3'600'000,
                     ms_of_day / 60'000 % 60, ms_of_day / 1000 % 60, ms_of_day % 1000);
}

std::string BoundJson(const columnar::DataType& type, const StatValue& v, bool is_max) {
  std::string out;
  switch (type.id()) {
    case TypeId::kDate32:
      AppendJsonString(FormatDate(std::get<int64_t>(v)), &out);
      return out;
    case TypeId::kTimestamp:
      AppendJsonString(FormatTimestampMillis(std::get<int64_t>(v), type.unit(), is_max), &out);
      return out;
    default:
      break;
  }
  if (const auto* i = std::get_if<int64_t>(&v)) return std::to_string(*i);
  if (const auto* u = std::get_if<uint64_t>(&v)) return std::to_string(*u);
  if (const auto* d = std::get_if<double>(&v)) {
    if (std::isinf(*d)) return *d > 0 ? "\"Infinity\"" : "\"-Infinity\"";
    return fmt::format("{}", *d);
  }
  AppendJsonString(std::get<std::string>(v), &out);
  return out;
}

}  // namespace

FileStatsCollector::FileStatsCollector(std::shared_ptr<columnar::Schema> schema)
    : schema_(std::move(schema)), columns_(static_cast<size_t>(schema_->num_fields())) {}

void FileStatsCollector::Add(const columnar::RecordBatch& batch) {
  rows_ += batch.num_rows();
  for (int c = 0; c < batch.num_columns(); ++c) {
    AddColumn(*batch.column(c), &columns_[static_cast<size_t>(c)]);
  }
}

void FileStatsCollector::AddColumn(const columnar::Array& array, Column* column) {
  column->nulls += array.null_count();
  if (array.null_count() == array.length()) return;
  StatValue* lo = &column->min;
  StatValue* hi = &column->max;
  switch (array.type().id()) {
    case TypeId::kInt8: return Scan<columnar::Int8Array, int64_t>(array, lo, hi);
    case TypeId::kInt16: return Scan<columnar::Int16Array, int64_t>(array, lo, hi);
    case TypeId::kInt32: return Scan<columnar::Int32Array, int64_t>(array, lo, hi);
    case TypeId::kInt64: return Scan<columnar::Int64Array, int64_t>(array, lo, hi);
    case TypeId::kUInt8: return Scan<columnar::UInt8Array, uint64_t>(array, lo, hi);
    case TypeId::kUInt16: return Scan<columnar::UInt16Array, uint64_t>(array, lo, hi);
    case TypeId::kUInt32: return Scan<columnar::UInt32Array, uint64_t>(array, lo, hi);
    case TypeId::kUInt64: return Scan<columnar::UInt64Array, uint64_t>(array, lo, hi);
    case TypeId::kFloat32: return Scan<columnar::Float32Array, double>(array, lo, hi);
    case TypeId::kFloat64: return Scan<columnar::Float64Array, double>(array, lo, hi);
    case TypeId::kDate32: return Scan<columnar::Date32Array, int64_t>(array, lo, hi);
    case TypeId::kTimestamp: return Scan<columnar::TimestampArray, int64_t>(array, lo, hi);
    case TypeId::kString: return ScanStrings<columnar::StringArray>(array, lo, hi);
    case TypeId::kLargeString: return ScanStrings<columnar::LargeStringArray>(array, lo, hi);
    default: return;  // no plain order: nullCount only
  }
}

std::string FileStatsCollector::ToDeltaJson() const {
  std::string mins, maxs, nulls;
  for (size_t c = 0; c < columns_.size(); ++c) {
    const columnar::Field& field = schema_->field(static_cast<int>(c));
    std::string key;
    AppendJsonString(field.name(), &key);
    const Column& col = columns_[c];
    if (!nulls.empty()) nulls += ',';
    nulls += key + ":" + std::to_string(col.nulls);
    if (std::holds_alternative<std::monostate>(col.min)) continue;
    if (!mins.empty()) mins += ',';
    if (!maxs.empty()) maxs += ',';
    mins += key + ":" + BoundJson(field.type(), col.min, false);
    maxs += key + ":" + BoundJson(field.type(), col.max, true);
  }
  return fmt::format(R"({{"numRecords":{},"minValues":{{{}}},"maxValues":{{{}}},"nullCount":{{{}}}}})",
                     rows_, mins, maxs, nulls);
}

}  // namespace s3c::write_internal
