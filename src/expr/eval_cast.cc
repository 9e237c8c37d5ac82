// CAST between the language's types, after DuckDB: text is trimmed of spaces before parsing,
// doubles round half away from zero into integers, integer targets are range-checked for their
// width, a failed conversion is an error (there is no TRY_CAST).
#include <fmt/format.h>

#include <charconv>
#include <cmath>

#include "expr/eval_internal.h"
#include "expr/temporal.h"
#include "s3c/common/strings.h"

namespace s3c::expr {
namespace {

std::string_view TrimSpaces(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t')) s.remove_suffix(1);
  return s;
}

std::string Where(const BoundNode& node, size_t row) {
  if (node.args[0]->kind == NodeKind::kLiteral) {
    return fmt::format("at {}:{}", node.pos.line, node.pos.column);
  }
  return WhereText(node, static_cast<int64_t>(row));
}

Status CastError(const BoundNode& node, size_t row, std::string_view value) {
  return InvalidArgumentError(
      fmt::format("cannot cast '{}' to {} {}", value, ExprTypeName(node.type), Where(node, row)));
}

bool ParseBool(std::string_view s, bool* out) {
  std::string lower = ToLower(s);
  if (lower == "true" || lower == "t" || lower == "1" || lower == "yes" || lower == "y") {
    *out = true;
  } else if (lower == "false" || lower == "f" || lower == "0" || lower == "no" || lower == "n") {
    *out = false;
  } else {
    return false;
  }
  return true;
}

std::string DoubleText(double x) {
  if (std::isnan(x)) return "nan";
  if (std::isinf(x)) return x > 0 ? "inf" : "-inf";
  std::string text = fmt::format("{}", x);
  if (text.find_first_of(".e") == std::string::npos) text += ".0";
  return text;
}

// Text to the node's type (string -> X).
Status FromString(const BoundNode& node, const Vec& a, Vec* out) {
  for (size_t i = 0; i < out->valid.size(); ++i) {
    if (!out->valid[i]) continue;
    std::string_view s = TrimSpaces(a.strings[i]);
    bool ok = true;
    switch (node.type) {
      case ExprType::kInt64: {
        std::string_view digits = !s.empty() && s[0] == '+' ? s.substr(1) : s;
        auto [end, ec] =
            std::from_chars(digits.data(), digits.data() + digits.size(), out->ints[i]);
        ok = ec == std::errc() && end == digits.data() + digits.size() && !digits.empty();
        break;
      }
      case ExprType::kDouble: {
        std::string copy(s);
        char* end = nullptr;
        out->doubles[i] = std::strtod(copy.c_str(), &end);
        ok = !copy.empty() && end == copy.c_str() + copy.size();
        break;
      }
      case ExprType::kBool: {
        bool value = false;
        ok = ParseBool(s, &value);
        out->ints[i] = value;
        break;
      }
      case ExprType::kDate: {
        std::optional<int64_t> day = ParseDate(s);
        ok = day.has_value();
        out->ints[i] = day.value_or(0);
        break;
      }
      case ExprType::kTimestamp: {
        std::optional<int64_t> micros = ParseTimestamp(s);
        ok = micros.has_value();
        out->ints[i] = micros.value_or(0);
        break;
      }
      default:
        ok = false;
    }
    if (!ok) return CastError(node, i, a.strings[i]);
  }
  return Status::OK();
}

Vec ToString(const Vec& a) {
  StringVecBuilder builder(a.length);
  for (size_t i = 0; i < a.valid.size(); ++i) {
    if (!a.valid[i]) {
      builder.AppendNull();
      continue;
    }
    switch (a.type) {
      case ExprType::kBool:
        builder.Append(a.ints[i] ? "true" : "false");
        break;
      case ExprType::kInt64:
        builder.Append(fmt::format("{}", a.ints[i]));
        break;
      case ExprType::kDouble:
        builder.Append(DoubleText(a.doubles[i]));
        break;
      case ExprType::kDate:
        builder.Append(FormatDate(a.ints[i]));
        break;
      case ExprType::kTimestamp:
        builder.Append(FormatTimestamp(a.ints[i]));
        break;
      default:
        builder.Append(a.strings[i]);
    }
  }
  return builder.Finish();
}

Status CheckIntegerWidth(const BoundNode& node, Vec* out) {
  if (node.cast_int_bits >= 64) return Status::OK();
  int64_t high = (int64_t{1} << (node.cast_int_bits - 1)) - 1;
  for (size_t i = 0; i < out->valid.size(); ++i) {
    if (out->valid[i] && (out->ints[i] > high || out->ints[i] < -high - 1)) {
      return InvalidArgumentError(fmt::format("value {} does not fit a {}-bit integer {}",
                                              out->ints[i], node.cast_int_bits, Where(node, i)));
    }
  }
  return Status::OK();
}

}  // namespace

Result<Vec> EvalCast(const BoundNode& node, const Vec& a) {
  ExprType from = a.type, to = node.type;
  if (to == ExprType::kString) return ToString(a);
  Vec out = Vec::Nulls(to, a.length);
  out.valid = a.valid;
  if (from == ExprType::kNull) {
    std::fill(out.valid.begin(), out.valid.end(), 0);
    return out;
  }
  if (from == ExprType::kString) {
    S3C_RETURN_IF_ERROR(FromString(node, a, &out));
  } else if (to == ExprType::kDouble) {
    for (size_t i = 0; i < out.valid.size(); ++i) {
      out.doubles[i] = from == ExprType::kDouble ? a.doubles[i] : static_cast<double>(a.ints[i]);
    }
  } else if (from == ExprType::kDouble) {  // to int64 or bool
    for (size_t i = 0; i < out.valid.size(); ++i) {
      double x = a.doubles[i];
      if (!out.valid[i]) continue;
      if (to == ExprType::kBool) {
        out.ints[i] = x != 0;
        continue;
      }
      double r = std::round(x);
      if (!(r >= -9.2233720368547758e18 && r < 9.2233720368547758e18)) {
        return CastError(node, i, DoubleText(x));
      }
      out.ints[i] = static_cast<int64_t>(r);
    }
  } else if (from == ExprType::kDate && to == ExprType::kTimestamp) {
    for (size_t i = 0; i < out.valid.size(); ++i) out.ints[i] = a.ints[i] * kMicrosPerDay;
  } else if (from == ExprType::kTimestamp && to == ExprType::kDate) {
    for (size_t i = 0; i < out.valid.size(); ++i) out.ints[i] = DayOfMicros(a.ints[i]);
  } else {  // among int64 and bool
    for (size_t i = 0; i < out.valid.size(); ++i) {
      out.ints[i] = to == ExprType::kBool ? a.ints[i] != 0 : a.ints[i];
    }
  }
  if (to == ExprType::kInt64) S3C_RETURN_IF_ERROR(CheckIntegerWidth(node, &out));
  if (to == ExprType::kDouble && node.cast_float32) {
    for (double& x : out.doubles) x = static_cast<float>(x);
  }
  return out;
}

}  // namespace s3c::expr
