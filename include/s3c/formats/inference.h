// Schema inference shared by the text formats (CSV, JSON): classify text cells on a type
// lattice, widen types, union per-file schemas by name and report drift. Pure functions.
//
// Lattice (each type is a candidate parser; a column gets the smallest candidate that accepts
// every non-null value, DuckDB-sniffer style):
//   null -> bool -> int64 -> float64 -> string, with date32 -> timestamp beside the numbers and
//   decimal128 (only when InferenceOptions::infer_decimals) between int64 and float64.
// Widening (WidenTypes):
//   null + X = X;  X + X = X;  int64 + float64 = float64;  date32 + timestamp = timestamp;
//   int64 + decimal(p,s) = decimal wide enough for both (float64 past precision 38);
//   decimal + float64 = float64;  bool + number = string (a bool literal parses as no number);
//   timestamp[u] + timestamp[u, tz] = timestamp[u, UTC];
//   list<a> + list<b> = list<widen(a, b)>;  struct + struct = fields united by name, in
//   first-seen order, each widened;  string + large_string = large_string;  any other pair
//   (and anything + string) = string.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "s3c/columnar/data_type.h"
#include "s3c/columnar/decimal.h"
#include "s3c/columnar/schema.h"
#include "s3c/common/status.h"

namespace s3c::formats {

struct InferenceOptions {
  // Budget: inference stops at whichever limit comes first. -1 = unlimited.
  int64_t max_rows = 1000;
  int64_t max_bytes = 1 << 20;
  int64_t max_files = 1;  // files sampled when a schema is inferred for a set of objects

  bool infer_bools = true;
  bool infer_dates = true;       // ISO 8601 "2024-01-31" (+ extra_date_formats)
  bool infer_timestamps = true;  // ISO 8601 "2024-01-31T12:34:56[.fff][Z|+hh:mm]", ' ' too
  bool infer_decimals = false;   // "12.50" -> decimal128(p, s) instead of float64
  // strptime-like formats tried after ISO 8601: %Y %m %d %H %M %S, %f (fraction digits),
  // %z (Z or +hh:mm / +hhmm), any other character matches itself. Example: "%d/%m/%Y".
  std::vector<std::string> extra_date_formats;
  std::vector<std::string> extra_timestamp_formats;
  columnar::TimeUnit timestamp_unit = columnar::TimeUnit::kMicro;

  // Cells equal to one of these are null (case-sensitive). CSV sets these from its dialect.
  std::vector<std::string> null_strings = {""};
  std::vector<std::string> true_strings = {"true", "True", "TRUE"};
  std::vector<std::string> false_strings = {"false", "False", "FALSE"};
};

// ---- Cell parsers (exact: the whole text must match, no surrounding spaces) ----

bool IsNullText(std::string_view s, const InferenceOptions& opts);
std::optional<bool> ParseBoolText(std::string_view s, const InferenceOptions& opts);
// Optional sign, decimal digits, no overflow.
std::optional<int64_t> ParseInt64Text(std::string_view s);
// Decimal or scientific notation, "inf"/"-inf"/"nan" (any case), shortest-round-trip exact.
std::optional<double> ParseFloat64Text(std::string_view s);
// Days since 1970-01-01: ISO "YYYY-MM-DD" then each extra format.
std::optional<int32_t> ParseDate32Text(std::string_view s,
                                       const std::vector<std::string>& extra_formats = {});
struct ParsedTimestamp {
  int64_t value = 0;      // in the requested unit since the epoch, UTC when has_zone
  bool has_zone = false;  // the text carried Z or an offset (value already shifted to UTC)
};
// ISO 8601 date-time ('T' or ' ' separator, optional fraction up to 9 digits, optional Z or
// +hh:mm / +hhmm / +hh); a bare date is midnight. Then each extra format.
std::optional<ParsedTimestamp> ParseTimestampText(
    std::string_view s, columnar::TimeUnit unit,
    const std::vector<std::string>& extra_formats = {});
// Unscaled value of a fixed-point literal ("-12.50" -> 1250 with scale 2 ... sign applied).
struct ParsedDecimal {
  columnar::Int128 unscaled = 0;
  int32_t precision = 0;  // significant digits (at least 1)
  int32_t scale = 0;      // digits after the point
};
std::optional<ParsedDecimal> ParseDecimalText(std::string_view s);

// The smallest lattice type that accepts one non-null cell (null type for null text).
// Timestamps with a zone give timestamp[unit, UTC], without one timestamp[unit].
columnar::DataType ClassifyText(std::string_view s, const InferenceOptions& opts);

// Common supertype of two types (rules in the file comment).
columnar::DataType WidenTypes(const columnar::DataType& a, const columnar::DataType& b);

// Accumulates one column's type over cells. A column that saw only nulls stays null; callers
// that need a concrete type use ResultOr(String()). Not thread-safe; `opts` is held by pointer
// and must outlive the inferrer.
class ColumnInferrer {
 public:
  explicit ColumnInferrer(const InferenceOptions* opts) : opts_(opts) {}
  void Observe(std::string_view cell);
  void ObserveType(const columnar::DataType& type);
  const columnar::DataType& type() const { return type_; }
  columnar::DataType ResultOr(const columnar::DataType& if_null) const;
  int64_t non_null_count() const { return non_null_; }

 private:
  const InferenceOptions* opts_;
  columnar::DataType type_;  // null
  int64_t non_null_ = 0;
};

// ---- Union of schemas and drift ----

struct SchemaDrift {
  enum class Kind { kColumnAdded, kColumnMissing, kTypeWidened };
  Kind kind = Kind::kColumnAdded;
  std::string file;  // the file in which the change was observed
  std::string column;
  columnar::DataType from;  // kTypeWidened: type before this file; kColumnAdded: null
  columnar::DataType to;    // kTypeWidened: type after; kColumnAdded: the column's type
  // "file: column c added (int64)", "file: column c missing", "file: column c widened int64 ->
  // float64".
  std::string ToString() const;
};
const char* SchemaDriftKindName(SchemaDrift::Kind kind);

struct NamedSchema {
  std::string file;
  std::shared_ptr<columnar::Schema> schema;
};

struct SchemaUnion {
  std::shared_ptr<columnar::Schema> schema;  // every column seen, first-seen order, widened
  std::vector<SchemaDrift> drift;            // relative to the running union, file by file
};

// Unites schemas by column name, widening types. The first file sets the baseline (no drift);
// each later file reports columns it adds, columns of the running union it lacks, and
// columns whose union type widened. Columns missing anywhere become nullable. Fails with
// InvalidArgument when a schema repeats a column name or there are no schemas.
Result<SchemaUnion> UnionSchemas(const std::vector<NamedSchema>& schemas);

}  // namespace s3c::formats
