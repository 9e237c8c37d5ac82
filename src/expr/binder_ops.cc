// Binding of arithmetic, || and casts (type rules in include/s3c/expr/filter.h).
#include <fmt/format.h>

#include "expr/binder.h"
#include "expr/eval_internal.h"

namespace s3c::expr {
namespace {

ArithOp ArithOpOf(const std::string& op) {
  if (op == "+") return ArithOp::kAdd;
  if (op == "-") return ArithOp::kSub;
  if (op == "*") return ArithOp::kMul;
  if (op == "/") return ArithOp::kDiv;
  if (op == "//") return ArithOp::kIntDiv;
  if (op == "%") return ArithOp::kMod;
  return ArithOp::kConcat;
}

bool CanCast(ExprType from, ExprType to) {
  if (from == to || from == ExprType::kNull) return true;
  if (from == ExprType::kInterval || to == ExprType::kInterval || to == ExprType::kNull) {
    return false;
  }
  if (from == ExprType::kString || to == ExprType::kString) return true;
  auto numeric_like = [](ExprType t) { return IsNumber(t) || t == ExprType::kBool; };
  if (numeric_like(from) && numeric_like(to)) return true;
  auto is_time = [](ExprType t) { return t == ExprType::kDate || t == ExprType::kTimestamp; };
  return is_time(from) && is_time(to);
}

struct CastTarget {
  ExprType type;
  int int_bits = 64;
  bool float32 = false;
};

bool CastTargetOf(const std::string& name, CastTarget* out) {
  static const std::pair<std::string_view, CastTarget> kTypes[] = {
      {"BOOLEAN", {ExprType::kBool}},
      {"BOOL", {ExprType::kBool}},
      {"TINYINT", {ExprType::kInt64, 8}},
      {"INT1", {ExprType::kInt64, 8}},
      {"SMALLINT", {ExprType::kInt64, 16}},
      {"INT2", {ExprType::kInt64, 16}},
      {"INTEGER", {ExprType::kInt64, 32}},
      {"INT", {ExprType::kInt64, 32}},
      {"INT4", {ExprType::kInt64, 32}},
      {"BIGINT", {ExprType::kInt64}},
      {"INT8", {ExprType::kInt64}},
      {"DOUBLE", {ExprType::kDouble}},
      {"FLOAT8", {ExprType::kDouble}},
      {"FLOAT", {ExprType::kDouble, 64, true}},
      {"REAL", {ExprType::kDouble, 64, true}},
      {"FLOAT4", {ExprType::kDouble, 64, true}},
      {"VARCHAR", {ExprType::kString}},
      {"TEXT", {ExprType::kString}},
      {"STRING", {ExprType::kString}},
      {"DATE", {ExprType::kDate}},
      {"TIMESTAMP", {ExprType::kTimestamp}},
      {"DATETIME", {ExprType::kTimestamp}},
  };
  for (const auto& [type_name, target] : kTypes) {
    if (type_name == name) {
      *out = target;
      return true;
    }
  }
  return false;
}

NodePtr MakeArith(const Ast& ast, ArithOp op, ExprType type, NodePtr a, NodePtr b) {
  auto node = MakeNode(NodeKind::kArith, type, ast.pos);
  node->arith = op;
  node->op_text = ast.text;
  node->args = {std::move(a), std::move(b)};
  return node;
}

Result<NodePtr> FoldLiteralCast(std::shared_ptr<BoundNode> cast) {
  if (cast->args[0]->kind != NodeKind::kLiteral) return NodePtr(cast);
  S3C_ASSIGN_OR_RETURN(Scalar value, EvaluateConstant(*cast, EvalContext{}));
  return MakeLiteral(std::move(value), cast->args[0]->pos);
}

}  // namespace

Result<NodePtr> Binder::CastTo(NodePtr node, ExprType type, SourcePos pos) {
  if (node->type == type) return node;
  if (!CanCast(node->type, type)) {
    return InvalidArgumentError(fmt::format("cannot cast {} to {} at {}", ExprTypeName(node->type),
                                            ExprTypeName(type), PosText(pos)));
  }
  auto cast = MakeNode(NodeKind::kCast, type, node->pos);
  cast->op_text = "CAST";
  cast->args.push_back(std::move(node));
  return FoldLiteralCast(std::move(cast));
}

Result<NodePtr> Binder::BindCast(const Ast& ast) {
  S3C_ASSIGN_OR_RETURN(NodePtr operand, Bind(*ast.args[0]));
  CastTarget target;
  if (!CastTargetOf(ast.text, &target)) {
    return InvalidArgumentError(fmt::format("unknown type {} at {}", ast.text, PosText(ast.pos)));
  }
  if (!CanCast(operand->type, target.type)) {
    return InvalidArgumentError(fmt::format(
        "cannot cast {} to {} at {}", ExprTypeName(operand->type), ast.text, PosText(ast.pos)));
  }
  auto cast = MakeNode(NodeKind::kCast, target.type, ast.pos);
  cast->op_text = "CAST";
  cast->cast_int_bits = target.int_bits;
  cast->cast_float32 = target.float32;
  cast->args.push_back(std::move(operand));
  return FoldLiteralCast(std::move(cast));
}

Result<NodePtr> Binder::BindArithmetic(const Ast& ast, NodePtr a, NodePtr b) {
  ArithOp op = ArithOpOf(ast.text);
  auto make = [&](ExprType type, NodePtr x, NodePtr y) {
    return MakeArith(ast, op, type, std::move(x), std::move(y));
  };
  if (op == ArithOp::kConcat) {
    // As DuckDB: every operand is cast to string; NULL makes the result NULL.
    S3C_ASSIGN_OR_RETURN(a, CastTo(std::move(a), ExprType::kString, ast.pos));
    S3C_ASSIGN_OR_RETURN(b, CastTo(std::move(b), ExprType::kString, ast.pos));
    return make(ExprType::kString, std::move(a), std::move(b));
  }
  ExprType x = a->type, y = b->type;
  bool numeric = (IsNumber(x) || x == ExprType::kNull) && (IsNumber(y) || y == ExprType::kNull);
  if (!numeric) return BindTemporalArithmetic(ast, std::move(a), std::move(b));
  ExprType type =
      (x == ExprType::kDouble || y == ExprType::kDouble) ? ExprType::kDouble : ExprType::kInt64;
  if (op == ArithOp::kDiv) type = ExprType::kDouble;
  S3C_ASSIGN_OR_RETURN(a, CastTo(std::move(a), type, ast.pos));
  S3C_ASSIGN_OR_RETURN(b, CastTo(std::move(b), type, ast.pos));
  return make(type, std::move(a), std::move(b));
}

// date +/- integer -> date; date - date -> int64 (days); date or timestamp +/- interval ->
// timestamp (DuckDB's rules). The interval must be a literal.
Result<NodePtr> Binder::BindTemporalArithmetic(const Ast& ast, NodePtr a, NodePtr b) {
  ArithOp op = ArithOpOf(ast.text);
  ExprType x = a->type, y = b->type;
  auto make = [&](ExprType type, NodePtr l, NodePtr r) {
    return MakeArith(ast, op, type, std::move(l), std::move(r));
  };
  bool add_or_sub = op == ArithOp::kAdd || op == ArithOp::kSub;
  if (add_or_sub && x == ExprType::kDate && y == ExprType::kInt64) {
    return make(ExprType::kDate, std::move(a), std::move(b));
  }
  if (op == ArithOp::kAdd && x == ExprType::kInt64 && y == ExprType::kDate) {
    return make(ExprType::kDate, std::move(b), std::move(a));
  }
  if (op == ArithOp::kSub && x == ExprType::kDate && y == ExprType::kDate) {
    return make(ExprType::kInt64, std::move(a), std::move(b));
  }
  auto is_time = [](ExprType t) { return t == ExprType::kDate || t == ExprType::kTimestamp; };
  if (op == ArithOp::kAdd && x == ExprType::kInterval && is_time(y)) {
    std::swap(a, b);
    std::swap(x, y);
  }
  if (add_or_sub && is_time(x) && y == ExprType::kInterval) {
    if (b->kind != NodeKind::kLiteral) {
      return InvalidArgumentError(fmt::format("interval at {} must be a literal", PosText(b->pos)));
    }
    S3C_ASSIGN_OR_RETURN(a, CastTo(std::move(a), ExprType::kTimestamp, ast.pos));
    return make(ExprType::kTimestamp, std::move(a), std::move(b));
  }
  return InvalidArgumentError(fmt::format("operator \"{}\" does not apply to {} and {} at {}",
                                          ast.text, ExprTypeName(x), ExprTypeName(y),
                                          PosText(ast.pos)));
}

}  // namespace s3c::expr
