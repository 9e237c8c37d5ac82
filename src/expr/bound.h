// The bound expression tree: names resolved to column indices, every node typed, implicit casts
// made explicit, literals parsed, regular expressions compiled. Immutable once built (shared by
// every thread that evaluates the filter).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "s3c/expr/filter.h"

namespace re2 {
class RE2;
}

namespace s3c::expr {

// The value types of the language. Every integer width evaluates as int64, every float as
// double; date is days and timestamp microseconds since 1970-01-01 (UTC).
enum class ExprType : uint8_t {
  kNull,
  kBool,
  kInt64,
  kDouble,
  kString,
  kDate,
  kTimestamp,
  kInterval
};

const char* ExprTypeName(ExprType type);
bool IsNumber(ExprType type);  // int64 or double

// A calendar interval (as DuckDB: months, days and microseconds add separately).
struct Interval {
  int32_t months = 0;
  int32_t days = 0;
  int64_t micros = 0;
};

// One value. bool, int64, date and timestamp live in `i`.
struct Scalar {
  ExprType type = ExprType::kNull;
  bool is_null = true;
  int64_t i = 0;
  double d = 0;
  std::string s;
  Interval interval;
};

enum class NodeKind : uint8_t {
  kLiteral,
  kColumn,
  kCast,
  kNot,
  kNegate,
  kArith,
  kCompare,
  kAnd,
  kOr,
  kIsNull,
  kIn,
  kLike,
  kCall,
  kCase,
};

enum class ArithOp : uint8_t { kAdd, kSub, kMul, kDiv, kIntDiv, kMod, kConcat };
enum class CompareOp : uint8_t { kEq, kNe, kLt, kLe, kGt, kGe };

// Built-in functions after binding (argument counts and types checked by the binder).
enum class Function : uint8_t {
  kLower,
  kUpper,
  kLength,
  kSubstr,
  kTrim,
  kStartsWith,
  kEndsWith,
  kContains,
  kRegexpMatches,
  kConcat,
  kDateTrunc,
  kDatePart,
  kNow,
  kCurrentDate,
  kCoalesce,
};

// Parts for date_part / extract / date_trunc.
enum class DatePart : uint8_t {
  kYear,
  kQuarter,
  kMonth,
  kWeek,
  kDay,
  kHour,
  kMinute,
  kSecond,
  kDayOfWeek,
  kDayOfYear
};

struct BoundNode {
  NodeKind kind = NodeKind::kLiteral;
  ExprType type = ExprType::kNull;
  SourcePos pos;
  std::string op_text;  // the operator or function as written, for runtime errors
  std::vector<std::shared_ptr<const BoundNode>> args;

  Scalar value;     // kLiteral
  int column = -1;  // kColumn: field index in the bound schema
  ArithOp arith = ArithOp::kAdd;
  CompareOp compare = CompareOp::kEq;
  Function function = Function::kLower;
  DatePart part = DatePart::kYear;        // kDatePart, kDateTrunc
  bool negated = false;                   // kIsNull (IS NOT NULL), kIn (NOT IN), kLike (NOT LIKE)
  bool case_insensitive = false;          // kLike: ILIKE
  bool has_else = false;                  // kCase: args are (when, then)* [else]
  std::string like_escape;                // kLike: the escape character, or empty
  int cast_int_bits = 64;                 // kCast to an integer type: its width (range-checked)
  bool cast_float32 = false;              // kCast to FLOAT / REAL: rounded to single precision
  std::shared_ptr<const re2::RE2> regex;  // kRegexpMatches with a constant pattern
};

using NodePtr = std::shared_ptr<const BoundNode>;

// Columns the subtree reads (indices, sorted, unique).
std::vector<int> ReferencedColumns(const BoundNode& node);

}  // namespace s3c::expr
