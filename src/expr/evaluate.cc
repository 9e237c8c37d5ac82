// Vectorized evaluation: dispatch per node, column loading, comparison, logic, IN, CASE and
// the public entry points (include/s3c/expr/evaluate.h).
#include "s3c/expr/evaluate.h"

#include <fmt/format.h>

#include "expr/eval_internal.h"
#include "expr/vec_array.h"

namespace s3c::expr {

Vec Vec::Nulls(ExprType type, int64_t length) {
  Vec out;
  out.type = type;
  out.length = length;
  auto n = static_cast<size_t>(length);
  out.valid.assign(n, 0);
  if (type == ExprType::kDouble) {
    out.doubles.assign(n, 0);
  } else if (type == ExprType::kString) {
    out.strings.assign(n, std::string_view());
  } else {
    out.ints.assign(n, 0);
  }
  return out;
}

StringVecBuilder::StringVecBuilder(int64_t length) : arena_(std::make_shared<std::string>()) {
  spans_.reserve(static_cast<size_t>(length));
  valid_.reserve(static_cast<size_t>(length));
}

void StringVecBuilder::Append(std::string_view value) {
  size_t start = arena_->size();
  arena_->append(value);
  Commit(start);
}

void StringVecBuilder::AppendNull() {
  spans_.emplace_back(arena_->size(), arena_->size());
  valid_.push_back(0);
}

void StringVecBuilder::Commit(size_t start) {
  spans_.emplace_back(start, arena_->size());
  valid_.push_back(1);
}

Vec StringVecBuilder::Finish() {
  Vec out;
  out.type = ExprType::kString;
  out.length = static_cast<int64_t>(spans_.size());
  out.valid = std::move(valid_);
  out.strings.reserve(spans_.size());
  const char* base = arena_->data();
  for (auto [begin, end] : spans_) out.strings.emplace_back(base + begin, end - begin);
  out.owners.push_back(arena_);
  return out;
}

std::string WhereText(const BoundNode& node, int64_t row) {
  return fmt::format("at {}:{}, row {}", node.pos.line, node.pos.column, row);
}

namespace {

template <typename T>
Vec CompareTyped(const BoundNode& node, const std::vector<T>& a, const std::vector<T>& b, Vec out) {
  auto n = static_cast<size_t>(out.length);
  auto apply = [&](auto cmp) {
    for (size_t i = 0; i < n; ++i) out.ints[i] = cmp(a[i], b[i]);
  };
  if constexpr (std::is_same_v<T, double>) {
    switch (node.compare) {
      case CompareOp::kEq:
        apply([](double x, double y) { return CompareDoubles(x, y) == 0; });
        break;
      case CompareOp::kNe:
        apply([](double x, double y) { return CompareDoubles(x, y) != 0; });
        break;
      case CompareOp::kLt:
        apply([](double x, double y) { return CompareDoubles(x, y) < 0; });
        break;
      case CompareOp::kLe:
        apply([](double x, double y) { return CompareDoubles(x, y) <= 0; });
        break;
      case CompareOp::kGt:
        apply([](double x, double y) { return CompareDoubles(x, y) > 0; });
        break;
      case CompareOp::kGe:
        apply([](double x, double y) { return CompareDoubles(x, y) >= 0; });
        break;
    }
  } else {
    switch (node.compare) {
      case CompareOp::kEq:
        apply([](const T& x, const T& y) { return x == y; });
        break;
      case CompareOp::kNe:
        apply([](const T& x, const T& y) { return x != y; });
        break;
      case CompareOp::kLt:
        apply([](const T& x, const T& y) { return x < y; });
        break;
      case CompareOp::kLe:
        apply([](const T& x, const T& y) { return x <= y; });
        break;
      case CompareOp::kGt:
        apply([](const T& x, const T& y) { return x > y; });
        break;
      case CompareOp::kGe:
        apply([](const T& x, const T& y) { return x >= y; });
        break;
    }
  }
  return out;
}

Vec EvalCompare(const BoundNode& node, const Vec& a, const Vec& b) {
  Vec out = Vec::Nulls(ExprType::kBool, a.length);
  for (size_t i = 0; i < out.valid.size(); ++i) out.valid[i] = a.valid[i] & b.valid[i];
  switch (a.type) {
    case ExprType::kDouble:
      return CompareTyped(node, a.doubles, b.doubles, std::move(out));
    case ExprType::kString:
      return CompareTyped(node, a.strings, b.strings, std::move(out));
    case ExprType::kNull:
      return out;
    default:
      return CompareTyped(node, a.ints, b.ints, std::move(out));
  }
}

// SQL three-valued AND / OR: FALSE AND NULL is FALSE, TRUE OR NULL is TRUE.
Vec EvalLogic(bool is_and, const Vec& a, const Vec& b) {
  Vec out = Vec::Nulls(ExprType::kBool, a.length);
  for (size_t i = 0; i < out.valid.size(); ++i) {
    bool va = a.valid[i], vb = b.valid[i];
    bool xa = a.ints[i] != 0, xb = b.ints[i] != 0;
    if (is_and) {
      bool known_false = (va && !xa) || (vb && !xb);
      out.valid[i] = known_false || (va && vb);
      out.ints[i] = !known_false;
    } else {
      bool known_true = (va && xa) || (vb && xb);
      out.valid[i] = known_true || (va && vb);
      out.ints[i] = known_true;
    }
  }
  return out;
}

// x IN (a, b, ...): TRUE on a match; else NULL when x or any item is NULL; else FALSE.
Vec EvalIn(const BoundNode& node, const std::vector<Vec>& args) {
  const Vec& x = args[0];
  Vec out = Vec::Nulls(ExprType::kBool, x.length);
  std::vector<uint8_t> saw_null(out.valid.size(), 0);
  BoundNode eq;
  eq.compare = CompareOp::kEq;
  for (size_t k = 1; k < args.size(); ++k) {
    Vec hit = EvalCompare(eq, x, args[k]);
    for (size_t i = 0; i < out.valid.size(); ++i) {
      if (!hit.valid[i]) {
        saw_null[i] = 1;
      } else if (hit.ints[i]) {
        out.ints[i] = 1;
      }
    }
  }
  for (size_t i = 0; i < out.valid.size(); ++i) {
    out.valid[i] = out.ints[i] || !saw_null[i];
    if (node.negated) out.ints[i] = !out.ints[i];
  }
  return out;
}

// Copies row i of `from` into row i of `to` (same type).
void CopyRow(const Vec& from, Vec* to, size_t i) {
  to->valid[i] = from.valid[i];
  if (!to->ints.empty()) to->ints[i] = from.ints[i];
  if (!to->doubles.empty()) to->doubles[i] = from.doubles[i];
  if (!to->strings.empty()) to->strings[i] = from.strings[i];
}

Vec AdoptOwners(Vec out, const std::vector<Vec>& args) {
  for (const Vec& arg : args)
    out.owners.insert(out.owners.end(), arg.owners.begin(), arg.owners.end());
  return out;
}

// CASE: the first WHEN that is TRUE picks its THEN; none: ELSE or NULL.
Vec EvalCase(const BoundNode& node, const std::vector<Vec>& args) {
  Vec out = Vec::Nulls(node.type, args[0].length);
  std::vector<uint8_t> done(out.valid.size(), 0);
  size_t pairs = (args.size() - (node.has_else ? 1 : 0)) / 2;
  for (size_t p = 0; p < pairs; ++p) {
    const Vec& when = args[2 * p];
    for (size_t i = 0; i < done.size(); ++i) {
      if (!done[i] && when.valid[i] && when.ints[i]) {
        CopyRow(args[2 * p + 1], &out, i);
        done[i] = 1;
      }
    }
  }
  if (node.has_else) {
    for (size_t i = 0; i < done.size(); ++i) {
      if (!done[i]) CopyRow(args.back(), &out, i);
    }
  }
  return AdoptOwners(std::move(out), args);
}

Vec EvalCoalesce(const BoundNode& node, const std::vector<Vec>& args) {
  Vec out = Vec::Nulls(node.type, args[0].length);
  for (const Vec& arg : args) {
    for (size_t i = 0; i < out.valid.size(); ++i) {
      if (!out.valid[i] && arg.valid[i]) CopyRow(arg, &out, i);
    }
  }
  return AdoptOwners(std::move(out), args);
}

}  // namespace

Result<Vec> EvalNode(const BoundNode& node, const EvalState& state) {
  switch (node.kind) {
    case NodeKind::kLiteral:
      return Broadcast(node.value, state.length);
    case NodeKind::kColumn:
      if (state.column_values != nullptr) {
        Scalar value = (*state.column_values)[static_cast<size_t>(node.column)];
        value.type = node.type;  // a NULL value still has the column's type
        return Broadcast(value, state.length);
      }
      if (state.batch == nullptr) {
        return InternalError("a column read in a constant expression");
      }
      return VecFromArray(*state.batch->column(node.column), node, state.length);
    default:
      break;
  }
  std::vector<Vec> args;
  args.reserve(node.args.size());
  for (const NodePtr& arg : node.args) {
    S3C_ASSIGN_OR_RETURN(Vec value, EvalNode(*arg, state));
    args.push_back(std::move(value));
  }
  switch (node.kind) {
    case NodeKind::kCast:
      return EvalCast(node, args[0]);
    case NodeKind::kNot: {
      Vec out = std::move(args[0]);
      for (int64_t& x : out.ints) x = !x;
      return out;
    }
    case NodeKind::kNegate:
      return EvalNegate(node, args[0]);
    case NodeKind::kArith:
      return EvalArith(node, args[0], args[1]);
    case NodeKind::kCompare:
      return EvalCompare(node, args[0], args[1]);
    case NodeKind::kAnd:
    case NodeKind::kOr:
      return EvalLogic(node.kind == NodeKind::kAnd, args[0], args[1]);
    case NodeKind::kIsNull: {
      Vec out = Vec::Nulls(ExprType::kBool, state.length);
      for (size_t i = 0; i < out.valid.size(); ++i) {
        out.valid[i] = 1;
        out.ints[i] = (args[0].valid[i] == 0) != node.negated;
      }
      return out;
    }
    case NodeKind::kIn:
      return EvalIn(node, args);
    case NodeKind::kLike:
      return EvalLike(node, args[0], args[1]);
    case NodeKind::kCase:
      return EvalCase(node, args);
    case NodeKind::kCall:
      if (node.function == Function::kCoalesce) return EvalCoalesce(node, args);
      if (node.function == Function::kDateTrunc || node.function == Function::kDatePart ||
          node.function == Function::kNow || node.function == Function::kCurrentDate) {
        return EvalTemporalCall(node, args, state);
      }
      return EvalStringCall(node, args);
    default:
      return InternalError("unknown bound node");
  }
}

Result<Scalar> EvaluateConstant(const BoundNode& node, const EvalContext& context) {
  EvalState state;
  state.length = 1;
  state.context = &context;
  S3C_ASSIGN_OR_RETURN(Vec value, EvalNode(node, state));
  return ScalarAt(value, 0);
}

EvalContext EvalContext::At(WallTime now) {
  EvalContext context;
  context.now_micros =
      std::chrono::duration_cast<std::chrono::microseconds>(now.time_since_epoch()).count();
  return context;
}

namespace {

Status CheckBatch(const Filter& filter, const columnar::RecordBatch& batch) {
  if (!batch.schema()->Equals(filter.schema())) {
    return InvalidArgumentError(
        fmt::format("filter \"{}\" was bound to schema [{}] but the batch has [{}]", filter.text(),
                    filter.schema().ToString(), batch.schema()->ToString()));
  }
  return Status::OK();
}

}  // namespace

Result<std::shared_ptr<columnar::Array>> Evaluate(const Filter& filter,
                                                  const columnar::RecordBatch& batch,
                                                  const EvalContext& context) {
  S3C_RETURN_IF_ERROR(CheckBatch(filter, batch));
  EvalState state{&batch, batch.num_rows(), &context};
  S3C_ASSIGN_OR_RETURN(Vec value, EvalNode(filter.root(), state));
  return ArrayFromVec(value);
}

Result<std::vector<int64_t>> Select(const Filter& filter, const columnar::RecordBatch& batch,
                                    const EvalContext& context) {
  S3C_RETURN_IF_ERROR(CheckBatch(filter, batch));
  EvalState state{&batch, batch.num_rows(), &context};
  S3C_ASSIGN_OR_RETURN(Vec value, EvalNode(filter.root(), state));
  std::vector<int64_t> rows;
  if (value.type != ExprType::kBool) return rows;  // an all-NULL filter keeps nothing
  for (int64_t i = 0; i < value.length; ++i) {
    if (value.valid[static_cast<size_t>(i)] && value.ints[static_cast<size_t>(i)]) {
      rows.push_back(i);
    }
  }
  return rows;
}

}  // namespace s3c::expr
