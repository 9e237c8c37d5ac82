// Binding of function calls, CASE and LIKE.
#include <fmt/format.h>
#include <re2/re2.h>

#include "expr/binder.h"
#include "s3c/common/strings.h"

namespace s3c::expr {
namespace {

struct FunctionSpec {
  std::string_view name;
  Function function;
  int min_args;
  int max_args;  // -1: any number
};

constexpr FunctionSpec kFunctions[] = {
    {"lower", Function::kLower, 1, 1},
    {"upper", Function::kUpper, 1, 1},
    {"length", Function::kLength, 1, 1},
    {"substr", Function::kSubstr, 2, 3},
    {"substring", Function::kSubstr, 2, 3},
    {"trim", Function::kTrim, 1, 1},
    {"starts_with", Function::kStartsWith, 2, 2},
    {"ends_with", Function::kEndsWith, 2, 2},
    {"contains", Function::kContains, 2, 2},
    {"regexp_matches", Function::kRegexpMatches, 2, 2},
    {"concat", Function::kConcat, 1, -1},
    {"date_trunc", Function::kDateTrunc, 2, 2},
    {"date_part", Function::kDatePart, 2, 2},
    {"year", Function::kDatePart, 1, 1},
    {"month", Function::kDatePart, 1, 1},
    {"day", Function::kDatePart, 1, 1},
    {"hour", Function::kDatePart, 1, 1},
    {"now", Function::kNow, 0, 0},
    {"current_timestamp", Function::kNow, 0, 0},
    {"current_date", Function::kCurrentDate, 0, 0},
    {"coalesce", Function::kCoalesce, 1, -1},
};

bool DatePartOf(const std::string& name, DatePart* out) {
  static const std::pair<std::string_view, DatePart> kParts[] = {
      {"year", DatePart::kYear},     {"quarter", DatePart::kQuarter}, {"month", DatePart::kMonth},
      {"week", DatePart::kWeek},     {"day", DatePart::kDay},         {"hour", DatePart::kHour},
      {"minute", DatePart::kMinute}, {"second", DatePart::kSecond},   {"dow", DatePart::kDayOfWeek},
      {"doy", DatePart::kDayOfYear},
  };
  std::string lower = ToLower(name);
  for (const auto& [part_name, part] : kParts) {
    if (part_name == lower) {
      *out = part;
      return true;
    }
  }
  return false;
}

Status ArgTypeError(const Ast& ast, size_t index, ExprType got, std::string_view want) {
  // year(x) and the like bind as date_part('year', x): their one written argument is index 1.
  size_t written = ast.args.size() == 1 ? 0 : index;
  return InvalidArgumentError(fmt::format("argument {} of {} at {} must be {}, not {}",
                                          written + 1, ast.text,
                                          PosText(ast.args[written]->pos), want,
                                          ExprTypeName(got)));
}

}  // namespace

Result<NodePtr> Binder::BindCall(const Ast& ast) {
  const FunctionSpec* spec = nullptr;
  for (const FunctionSpec& candidate : kFunctions) {
    if (candidate.name == ast.text) spec = &candidate;
  }
  if (spec == nullptr) {
    return InvalidArgumentError(
        fmt::format("unknown function {} at {}", ast.text, PosText(ast.pos)));
  }
  int n = static_cast<int>(ast.args.size());
  if (n < spec->min_args || (spec->max_args >= 0 && n > spec->max_args)) {
    return InvalidArgumentError(fmt::format(
        "{} at {} takes {} arguments, not {}", ast.text, PosText(ast.pos),
        spec->min_args == spec->max_args ? fmt::format("{}", spec->min_args)
                                         : fmt::format("{} to {}", spec->min_args, spec->max_args),
        n));
  }
  std::vector<NodePtr> args;
  for (const auto& arg : ast.args) {
    S3C_ASSIGN_OR_RETURN(NodePtr node, Bind(*arg));
    args.push_back(std::move(node));
  }
  auto node = MakeNode(NodeKind::kCall, ExprType::kString, ast.pos);
  node->function = spec->function;
  node->op_text = ast.text;
  auto want = [&](size_t i, ExprType type, std::string_view name) -> Status {
    if (args[i]->type != type && args[i]->type != ExprType::kNull &&
        !(args[i]->kind == NodeKind::kLiteral && args[i]->type == ExprType::kString)) {
      return ArgTypeError(ast, i, args[i]->type, name);
    }
    SourcePos pos = args[i]->pos;
    S3C_ASSIGN_OR_RETURN(args[i], CastTo(std::move(args[i]), type, pos));
    return Status::OK();
  };
  auto part_argument = [&]() -> Status {
    if (args[0]->kind != NodeKind::kLiteral || args[0]->type != ExprType::kString ||
        !DatePartOf(args[0]->value.s, &node->part)) {
      return InvalidArgumentError(
          fmt::format("argument 1 of {} at {} must be a date part such as 'year', 'month' or 'day'",
                      ast.text, PosText(args[0]->pos)));
    }
    return Status::OK();
  };
  auto temporal_argument = [&](size_t i) -> Status {
    if (args[i]->type == ExprType::kTimestamp) return Status::OK();
    if (args[i]->type == ExprType::kDate) return Status::OK();
    return ArgTypeError(ast, i, args[i]->type, "a date or timestamp");
  };
  switch (spec->function) {
    case Function::kLower:
    case Function::kUpper:
    case Function::kTrim:
      S3C_RETURN_IF_ERROR(want(0, ExprType::kString, "a string"));
      break;
    case Function::kLength:
      S3C_RETURN_IF_ERROR(want(0, ExprType::kString, "a string"));
      node->type = ExprType::kInt64;
      break;
    case Function::kSubstr:
      S3C_RETURN_IF_ERROR(want(0, ExprType::kString, "a string"));
      for (size_t i = 1; i < args.size(); ++i) {
        S3C_RETURN_IF_ERROR(want(i, ExprType::kInt64, "an integer"));
      }
      break;
    case Function::kStartsWith:
    case Function::kEndsWith:
    case Function::kContains:
      S3C_RETURN_IF_ERROR(want(0, ExprType::kString, "a string"));
      S3C_RETURN_IF_ERROR(want(1, ExprType::kString, "a string"));
      node->type = ExprType::kBool;
      break;
    case Function::kRegexpMatches: {
      S3C_RETURN_IF_ERROR(want(0, ExprType::kString, "a string"));
      if (args[1]->kind != NodeKind::kLiteral || args[1]->type != ExprType::kString) {
        return InvalidArgumentError(
            fmt::format("argument 2 of regexp_matches at {} must be a string literal (the pattern)",
                        PosText(args[1]->pos)));
      }
      auto regex = std::make_shared<re2::RE2>(args[1]->value.s, re2::RE2::Quiet);
      if (!regex->ok()) {
        return InvalidArgumentError(fmt::format("invalid regular expression at {}: {}",
                                                PosText(args[1]->pos), regex->error()));
      }
      node->regex = std::move(regex);
      node->type = ExprType::kBool;
      break;
    }
    case Function::kConcat:
      for (NodePtr& arg : args) {
        S3C_ASSIGN_OR_RETURN(arg, CastTo(std::move(arg), ExprType::kString, ast.pos));
      }
      break;
    case Function::kDateTrunc: {
      S3C_RETURN_IF_ERROR(part_argument());
      S3C_RETURN_IF_ERROR(temporal_argument(1));
      S3C_ASSIGN_OR_RETURN(args[1], CastTo(std::move(args[1]), ExprType::kTimestamp, ast.pos));
      node->type = ExprType::kTimestamp;
      break;
    }
    case Function::kDatePart:
      if (args.size() == 1) {  // year(x), month(x), day(x), hour(x)
        Scalar part;
        part.type = ExprType::kString;
        part.is_null = false;
        part.s = ast.text;
        args.insert(args.begin(), MakeLiteral(std::move(part), ast.pos));
      }
      S3C_RETURN_IF_ERROR(part_argument());
      S3C_RETURN_IF_ERROR(temporal_argument(1));
      node->type = ExprType::kInt64;
      break;
    case Function::kNow:
      node->type = ExprType::kTimestamp;
      break;
    case Function::kCurrentDate:
      node->type = ExprType::kDate;
      break;
    case Function::kCoalesce: {
      S3C_ASSIGN_OR_RETURN(args, Unify(std::move(args), ast.text, ast.pos));
      node->type = args[0]->type;
      break;
    }
  }
  node->args = std::move(args);
  return NodePtr(node);
}

// CASE x WHEN v THEN r ... becomes CASE WHEN x = v THEN r ...; results meet at a common type.
Result<NodePtr> Binder::BindCase(const Ast& ast) {
  size_t first = ast.has_operand ? 1 : 0;
  size_t pairs_end = ast.args.size() - (ast.has_else ? 1 : 0);
  NodePtr operand;
  if (ast.has_operand) {
    S3C_ASSIGN_OR_RETURN(operand, Bind(*ast.args[0]));
  }
  std::vector<NodePtr> conditions, results;
  for (size_t i = first; i < pairs_end; i += 2) {
    S3C_ASSIGN_OR_RETURN(NodePtr when, Bind(*ast.args[i]));
    if (operand) {
      S3C_ASSIGN_OR_RETURN(when, BindCompare("=", ast.args[i]->pos, operand, std::move(when)));
    } else if (when->type != ExprType::kBool && when->type != ExprType::kNull) {
      return InvalidArgumentError(fmt::format("WHEN at {} needs a boolean, not {}",
                                              PosText(ast.args[i]->pos), ExprTypeName(when->type)));
    }
    S3C_ASSIGN_OR_RETURN(when, CastTo(std::move(when), ExprType::kBool, ast.args[i]->pos));
    conditions.push_back(std::move(when));
    S3C_ASSIGN_OR_RETURN(NodePtr then, Bind(*ast.args[i + 1]));
    results.push_back(std::move(then));
  }
  if (ast.has_else) {
    S3C_ASSIGN_OR_RETURN(NodePtr otherwise, Bind(*ast.args.back()));
    results.push_back(std::move(otherwise));
  }
  S3C_ASSIGN_OR_RETURN(results, Unify(std::move(results), "CASE", ast.pos));
  auto node = MakeNode(NodeKind::kCase, results[0]->type, ast.pos);
  node->has_else = ast.has_else;
  for (size_t i = 0; i < conditions.size(); ++i) {
    node->args.push_back(std::move(conditions[i]));
    node->args.push_back(std::move(results[i]));
  }
  if (ast.has_else) node->args.push_back(std::move(results.back()));
  return NodePtr(node);
}

Result<NodePtr> Binder::BindLike(const Ast& ast) {
  auto node = MakeNode(NodeKind::kLike, ExprType::kBool, ast.pos);
  node->negated = ast.negated;
  node->case_insensitive = ast.text == "ILIKE";
  node->op_text = ast.text;
  for (size_t i = 0; i < 2; ++i) {
    S3C_ASSIGN_OR_RETURN(NodePtr arg, Bind(*ast.args[i]));
    if (arg->type != ExprType::kString && arg->type != ExprType::kNull) {
      return InvalidArgumentError(fmt::format("{} at {} needs strings, not {}", ast.text,
                                              PosText(ast.pos), ExprTypeName(arg->type)));
    }
    S3C_ASSIGN_OR_RETURN(arg, CastTo(std::move(arg), ExprType::kString, ast.pos));
    node->args.push_back(std::move(arg));
  }
  if (ast.args.size() == 3) {
    S3C_ASSIGN_OR_RETURN(NodePtr escape, Bind(*ast.args[2]));
    if (escape->kind != NodeKind::kLiteral || escape->type != ExprType::kString ||
        escape->value.s.size() != 1) {
      return InvalidArgumentError(
          fmt::format("ESCAPE at {} must be a one-character string", PosText(ast.args[2]->pos)));
    }
    node->like_escape = escape->value.s;
  }
  return NodePtr(node);
}

}  // namespace s3c::expr
