#include "expr/bound.h"

#include <algorithm>

namespace s3c::expr {

const char* ExprTypeName(ExprType type) {
  switch (type) {
    case ExprType::kNull:
      return "null";
    case ExprType::kBool:
      return "boolean";
    case ExprType::kInt64:
      return "int64";
    case ExprType::kDouble:
      return "double";
    case ExprType::kString:
      return "string";
    case ExprType::kDate:
      return "date";
    case ExprType::kTimestamp:
      return "timestamp";
    case ExprType::kInterval:
      return "interval";
  }
  return "?";
}

bool IsNumber(ExprType type) { return type == ExprType::kInt64 || type == ExprType::kDouble; }

namespace {
void Collect(const BoundNode& node, std::vector<int>* out) {
  if (node.kind == NodeKind::kColumn) out->push_back(node.column);
  for (const NodePtr& arg : node.args) Collect(*arg, out);
}
}  // namespace

std::vector<int> ReferencedColumns(const BoundNode& node) {
  std::vector<int> out;
  Collect(node, &out);
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace s3c::expr
