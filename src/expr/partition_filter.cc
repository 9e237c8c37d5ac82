// ColumnsRead, BindTermsOver and ConstraintsOn (s3c/expr/partition_filter.h).
#include "s3c/expr/partition_filter.h"

#include <fmt/format.h>

#include "expr/ast.h"
#include "expr/binder.h"
#include "expr/name_suggest.h"
#include "s3c/common/strings.h"

namespace s3c::expr {
namespace {

bool IsAnd(const Ast& a) { return a.kind == AstKind::kBinary && a.text == "AND"; }

// The top-level AND terms, detached from the tree.
void TakeTerms(std::unique_ptr<Ast> a, std::vector<std::unique_ptr<Ast>>* out) {
  if (IsAnd(*a)) {
    TakeTerms(std::move(a->args[0]), out);
    TakeTerms(std::move(a->args[1]), out);
    return;
  }
  out->push_back(std::move(a));
}

void CollectColumns(const Ast& a, std::vector<const Ast*>* out) {
  if (a.kind == AstKind::kColumn) out->push_back(&a);
  for (const auto& arg : a.args) CollectColumns(*arg, out);
}

// True when the column reference resolves in `schema` (or is current_date / current_timestamp,
// which the binder reads as calls).
bool Resolves(const Ast& column, const columnar::Schema& schema) {
  if (schema.GetFieldIndex(column.text) >= 0) return true;
  if (column.quoted) return false;
  if (FindFieldIgnoringCase(schema, column.text) >= 0) return true;
  std::string lower = ToLower(column.text);
  return lower == "current_date" || lower == "current_timestamp";
}

// The name of `names` a column reference means, or "".
std::string Match(const Ast& column, const std::set<std::string>& names) {
  if (column.kind != AstKind::kColumn) return "";
  if (names.count(column.text) > 0) return column.text;
  if (column.quoted) return "";
  for (const std::string& n : names) {
    if (IEquals(n, column.text)) return n;
  }
  return "";
}

std::optional<ConstraintValue> LiteralValue(const Ast& a) {
  if (a.kind != AstKind::kLiteral) return std::nullopt;
  ConstraintValue v;
  v.text = a.text;
  switch (a.literal) {
    case LiteralKind::kString:
      v.kind = ConstraintValue::Kind::kString;
      return v;
    case LiteralKind::kInteger:
      v.kind = ConstraintValue::Kind::kInteger;
      return v;
    case LiteralKind::kFloat:
      v.kind = ConstraintValue::Kind::kFloat;
      return v;
    case LiteralKind::kDate:
      v.kind = ConstraintValue::Kind::kDate;
      return v;
    case LiteralKind::kTimestamp:
      v.kind = ConstraintValue::Kind::kTimestamp;
      return v;
    default:
      return std::nullopt;
  }
}

// The comparison `op` seen from the column's side when the literal is on the left.
std::string Flip(const std::string& op) {
  if (op == "<") return ">";
  if (op == "<=") return ">=";
  if (op == ">") return "<";
  if (op == ">=") return "<=";
  return op;
}

void AddComparison(const std::string& op, ConstraintValue v, ColumnConstraint* c) {
  if (op == "=" || op == "==") {
    if (!c->equals) c->equals = std::vector<ConstraintValue>{std::move(v)};
  } else if (op == ">" || op == ">=") {
    if (!c->lower) {
      c->lower = std::move(v);
      c->lower_inclusive = op == ">=";
    }
  } else if (op == "<" || op == "<=") {
    if (!c->upper) {
      c->upper = std::move(v);
      c->upper_inclusive = op == "<=";
    }
  }
}

void AddTerm(const Ast& t, const std::set<std::string>& names,
             std::map<std::string, ColumnConstraint>* out) {
  if (t.kind == AstKind::kBinary && t.args.size() == 2) {
    std::string left = Match(*t.args[0], names), right = Match(*t.args[1], names);
    if (!left.empty()) {
      if (auto v = LiteralValue(*t.args[1])) AddComparison(t.text, *v, &(*out)[left]);
    } else if (!right.empty()) {
      if (auto v = LiteralValue(*t.args[0])) AddComparison(Flip(t.text), *v, &(*out)[right]);
    }
    return;
  }
  if (t.negated || t.args.empty()) return;
  std::string column = Match(*t.args[0], names);
  if (column.empty()) return;
  if (t.kind == AstKind::kIn) {
    std::vector<ConstraintValue> values;
    for (size_t i = 1; i < t.args.size(); ++i) {
      auto v = LiteralValue(*t.args[i]);
      if (!v) return;  // a non-literal member: no finite set
      values.push_back(std::move(*v));
    }
    ColumnConstraint& c = (*out)[column];
    if (!c.equals) c.equals = std::move(values);
  } else if (t.kind == AstKind::kBetween && t.args.size() == 3) {
    auto lo = LiteralValue(*t.args[1]), hi = LiteralValue(*t.args[2]);
    if (lo) AddComparison(">=", *lo, &(*out)[column]);
    if (hi) AddComparison("<=", *hi, &(*out)[column]);
  }
}

}  // namespace

Result<std::set<std::string>> ColumnsRead(std::string_view text) {
  S3C_ASSIGN_OR_RETURN(std::unique_ptr<Ast> ast, ParseExpression(text));
  std::vector<const Ast*> columns;
  CollectColumns(*ast, &columns);
  std::set<std::string> names;
  for (const Ast* c : columns) names.insert(c->text);
  return names;
}

Result<std::shared_ptr<const Filter>> BindTermsOver(std::string_view text,
                                                    const columnar::Schema& schema) {
  S3C_ASSIGN_OR_RETURN(std::unique_ptr<Ast> ast, ParseExpression(text));
  std::vector<std::unique_ptr<Ast>> terms;
  TakeTerms(std::move(ast), &terms);
  std::unique_ptr<Ast> kept;
  for (auto& term : terms) {
    std::vector<const Ast*> columns;
    CollectColumns(*term, &columns);
    bool all = true;  // a term without columns is a constant: exact for every partition
    for (const Ast* c : columns) all = all && Resolves(*c, schema);
    if (!all) continue;
    if (!kept) {
      kept = std::move(term);
      continue;
    }
    auto both = std::make_unique<Ast>();
    both->kind = AstKind::kBinary;
    both->text = "AND";
    both->pos = kept->pos;
    both->args.push_back(std::move(kept));
    both->args.push_back(std::move(term));
    kept = std::move(both);
  }
  if (!kept) return std::shared_ptr<const Filter>();
  Binder binder(schema);
  S3C_ASSIGN_OR_RETURN(NodePtr root, binder.Bind(*kept));
  if (root->type != ExprType::kBool && root->type != ExprType::kNull) {
    return std::shared_ptr<const Filter>();  // a non-boolean term decides nothing
  }
  return std::make_shared<const Filter>(
      std::string(text), std::make_shared<const columnar::Schema>(schema), std::move(root));
}

Result<std::map<std::string, ColumnConstraint>> ConstraintsOn(
    std::string_view text, const std::set<std::string>& names) {
  S3C_ASSIGN_OR_RETURN(std::unique_ptr<Ast> ast, ParseExpression(text));
  std::vector<std::unique_ptr<Ast>> terms;
  TakeTerms(std::move(ast), &terms);
  std::map<std::string, ColumnConstraint> out;
  for (const auto& t : terms) AddTerm(*t, names, &out);
  return out;
}

}  // namespace s3c::expr
