// The canonical row form of s3c batches (documented in duckdb_oracle.h) and row-list diffs.
#include <fmt/format.h>

#include <bit>
#include <cmath>
#include <cstring>

#include "s3c/columnar/array_binary.h"
#include "s3c/columnar/array_nested.h"
#include "s3c/columnar/array_primitive.h"
#include "s3c/columnar/decimal.h"
#include "s3c/common/json_escape.h"
#include "s3c/common/strings.h"
#include "support/duckdb_oracle.h"
#include "support/oracle_json.h"

namespace s3c::testing {
namespace {

using columnar::Array;
using columnar::Int128;
using columnar::TimeUnit;
using columnar::TypeId;

template <typename ArrayT>
const ArrayT& As(const Array& a) {
  return static_cast<const ArrayT&>(a);
}

std::string Quoted(std::string_view text) { return "\"" + std::string(text) + "\""; }

std::string FloatText(double d) {
  if (std::isnan(d)) return Quoted("f:nan");
  return Quoted(fmt::format("f:{:016x}", std::bit_cast<uint64_t>(d)));
}

// Nanoseconds per unit of `unit`.
int64_t NanosPer(TimeUnit unit) { return 1000000000 / columnar::UnitsPerSecond(unit); }

std::string TimeText(int64_t value, TimeUnit unit) {
  Int128 nanos = Int128{value} * NanosPer(unit);
  Int128 micros = nanos / 1000;
  auto rest = static_cast<int>(nanos % 1000);
  std::string text = "t:" + columnar::Int128ToString(micros);
  if (rest != 0) text += fmt::format(".{:03d}", rest < 0 ? -rest : rest);
  return Quoted(text);
}

template <typename ArrayT>
std::string IntegerText(const Array& a, int64_t i) {
  return Quoted(std::to_string(As<ArrayT>(a).Value(i)));
}

std::string ListText(const columnar::ListArray& list, int64_t i) {
  std::string out = "[";
  const Array& values = *list.values();
  for (int32_t k = 0; k < list.value_length(i); ++k) {
    if (k > 0) out.push_back(',');
    out += CanonicalValue(values, list.value_offset(i) + k);
  }
  return out + "]";
}

std::string MapText(const columnar::MapArray& map, int64_t i) {
  std::string out = "[";
  for (int32_t k = 0; k < map.value_length(i); ++k) {
    int64_t e = map.value_offset(i) + k;
    if (k > 0) out.push_back(',');
    out += "[" + CanonicalValue(*map.keys(), e) + "," + CanonicalValue(*map.items(), e) + "]";
  }
  return out + "]";
}

std::string StructText(const columnar::StructArray& st, int64_t i) {
  std::string out = "[";
  for (int f = 0; f < st.num_fields(); ++f) {
    if (f > 0) out.push_back(',');
    out += CanonicalValue(*st.child(f), st.offset() + i);
  }
  return out + "]";
}

}  // namespace

std::string CanonicalValue(const Array& a, int64_t i) {
  if (a.IsNull(i)) return "null";
  switch (a.type_id()) {
    case TypeId::kNull:
      return "null";
    case TypeId::kBool:
      return As<columnar::BooleanArray>(a).Value(i) ? "true" : "false";
    case TypeId::kInt8:
      return IntegerText<columnar::Int8Array>(a, i);
    case TypeId::kInt16:
      return IntegerText<columnar::Int16Array>(a, i);
    case TypeId::kInt32:
      return IntegerText<columnar::Int32Array>(a, i);
    case TypeId::kInt64:
      return IntegerText<columnar::Int64Array>(a, i);
    case TypeId::kUInt8:
      return IntegerText<columnar::UInt8Array>(a, i);
    case TypeId::kUInt16:
      return IntegerText<columnar::UInt16Array>(a, i);
    case TypeId::kUInt32:
      return IntegerText<columnar::UInt32Array>(a, i);
    case TypeId::kUInt64:
      return IntegerText<columnar::UInt64Array>(a, i);
    case TypeId::kFloat32:
      return FloatText(As<columnar::Float32Array>(a).Value(i));
    case TypeId::kFloat64:
      return FloatText(As<columnar::Float64Array>(a).Value(i));
    case TypeId::kDecimal128: {
      const auto& d = As<columnar::Decimal128Array>(a);
      return Quoted(columnar::FormatDecimal128(d.Value(i), d.scale()));
    }
    case TypeId::kString:
      return JsonQuote(As<columnar::StringArray>(a).GetView(i));
    case TypeId::kLargeString:
      return JsonQuote(As<columnar::LargeStringArray>(a).GetView(i));
    case TypeId::kBinary:
      return Quoted("x:" + HexEncode(As<columnar::BinaryArray>(a).GetView(i)));
    case TypeId::kDate32:
      return Quoted("d:" + std::to_string(As<columnar::Date32Array>(a).Value(i)));
    case TypeId::kTime32:
      return TimeText(As<columnar::Time32Array>(a).Value(i), a.type().unit());
    case TypeId::kTime64:
      return TimeText(As<columnar::Time64Array>(a).Value(i), a.type().unit());
    case TypeId::kTimestamp: {
      Int128 nanos = Int128{As<columnar::TimestampArray>(a).Value(i)} * NanosPer(a.type().unit());
      return Quoted("ts:" + columnar::Int128ToString(nanos));
    }
    case TypeId::kList:
      return ListText(As<columnar::ListArray>(a), i);
    case TypeId::kMap:
      return MapText(As<columnar::MapArray>(a), i);
    case TypeId::kStruct:
      return StructText(As<columnar::StructArray>(a), i);
  }
  return "null";
}

std::vector<std::string> CanonicalRows(const columnar::RecordBatch& batch) {
  std::vector<std::string> rows;
  rows.reserve(static_cast<size_t>(batch.num_rows()));
  for (int64_t r = 0; r < batch.num_rows(); ++r) {
    std::string row = "[";
    for (int c = 0; c < batch.num_columns(); ++c) {
      if (c > 0) row.push_back(',');
      row += CanonicalValue(*batch.column(c), r);
    }
    row.push_back(']');
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<std::string> CanonicalRows(
    const std::vector<std::shared_ptr<columnar::RecordBatch>>& batches) {
  std::vector<std::string> rows;
  for (const auto& b : batches) {
    std::vector<std::string> part = CanonicalRows(*b);
    rows.insert(rows.end(), std::make_move_iterator(part.begin()),
                std::make_move_iterator(part.end()));
  }
  return rows;
}

std::vector<std::string> SplitCanonicalRow(std::string_view row) {
  std::vector<std::string_view> parts;
  if (!oracle_json::SplitArray(row, &parts)) return {std::string(row)};
  return {parts.begin(), parts.end()};
}

std::string DescribeRowDifferences(const std::vector<std::string>& expected,
                                   const std::vector<std::string>& actual,
                                   const std::vector<std::string>& column_names,
                                   size_t max_differences) {
  std::string report;
  if (expected.size() != actual.size()) {
    report +=
        fmt::format("row counts differ: expected {}, actual {}\n", expected.size(), actual.size());
  }
  size_t shown = 0;
  size_t differing = 0;
  size_t common = std::min(expected.size(), actual.size());
  for (size_t r = 0; r < common; ++r) {
    if (expected[r] == actual[r]) continue;
    if (++differing > max_differences) continue;
    ++shown;
    std::vector<std::string> e = SplitCanonicalRow(expected[r]);
    std::vector<std::string> a = SplitCanonicalRow(actual[r]);
    if (e.size() != a.size()) {
      report += fmt::format("row {}: {} vs {} columns\n  expected {}\n  actual   {}\n", r + 1,
                            e.size(), a.size(), expected[r], actual[r]);
      continue;
    }
    for (size_t c = 0; c < e.size(); ++c) {
      if (e[c] == a[c]) continue;
      std::string name = c < column_names.size() ? column_names[c] : "#" + std::to_string(c + 1);
      report += fmt::format("row {}, column {}: expected {}, actual {}\n", r + 1, name, e[c], a[c]);
    }
  }
  if (differing > shown) report += fmt::format("... {} differing rows in all\n", differing);
  if (shown == 0 && expected.size() != actual.size()) {
    const auto& longer = expected.size() > actual.size() ? expected : actual;
    report += fmt::format("first extra row ({}): {}\n", common + 1, longer[common]);
  }
  return report;
}

::testing::AssertionResult RowsEqual(const std::vector<std::string>& duckdb_rows,
                                     const std::vector<std::string>& s3c_rows,
                                     const std::vector<std::string>& column_names) {
  std::string report = DescribeRowDifferences(duckdb_rows, s3c_rows, column_names);
  if (report.empty()) return ::testing::AssertionSuccess();
  return ::testing::AssertionFailure() << "DuckDB (expected) and s3c (actual) rows differ:\n"
                                       << report;
}

}  // namespace s3c::testing
