// The parse tree of a filter expression: what the text says, before names and types are
// resolved (binder.h). Every node keeps the 1-based line and column where it starts, so the
// binder's errors can point into the expression.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "s3c/expr/filter.h"

namespace s3c::expr {

enum class AstKind {
  kLiteral,  // literal: text holds the token text (string literals unquoted)
  kColumn,   // text: the name (quoted: exact; bare: case-insensitive)
  kUnary,    // text: "NOT" or "-"; args[0]
  kBinary,   // text: "AND", "OR", "=", "<>", "<", "<=", ">", ">=", "+", "-", "*", "/", "//",
             // "%", "||"; args[0], args[1]
  kIsNull,   // args[0]; negated: IS NOT NULL
  kIn,       // args[0] IN (args[1..]); negated: NOT IN
  kBetween,  // args[0] BETWEEN args[1] AND args[2]; negated: NOT BETWEEN
  kLike,     // args[0] LIKE args[1] [ESCAPE args[2]]; text: "LIKE" or "ILIKE"; negated
  kCall,     // text: lower-case function name; args; for extract(f FROM x) args[0] is the
             // field as a string literal
  kCast,     // args[0]; text: the target type name, upper-case
  kCase,     // [operand] (when then)* [else]; has_operand, has_else
};

enum class LiteralKind {
  kNull,
  kTrue,
  kFalse,
  kInteger,
  kFloat,
  kString,
  kDate,
  kTimestamp,
  kInterval
};

struct Ast {
  AstKind kind = AstKind::kLiteral;
  SourcePos pos;
  std::string text;
  LiteralKind literal = LiteralKind::kNull;
  bool negated = false;
  bool has_operand = false;
  bool has_else = false;
  bool quoted = false;  // kColumn written as "name"
  std::vector<std::unique_ptr<Ast>> args;
};

// Parses the whole text as one expression. Errors are InvalidArgument:
//   `expected ")" at 1:12, found end of input`.
Result<std::unique_ptr<Ast>> ParseExpression(std::string_view text);

}  // namespace s3c::expr
