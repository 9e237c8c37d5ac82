// Binding: resolves names against a schema, types every node and makes implicit casts explicit
// (rules in include/s3c/expr/filter.h). Errors are InvalidArgument and name the position.
#pragma once

#include "expr/ast.h"
#include "expr/bound.h"
#include "s3c/columnar/schema.h"

namespace s3c::expr {

class Binder {
 public:
  explicit Binder(const columnar::Schema& schema) : schema_(schema) {}

  Result<NodePtr> Bind(const Ast& ast);

  // Shared with binder_calls.cc.
  Result<NodePtr> BindCall(const Ast& ast);
  Result<NodePtr> BindCase(const Ast& ast);
  Result<NodePtr> BindLike(const Ast& ast);
  // `node` converted to `type` (no-op when equal); string literals are parsed right away, so a
  // bad literal fails here with its position.
  Result<NodePtr> CastTo(NodePtr node, ExprType type, SourcePos pos);
  // The type two operands meet at (numbers widen, date meets timestamp, a string literal takes
  // the other side's type, NULL takes any); an error names `op` and both types.
  Result<ExprType> CommonType(const BoundNode& a, const BoundNode& b, std::string_view op,
                              SourcePos pos) const;
  // Converts every node to the common type of all of them.
  Result<std::vector<NodePtr>> Unify(std::vector<NodePtr> nodes, std::string_view op,
                                     SourcePos pos);

 private:
  Result<NodePtr> BindLiteral(const Ast& ast);
  Result<NodePtr> BindColumn(const Ast& ast);
  Result<NodePtr> BindUnary(const Ast& ast);
  Result<NodePtr> BindBinary(const Ast& ast);
  Result<NodePtr> BindArithmetic(const Ast& ast, NodePtr a, NodePtr b);
  Result<NodePtr> BindTemporalArithmetic(const Ast& ast, NodePtr a, NodePtr b);
  Result<NodePtr> BindCompare(std::string_view op, SourcePos pos, NodePtr a, NodePtr b);
  Result<NodePtr> BindIn(const Ast& ast);
  Result<NodePtr> BindBetween(const Ast& ast);
  Result<NodePtr> BindCast(const Ast& ast);

  const columnar::Schema& schema_;
};

std::shared_ptr<BoundNode> MakeNode(NodeKind kind, ExprType type, SourcePos pos);
NodePtr MakeLiteral(Scalar value, SourcePos pos);
std::string PosText(SourcePos pos);  // "1:8"
// The expression type a column of `type` evaluates as; false when filters cannot use it.
bool ExprTypeOfColumn(const columnar::DataType& type, ExprType* out);

}  // namespace s3c::expr
