// Arithmetic: + - * / // % on int64 and double, date and timestamp arithmetic, || and unary -.
#include <fmt/format.h>

#include <cmath>

#include "expr/eval_internal.h"
#include "expr/temporal.h"

namespace s3c::expr {
namespace {

Status Overflow(const BoundNode& node, size_t row) {
  return InvalidArgumentError(fmt::format("integer overflow in \"{}\" {}", node.op_text,
                                          WhereText(node, static_cast<int64_t>(row))));
}

Vec Start(ExprType type, const Vec& a, const Vec& b) {
  Vec out = Vec::Nulls(type, a.length);
  for (size_t i = 0; i < out.valid.size(); ++i) out.valid[i] = a.valid[i] & b.valid[i];
  return out;
}

Result<Vec> IntegerArith(const BoundNode& node, const Vec& a, const Vec& b) {
  Vec out = Start(ExprType::kInt64, a, b);
  for (size_t i = 0; i < out.valid.size(); ++i) {
    if (!out.valid[i]) continue;
    int64_t x = a.ints[i], y = b.ints[i], r = 0;
    bool overflow = false;
    switch (node.arith) {
      case ArithOp::kAdd:
        overflow = __builtin_add_overflow(x, y, &r);
        break;
      case ArithOp::kSub:
        overflow = __builtin_sub_overflow(x, y, &r);
        break;
      case ArithOp::kMul:
        overflow = __builtin_mul_overflow(x, y, &r);
        break;
      case ArithOp::kIntDiv:
      case ArithOp::kMod:
        if (y == 0) {  // DuckDB: NULL, not an error
          out.valid[i] = 0;
          continue;
        }
        if (y == -1) {
          overflow = node.arith == ArithOp::kIntDiv && x == INT64_MIN;
          r = node.arith == ArithOp::kIntDiv ? -x : 0;
          if (overflow) r = 0;
        } else {
          r = node.arith == ArithOp::kIntDiv ? x / y : x % y;  // truncating, as C and DuckDB
        }
        break;
      default:
        return InternalError("integer arithmetic with a non-integer operator");
    }
    if (overflow) return Overflow(node, i);
    out.ints[i] = r;
  }
  return out;
}

Vec DoubleArith(const BoundNode& node, const Vec& a, const Vec& b) {
  Vec out = Start(ExprType::kDouble, a, b);
  for (size_t i = 0; i < out.valid.size(); ++i) {
    double x = a.doubles[i], y = b.doubles[i];
    switch (node.arith) {
      case ArithOp::kAdd:
        out.doubles[i] = x + y;
        break;
      case ArithOp::kSub:
        out.doubles[i] = x - y;
        break;
      case ArithOp::kMul:
        out.doubles[i] = x * y;
        break;
      case ArithOp::kDiv:
      case ArithOp::kIntDiv:  // DuckDB: // on doubles divides like /
        out.doubles[i] = x / y;
        break;
      case ArithOp::kMod:
        if (y == 0) {
          out.valid[i] = 0;
        } else {
          out.doubles[i] = std::fmod(x, y);
        }
        break;
      default:
        break;
    }
  }
  return out;
}

Result<Vec> DateArith(const BoundNode& node, const Vec& a, const Vec& b) {
  bool date_minus_date = node.args[1]->type == ExprType::kDate;
  Vec out = Start(date_minus_date ? ExprType::kInt64 : ExprType::kDate, a, b);
  for (size_t i = 0; i < out.valid.size(); ++i) {
    int64_t r = 0;
    bool overflow = node.arith == ArithOp::kAdd ? __builtin_add_overflow(a.ints[i], b.ints[i], &r)
                                                : __builtin_sub_overflow(a.ints[i], b.ints[i], &r);
    if (out.valid[i] && (overflow || (!date_minus_date && (r < INT32_MIN || r > INT32_MAX)))) {
      return InvalidArgumentError(fmt::format("date out of range in \"{}\" {}", node.op_text,
                                              WhereText(node, static_cast<int64_t>(i))));
    }
    out.ints[i] = r;
  }
  return out;
}

Vec TimestampPlusInterval(const BoundNode& node, const Vec& a) {
  Interval step = node.args[1]->value.interval;
  if (node.arith == ArithOp::kSub) {
    step.months = -step.months;
    step.days = -step.days;
    step.micros = -step.micros;
  }
  Vec out = Vec::Nulls(ExprType::kTimestamp, a.length);
  if (node.args[1]->value.is_null) return out;
  for (size_t i = 0; i < out.valid.size(); ++i) {
    out.valid[i] = a.valid[i];
    out.ints[i] = AddInterval(a.ints[i], step);
  }
  return out;
}

Vec Concat(const Vec& a, const Vec& b) {
  StringVecBuilder builder(a.length);
  for (size_t i = 0; i < a.valid.size(); ++i) {
    if (!a.valid[i] || !b.valid[i]) {
      builder.AppendNull();
      continue;
    }
    size_t start = builder.arena().size();
    builder.arena().append(a.strings[i]);
    builder.arena().append(b.strings[i]);
    builder.Commit(start);
  }
  return builder.Finish();
}

}  // namespace

Result<Vec> EvalArith(const BoundNode& node, const Vec& a, const Vec& b) {
  if (node.arith == ArithOp::kConcat) return Concat(a, b);
  ExprType left = node.args[0]->type;
  if (left == ExprType::kDate) return DateArith(node, a, b);
  if (left == ExprType::kTimestamp) return TimestampPlusInterval(node, a);
  if (node.type == ExprType::kDouble) return DoubleArith(node, a, b);
  return IntegerArith(node, a, b);
}

Result<Vec> EvalNegate(const BoundNode& node, const Vec& a) {
  Vec out = a;
  if (out.type == ExprType::kDouble) {
    for (double& x : out.doubles) x = -x;
    return out;
  }
  for (size_t i = 0; i < out.ints.size(); ++i) {
    if (out.valid[i] && out.ints[i] == INT64_MIN) return Overflow(node, i);
    out.ints[i] = -out.ints[i];
  }
  return out;
}

}  // namespace s3c::expr
