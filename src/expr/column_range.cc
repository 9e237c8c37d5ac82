#include "expr/column_range.h"

#include <cmath>

#include "expr/eval_internal.h"
#include "expr/temporal.h"

namespace s3c::expr {
namespace {

using columnar::TypeId;

// A bound in the column's columnar type as the value the evaluator sees for it (the same
// conversions as vec_array.cc, so bounds and row values agree).
// NaN is a value for a partition but an unusable bound in statistics (allow_nan false).
std::optional<Scalar> ScalarOf(const columnar::StatValue& value, const columnar::DataType& type,
                               ExprType expr_type, bool allow_nan) {
  Scalar out;
  out.type = expr_type;
  out.is_null = false;
  const auto* i64 = std::get_if<int64_t>(&value);
  TypeId id = type.id();
  if (const auto* u64 = std::get_if<uint64_t>(&value)) {
    if (*u64 > static_cast<uint64_t>(INT64_MAX)) return std::nullopt;
    out.i = static_cast<int64_t>(*u64);
    return columnar::IsInteger(id) ? std::optional<Scalar>(out) : std::nullopt;
  }
  switch (expr_type) {
    case ExprType::kBool:
      if (const auto* b = std::get_if<bool>(&value)) {
        out.i = *b;
        return out;
      }
      return std::nullopt;
    case ExprType::kInt64:
    case ExprType::kDate:
      if (i64 == nullptr) return std::nullopt;
      out.i = *i64;
      return out;
    case ExprType::kTimestamp: {
      if (i64 == nullptr) return std::nullopt;
      int64_t per_second = columnar::UnitsPerSecond(type.unit());
      out.i = MicrosOfCount(*i64, per_second);
      return out;
    }
    case ExprType::kDouble:
      if (id == TypeId::kDecimal128) {
        if (i64 == nullptr) return std::nullopt;
        double scale = 1;
        for (int32_t k = 0; k < type.scale(); ++k) scale *= 10;
        out.d = static_cast<double>(*i64) / scale;  // as vec_array.cc converts row values
        return out;
      }
      if (const auto* d = std::get_if<double>(&value)) {
        if (std::isnan(*d) && !allow_nan) return std::nullopt;
        out.d = *d;
        return out;
      }
      return std::nullopt;
    case ExprType::kString:
      if (const auto* s = std::get_if<std::string>(&value)) {
        out.s = *s;
        return out;
      }
      return std::nullopt;
    default:
      return std::nullopt;
  }
}

}  // namespace

int CompareScalars(const Scalar& a, const Scalar& b) {
  switch (a.type) {
    case ExprType::kDouble:
      return CompareDoubles(a.d, b.d);
    case ExprType::kString:
      return a.s.compare(b.s) < 0 ? -1 : (a.s == b.s ? 0 : 1);
    default:
      return a.i < b.i ? -1 : (a.i > b.i ? 1 : 0);
  }
}

ColumnRange RangeFromStatistics(const columnar::ColumnStatistics& stats,
                                const columnar::DataType& type, ExprType expr_type,
                                int64_t num_rows) {
  ColumnRange range;
  if (stats.null_count) {
    range.may_null = *stats.null_count > 0;
    range.may_value = *stats.null_count < num_rows;
  }
  if (!range.may_value) {
    range.exact = true;  // every row is NULL
    return range;
  }
  std::optional<Scalar> min = ScalarOf(stats.min, type, expr_type, false);
  std::optional<Scalar> max = ScalarOf(stats.max, type, expr_type, false);
  if (!min || !max) return range;
  range.bounded = true;
  range.min = std::move(*min);
  range.max = std::move(*max);
  if (expr_type == ExprType::kDouble && type.id() != TypeId::kDecimal128) {
    range.max.d = NAN;  // NaN rows are left out of float statistics and sort above all numbers
    return range;
  }
  range.exact = !range.may_null && CompareScalars(range.min, range.max) == 0;
  return range;
}

ColumnRange RangeFromPartitionValue(const columnar::StatValue& value,
                                    const columnar::DataType& type, ExprType expr_type) {
  ColumnRange range;
  range.exact = true;
  if (std::holds_alternative<std::monostate>(value)) {
    range.may_value = false;
    return range;
  }
  std::optional<Scalar> scalar = ScalarOf(value, type, expr_type, true);
  if (!scalar) return UnknownRange();
  range.may_null = false;
  range.bounded = true;
  range.min = *scalar;
  range.max = std::move(*scalar);
  return range;
}

}  // namespace s3c::expr
