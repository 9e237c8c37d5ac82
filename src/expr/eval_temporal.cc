// date_trunc, date_part (extract, year(), ...), now() and current_date.
#include "expr/eval_internal.h"
#include "expr/temporal.h"

namespace s3c::expr {

Result<Vec> EvalTemporalCall(const BoundNode& node, const std::vector<Vec>& args,
                             const EvalState& state) {
  int64_t now = state.context->now_micros;
  if (node.function == Function::kNow || node.function == Function::kCurrentDate) {
    Scalar value;
    value.type = node.type;
    value.is_null = false;
    value.i = node.function == Function::kNow ? now : DayOfMicros(now);
    return Broadcast(value, state.length);
  }
  const Vec& x = args[1];
  bool is_date = node.args[1]->type == ExprType::kDate;
  Vec out = Vec::Nulls(node.type, x.length);
  out.valid = x.valid;
  for (size_t i = 0; i < out.valid.size(); ++i) {
    int64_t micros = is_date ? x.ints[i] * kMicrosPerDay : x.ints[i];
    out.ints[i] = node.function == Function::kDateTrunc ? TruncateTo(micros, node.part)
                                                        : ExtractPart(micros, node.part);
  }
  return out;
}

}  // namespace s3c::expr
