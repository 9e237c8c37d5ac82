#include "expr/binder.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>

#include "expr/eval_internal.h"
#include "expr/name_suggest.h"
#include "s3c/common/strings.h"

namespace s3c::expr {

std::shared_ptr<BoundNode> MakeNode(NodeKind kind, ExprType type, SourcePos pos) {
  auto node = std::make_shared<BoundNode>();
  node->kind = kind;
  node->type = type;
  node->pos = pos;
  return node;
}

NodePtr MakeLiteral(Scalar value, SourcePos pos) {
  auto node = MakeNode(NodeKind::kLiteral, value.type, pos);
  node->value = std::move(value);
  return node;
}

std::string PosText(SourcePos pos) { return fmt::format("{}:{}", pos.line, pos.column); }

bool ExprTypeOfColumn(const columnar::DataType& type, ExprType* out) {
  using columnar::TypeId;
  TypeId id = type.id();
  if (columnar::IsInteger(id)) {
    *out = ExprType::kInt64;
  } else if (columnar::IsFloating(id) || id == TypeId::kDecimal128) {
    *out = ExprType::kDouble;
  } else if (columnar::IsBinaryLike(id)) {
    *out = ExprType::kString;
  } else if (id == TypeId::kBool) {
    *out = ExprType::kBool;
  } else if (id == TypeId::kDate32) {
    *out = ExprType::kDate;
  } else if (id == TypeId::kTimestamp) {
    *out = ExprType::kTimestamp;
  } else if (id == TypeId::kNull) {
    *out = ExprType::kNull;
  } else {
    return false;
  }
  return true;
}

namespace {

bool IsStringLiteral(const BoundNode& node) {
  return node.kind == NodeKind::kLiteral && node.type == ExprType::kString;
}

Result<Interval> ParseInterval(const std::string& text, SourcePos pos) {
  auto bad = [&] {
    return InvalidArgumentError(
        fmt::format("invalid interval '{}' at {} (expected a count and a unit such as '3 days')",
                    text, PosText(pos)));
  };
  size_t space = text.find(' ');
  std::string_view count_text = std::string_view(text).substr(0, space);
  int64_t count = 0;
  bool negative = !count_text.empty() && count_text[0] == '-';
  if (negative) count_text.remove_prefix(1);
  auto [end, ec] = std::from_chars(count_text.data(), count_text.data() + count_text.size(), count);
  if (ec != std::errc() || end != count_text.data() + count_text.size() || space == text.npos) {
    return bad();
  }
  if (negative) count = -count;
  std::string unit;
  for (char c : text.substr(space + 1)) {
    if (c != ' ') unit.push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  }
  if (unit.size() > 1 && unit.back() == 's') unit.pop_back();
  Interval out;
  if (unit == "year") {
    out.months = static_cast<int32_t>(count * 12);
  } else if (unit == "month") {
    out.months = static_cast<int32_t>(count);
  } else if (unit == "week") {
    out.days = static_cast<int32_t>(count * 7);
  } else if (unit == "day") {
    out.days = static_cast<int32_t>(count);
  } else if (unit == "hour") {
    out.micros = count * 3600'000'000;
  } else if (unit == "minute") {
    out.micros = count * 60'000'000;
  } else if (unit == "second") {
    out.micros = count * 1'000'000;
  } else {
    return bad();
  }
  return out;
}

}  // namespace

Result<NodePtr> Binder::Bind(const Ast& ast) {
  switch (ast.kind) {
    case AstKind::kLiteral:
      return BindLiteral(ast);
    case AstKind::kColumn:
      return BindColumn(ast);
    case AstKind::kUnary:
      return BindUnary(ast);
    case AstKind::kBinary:
      return BindBinary(ast);
    case AstKind::kIsNull: {
      S3C_ASSIGN_OR_RETURN(NodePtr operand, Bind(*ast.args[0]));
      auto node = MakeNode(NodeKind::kIsNull, ExprType::kBool, ast.pos);
      node->negated = ast.negated;
      node->args.push_back(std::move(operand));
      return NodePtr(node);
    }
    case AstKind::kIn:
      return BindIn(ast);
    case AstKind::kBetween:
      return BindBetween(ast);
    case AstKind::kLike:
      return BindLike(ast);
    case AstKind::kCall:
      return BindCall(ast);
    case AstKind::kCast:
      return BindCast(ast);
    case AstKind::kCase:
      return BindCase(ast);
  }
  return InternalError("unknown parse node");
}

Result<NodePtr> Binder::BindLiteral(const Ast& ast) {
  Scalar value;
  value.is_null = false;
  switch (ast.literal) {
    case LiteralKind::kNull:
      value.is_null = true;
      break;
    case LiteralKind::kTrue:
    case LiteralKind::kFalse:
      value.type = ExprType::kBool;
      value.i = ast.literal == LiteralKind::kTrue;
      break;
    case LiteralKind::kInteger: {
      value.type = ExprType::kInt64;
      auto [end, ec] = std::from_chars(ast.text.data(), ast.text.data() + ast.text.size(), value.i);
      if (ec != std::errc() || end != ast.text.data() + ast.text.size()) {
        return InvalidArgumentError(
            fmt::format("integer {} at {} is out of the int64 range", ast.text, PosText(ast.pos)));
      }
      break;
    }
    case LiteralKind::kFloat:
      value.type = ExprType::kDouble;
      value.d = std::strtod(ast.text.c_str(), nullptr);
      break;
    case LiteralKind::kString:
      value.type = ExprType::kString;
      value.s = ast.text;
      break;
    case LiteralKind::kDate:
    case LiteralKind::kTimestamp: {
      Scalar text;
      text.type = ExprType::kString;
      text.is_null = false;
      text.s = ast.text;
      return CastTo(MakeLiteral(std::move(text), ast.pos),
                    ast.literal == LiteralKind::kDate ? ExprType::kDate : ExprType::kTimestamp,
                    ast.pos);
    }
    case LiteralKind::kInterval: {
      value.type = ExprType::kInterval;
      S3C_ASSIGN_OR_RETURN(value.interval, ParseInterval(ast.text, ast.pos));
      break;
    }
  }
  return MakeLiteral(std::move(value), ast.pos);
}

Result<NodePtr> Binder::BindColumn(const Ast& ast) {
  int index = schema_.GetFieldIndex(ast.text);
  if (index < 0 && !ast.quoted) index = FindFieldIgnoringCase(schema_, ast.text);
  if (index < 0) {
    std::string lower = ToLower(ast.text);
    if (!ast.quoted && (lower == "current_date" || lower == "current_timestamp")) {
      Ast call;
      call.kind = AstKind::kCall;
      call.pos = ast.pos;
      call.text = lower == "current_date" ? "current_date" : "now";
      return BindCall(call);
    }
    int same_name = 0;
    for (const columnar::Field& field : schema_.fields()) same_name += field.name() == ast.text;
    if (same_name > 1) {
      return InvalidArgumentError(
          fmt::format("column \"{}\" at {} is ambiguous: the schema has "
                      "{} columns of that name",
                      ast.text, PosText(ast.pos), same_name));
    }
    return InvalidArgumentError(fmt::format("unknown column \"{}\" at {}{}", ast.text,
                                            PosText(ast.pos), SuggestName(schema_, ast.text)));
  }
  const columnar::Field& field = schema_.field(index);
  ExprType type;
  if (!ExprTypeOfColumn(field.type(), &type)) {
    return InvalidArgumentError(
        fmt::format("column \"{}\" at {} has type {}, which filters "
                    "cannot use",
                    field.name(), PosText(ast.pos), field.type().ToString()));
  }
  auto node = MakeNode(NodeKind::kColumn, type, ast.pos);
  node->column = index;
  node->op_text = field.name();
  return NodePtr(node);
}

Result<NodePtr> Binder::BindUnary(const Ast& ast) {
  S3C_ASSIGN_OR_RETURN(NodePtr operand, Bind(*ast.args[0]));
  if (ast.text == "NOT") {
    if (operand->type != ExprType::kBool && operand->type != ExprType::kNull) {
      return InvalidArgumentError(fmt::format("NOT at {} needs a boolean, not {}", PosText(ast.pos),
                                              ExprTypeName(operand->type)));
    }
    S3C_ASSIGN_OR_RETURN(operand, CastTo(std::move(operand), ExprType::kBool, ast.pos));
    auto node = MakeNode(NodeKind::kNot, ExprType::kBool, ast.pos);
    node->args.push_back(std::move(operand));
    return NodePtr(node);
  }
  if (!IsNumber(operand->type) && operand->type != ExprType::kNull) {
    return InvalidArgumentError(fmt::format("operator \"-\" does not apply to {} at {}",
                                            ExprTypeName(operand->type), PosText(ast.pos)));
  }
  ExprType type = operand->type == ExprType::kNull ? ExprType::kInt64 : operand->type;
  S3C_ASSIGN_OR_RETURN(operand, CastTo(std::move(operand), type, ast.pos));
  auto node = MakeNode(NodeKind::kNegate, type, ast.pos);
  node->op_text = "-";
  node->args.push_back(std::move(operand));
  return NodePtr(node);
}

Result<NodePtr> Binder::BindBinary(const Ast& ast) {
  S3C_ASSIGN_OR_RETURN(NodePtr a, Bind(*ast.args[0]));
  S3C_ASSIGN_OR_RETURN(NodePtr b, Bind(*ast.args[1]));
  const std::string& op = ast.text;
  if (op == "AND" || op == "OR") {
    for (const NodePtr* side : {&a, &b}) {
      if ((*side)->type != ExprType::kBool && (*side)->type != ExprType::kNull) {
        return InvalidArgumentError(fmt::format("{} at {} needs booleans, not {}", op,
                                                PosText(ast.pos), ExprTypeName((*side)->type)));
      }
    }
    S3C_ASSIGN_OR_RETURN(a, CastTo(std::move(a), ExprType::kBool, ast.pos));
    S3C_ASSIGN_OR_RETURN(b, CastTo(std::move(b), ExprType::kBool, ast.pos));
    auto node = MakeNode(op == "AND" ? NodeKind::kAnd : NodeKind::kOr, ExprType::kBool, ast.pos);
    node->args = {std::move(a), std::move(b)};
    return NodePtr(node);
  }
  if (op == "=" || op == "<>" || op == "<" || op == "<=" || op == ">" || op == ">=") {
    return BindCompare(op, ast.pos, std::move(a), std::move(b));
  }
  return BindArithmetic(ast, std::move(a), std::move(b));
}

Result<NodePtr> Binder::BindCompare(std::string_view op, SourcePos pos, NodePtr a, NodePtr b) {
  S3C_ASSIGN_OR_RETURN(ExprType type, CommonType(*a, *b, op, pos));
  if (type == ExprType::kInterval) {
    return InvalidArgumentError(
        fmt::format("operator \"{}\" at {} cannot compare intervals", op, PosText(pos)));
  }
  S3C_ASSIGN_OR_RETURN(a, CastTo(std::move(a), type, pos));
  S3C_ASSIGN_OR_RETURN(b, CastTo(std::move(b), type, pos));
  auto node = MakeNode(NodeKind::kCompare, ExprType::kBool, pos);
  node->op_text = std::string(op);
  node->compare = op == "="    ? CompareOp::kEq
                  : op == "<>" ? CompareOp::kNe
                  : op == "<"  ? CompareOp::kLt
                  : op == "<=" ? CompareOp::kLe
                  : op == ">"  ? CompareOp::kGt
                               : CompareOp::kGe;
  node->args = {std::move(a), std::move(b)};
  return NodePtr(node);
}

Result<ExprType> Binder::CommonType(const BoundNode& a, const BoundNode& b, std::string_view op,
                                    SourcePos pos) const {
  ExprType x = a.type, y = b.type;
  if (x == y) return x;
  if (x == ExprType::kNull) return y;
  if (y == ExprType::kNull) return x;
  if (IsNumber(x) && IsNumber(y)) return ExprType::kDouble;
  auto is_time = [](ExprType t) { return t == ExprType::kDate || t == ExprType::kTimestamp; };
  if (is_time(x) && is_time(y)) return ExprType::kTimestamp;
  if (IsStringLiteral(a) && y != ExprType::kInterval) return y;
  if (IsStringLiteral(b) && x != ExprType::kInterval) return x;
  return InvalidArgumentError(fmt::format("operator \"{}\" does not apply to {} and {} at {}", op,
                                          ExprTypeName(x), ExprTypeName(y), PosText(pos)));
}

Result<std::vector<NodePtr>> Binder::Unify(std::vector<NodePtr> nodes, std::string_view op,
                                           SourcePos pos) {
  // Fold pairwise, preferring a non-literal type so string literals take a column's type.
  const BoundNode* typed = nodes[0].get();
  for (const NodePtr& node : nodes) {
    if (node->type != ExprType::kNull && !IsStringLiteral(*node)) typed = node.get();
  }
  ExprType type = typed->type;
  for (const NodePtr& node : nodes) {
    BoundNode probe;
    probe.type = type;
    probe.kind = typed->kind;
    if (type == ExprType::kString && IsStringLiteral(*typed)) probe.kind = NodeKind::kLiteral;
    S3C_ASSIGN_OR_RETURN(type, CommonType(probe, *node, op, node->pos));
  }
  for (NodePtr& node : nodes) {
    S3C_ASSIGN_OR_RETURN(node, CastTo(std::move(node), type, pos));
  }
  return nodes;
}

Result<NodePtr> Binder::BindIn(const Ast& ast) {
  std::vector<NodePtr> nodes;
  for (const auto& arg : ast.args) {
    S3C_ASSIGN_OR_RETURN(NodePtr node, Bind(*arg));
    nodes.push_back(std::move(node));
  }
  S3C_ASSIGN_OR_RETURN(nodes, Unify(std::move(nodes), "IN", ast.pos));
  if (nodes[0]->type == ExprType::kInterval) {
    return InvalidArgumentError(fmt::format("IN at {} cannot compare intervals", PosText(ast.pos)));
  }
  auto node = MakeNode(NodeKind::kIn, ExprType::kBool, ast.pos);
  node->negated = ast.negated;
  node->args = std::move(nodes);
  return NodePtr(node);
}

// x BETWEEN a AND b is (x >= a AND x <= b), as in SQL; NOT BETWEEN negates that.
Result<NodePtr> Binder::BindBetween(const Ast& ast) {
  S3C_ASSIGN_OR_RETURN(NodePtr x, Bind(*ast.args[0]));
  S3C_ASSIGN_OR_RETURN(NodePtr low, Bind(*ast.args[1]));
  S3C_ASSIGN_OR_RETURN(NodePtr high, Bind(*ast.args[2]));
  S3C_ASSIGN_OR_RETURN(NodePtr ge, BindCompare(">=", ast.pos, x, std::move(low)));
  S3C_ASSIGN_OR_RETURN(NodePtr le, BindCompare("<=", ast.pos, x, std::move(high)));
  auto both = MakeNode(NodeKind::kAnd, ExprType::kBool, ast.pos);
  both->args = {std::move(ge), std::move(le)};
  if (!ast.negated) return NodePtr(both);
  auto negated = MakeNode(NodeKind::kNot, ExprType::kBool, ast.pos);
  negated->args.push_back(std::move(both));
  return NodePtr(negated);
}

}  // namespace s3c::expr
