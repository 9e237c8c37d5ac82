#include "s3c/expr/filter.h"

#include <fmt/format.h>

#include "expr/ast.h"
#include "expr/binder.h"

namespace s3c::expr {

Result<std::shared_ptr<const Filter>> Filter::Bind(std::string_view text,
                                                   const columnar::Schema& schema) {
  S3C_ASSIGN_OR_RETURN(std::unique_ptr<Ast> ast, ParseExpression(text));
  Binder binder(schema);
  S3C_ASSIGN_OR_RETURN(NodePtr root, binder.Bind(*ast));
  if (root->type != ExprType::kBool && root->type != ExprType::kNull) {
    return InvalidArgumentError(fmt::format("filter must be a boolean expression, not {} (at {})",
                                            ExprTypeName(root->type), PosText(root->pos)));
  }
  return std::make_shared<const Filter>(
      std::string(text), std::make_shared<const columnar::Schema>(schema), std::move(root));
}

}  // namespace s3c::expr
