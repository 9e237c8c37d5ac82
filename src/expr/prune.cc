// Pruning (include/s3c/expr/prune.h): for each boolean node, which of TRUE, FALSE and NULL some
// row may produce, over-approximated from the columns' ranges. The filter keeps no row when no
// row may be TRUE, and every row when no row may be FALSE or NULL.
#include "s3c/expr/prune.h"

#include <cmath>

#include "expr/binder.h"
#include "expr/column_range.h"
#include "expr/eval_internal.h"

namespace s3c::expr {
namespace {

struct Possible {
  bool t = true, f = true, n = true;
};

class Pruner {
 public:
  Pruner(std::vector<ColumnRange> ranges, const EvalContext& context)
      : ranges_(std::move(ranges)), context_(context) {}

  Possible Analyze(const BoundNode& node) const {
    bool is_boolean = node.type == ExprType::kBool || node.type == ExprType::kNull;
    if (is_boolean && AllColumnsExact(node)) return Exactly(node);
    switch (node.kind) {
      case NodeKind::kNot: {
        Possible a = Analyze(*node.args[0]);
        return {a.f, a.t, a.n};
      }
      case NodeKind::kAnd: {
        Possible a = Analyze(*node.args[0]), b = Analyze(*node.args[1]);
        return {a.t && b.t, a.f || b.f, (a.n && (b.n || b.t)) || (b.n && a.t)};
      }
      case NodeKind::kOr:
        return Or(Analyze(*node.args[0]), Analyze(*node.args[1]));
      case NodeKind::kIn: {
        // x IN (a, b) is x = a OR x = b under three-valued logic; NOT IN negates it.
        Possible any{false, true, false};
        for (size_t k = 1; k < node.args.size(); ++k) {
          any = Or(any, Compare(CompareOp::kEq, *node.args[0], *node.args[k]));
        }
        return node.negated ? Possible{any.f, any.t, any.n} : any;
      }
      case NodeKind::kCompare:
        return Compare(node.compare, *node.args[0], *node.args[1]);
      case NodeKind::kLike:
        return LikePrefix(node);
      case NodeKind::kCall:
        return node.function == Function::kStartsWith ? StartsWith(node) : Possible{};
      case NodeKind::kIsNull: {
        std::optional<ColumnRange> r = RangeOf(*node.args[0]);
        if (!r) return {};
        bool is_null_possible = r->may_null, not_null_possible = r->may_value;
        return node.negated ? Possible{not_null_possible, is_null_possible, false}
                            : Possible{is_null_possible, not_null_possible, false};
      }
      case NodeKind::kColumn: {  // a boolean column: its bounds are FALSE/TRUE
        std::optional<ColumnRange> r = RangeOf(node);
        if (!r || !r->bounded) return {true, true, r ? r->may_null : true};
        return {r->max.i != 0 && r->may_value, r->min.i == 0 && r->may_value, r->may_null};
      }
      default:
        return {};
    }
  }

 private:
  static Possible Or(Possible a, Possible b) {
    return {a.t || b.t, a.f && b.f, (a.n && (b.n || b.f)) || (b.n && a.f)};
  }

  // True when every column `node` reads has one known value (or none: a constant).
  bool AllColumnsExact(const BoundNode& node) const {
    for (int c : ReferencedColumns(node)) {
      if (!ranges_[static_cast<size_t>(c)].exact) return false;
    }
    return true;
  }

  // The one value of `node` with every column at its one value; nullopt when evaluation fails
  // (e.g. a failing cast: the rows would fail too, so nothing is decided).
  std::optional<Scalar> ConstantValue(const BoundNode& node) const {
    std::vector<Scalar> values(ranges_.size());
    for (size_t c = 0; c < ranges_.size(); ++c) {
      if (ranges_[c].exact && ranges_[c].may_value) values[c] = ranges_[c].min;
    }
    EvalState state;
    state.length = 1;
    state.context = &context_;
    state.column_values = &values;
    Result<Vec> value = EvalNode(node, state);
    if (!value.ok()) return std::nullopt;
    return ScalarAt(*value, 0);
  }

  Possible Exactly(const BoundNode& node) const {
    std::optional<Scalar> value = ConstantValue(node);
    if (!value) return {};
    if (value->is_null) return {false, false, true};
    return {value->i != 0, value->i == 0, false};
  }

  // The range of a column, of a constant (anything over columns of one known value: -5,
  // now(), year(partition_day)), or of a widening cast of one.
  std::optional<ColumnRange> RangeOf(const BoundNode& node) const {
    if (node.kind == NodeKind::kColumn) return ranges_[static_cast<size_t>(node.column)];
    if (node.type != ExprType::kInterval && AllColumnsExact(node)) {
      std::optional<Scalar> value = ConstantValue(node);
      if (!value) return std::nullopt;
      ColumnRange r;
      r.exact = true;
      r.may_null = value->is_null;
      r.may_value = !value->is_null;
      r.bounded = !value->is_null;
      r.min = r.max = *value;
      return r;
    }
    if (node.kind != NodeKind::kCast) return std::nullopt;
    std::optional<ColumnRange> r = RangeOf(*node.args[0]);
    if (!r || !r->bounded) return r;
    ExprType from = node.args[0]->type, to = node.type;
    if (from == ExprType::kInt64 && to == ExprType::kDouble && !node.cast_float32) {
      for (Scalar* s : {&r->min, &r->max}) s->d = static_cast<double>(s->i);
    } else if (from == ExprType::kDate && to == ExprType::kTimestamp) {
      for (Scalar* s : {&r->min, &r->max}) s->i *= 86'400'000'000;
    } else {
      return std::nullopt;
    }
    r->min.type = r->max.type = to;
    return r;
  }

  // Rows with a string starting with `prefix` lie in [prefix, successor of prefix): none when
  // the column's range misses that interval.
  Possible Prefix(const BoundNode& text, const std::string& prefix) const {
    std::optional<ColumnRange> r = RangeOf(text);
    if (!r) return {};
    if (!r->may_value) return {false, false, true};
    Possible out{true, true, r->may_null};
    if (!r->bounded || prefix.empty()) return out;
    std::string end = prefix;  // the least string above every string with this prefix
    while (!end.empty() && static_cast<unsigned char>(end.back()) == 0xFF) end.pop_back();
    if (!end.empty()) end.back() = static_cast<char>(static_cast<unsigned char>(end.back()) + 1);
    bool below = r->max.s < prefix;
    bool above = !end.empty() && r->min.s >= end;
    out.t = !below && !above;
    return out;
  }

  // s LIKE 'abc%...' (case-sensitive, no ESCAPE): the literal text before the first wildcard.
  Possible LikePrefix(const BoundNode& node) const {
    const BoundNode& pattern = *node.args[1];
    if (node.negated || node.case_insensitive || !node.like_escape.empty() ||
        pattern.kind != NodeKind::kLiteral || pattern.value.is_null) {
      return {};
    }
    const std::string& text = pattern.value.s;
    return Prefix(*node.args[0], text.substr(0, text.find_first_of("%_")));
  }

  Possible StartsWith(const BoundNode& node) const {
    const BoundNode& prefix = *node.args[1];
    if (prefix.kind != NodeKind::kLiteral || prefix.value.is_null) return {};
    return Prefix(*node.args[0], prefix.value.s);
  }

  Possible Compare(CompareOp op, const BoundNode& left, const BoundNode& right) const {
    std::optional<ColumnRange> a = RangeOf(left), b = RangeOf(right);
    if (!a || !b) return {};
    if (!a->may_value || !b->may_value) return {false, false, true};
    Possible out{true, true, a->may_null || b->may_null};
    if (!a->bounded || !b->bounded) return out;
    // Over the non-NULL rows: x in [a.min, a.max], y in [b.min, b.max].
    int max_vs_min = CompareScalars(a->max, b->min);  // a.max ? b.min
    int min_vs_max = CompareScalars(a->min, b->max);  // a.min ? b.max
    bool all_equal = CompareScalars(a->min, a->max) == 0 && CompareScalars(b->min, b->max) == 0 &&
                     max_vs_min == 0;
    switch (op) {
      case CompareOp::kEq:
        out.t = max_vs_min >= 0 && min_vs_max <= 0;
        out.f = !all_equal;
        break;
      case CompareOp::kNe:
        out.t = !all_equal;
        out.f = max_vs_min >= 0 && min_vs_max <= 0;
        break;
      case CompareOp::kLt:
        out.t = min_vs_max < 0;
        out.f = max_vs_min >= 0;
        break;
      case CompareOp::kLe:
        out.t = min_vs_max <= 0;
        out.f = max_vs_min > 0;
        break;
      case CompareOp::kGt:
        out.t = max_vs_min > 0;
        out.f = min_vs_max <= 0;
        break;
      case CompareOp::kGe:
        out.t = max_vs_min >= 0;
        out.f = min_vs_max < 0;
        break;
    }
    return out;
  }

  std::vector<ColumnRange> ranges_;
  const EvalContext& context_;
};

Verdict VerdictOf(Possible p) {
  if (!p.t) return Verdict::kNever;
  if (!p.f && !p.n) return Verdict::kAlways;
  return Verdict::kMaybe;
}

Verdict Decide(const Filter& filter, std::vector<ColumnRange> ranges, const EvalContext& context) {
  return VerdictOf(Pruner(std::move(ranges), context).Analyze(filter.root()));
}

ExprType ColumnExprType(const columnar::Field& field) {
  ExprType type = ExprType::kNull;
  ExprTypeOfColumn(field.type(), &type);
  return type;
}

class FilterRowGroupPredicate final : public columnar::RowGroupPredicate {
 public:
  FilterRowGroupPredicate(std::shared_ptr<const Filter> filter, EvalContext context)
      : filter_(std::move(filter)), context_(context) {
    for (int c : ReferencedColumns(filter_->root())) {
      judged_.push_back(filter_->schema().field(c).name());
    }
  }
  bool MayMatch(const std::vector<columnar::ColumnStatistics>& stats,
                int64_t num_rows) const override {
    return VerdictForStatistics(*filter_, stats, num_rows, context_) != Verdict::kNever;
  }
  // VerdictForStatistics reads only top-level leaves of columns the filter names.
  bool JudgesColumn(const std::vector<std::string>& path) const override {
    if (path.size() != 1) return false;
    for (const std::string& name : judged_) {
      if (name == path[0]) return true;
    }
    return false;
  }

 private:
  std::shared_ptr<const Filter> filter_;
  EvalContext context_;
  std::vector<std::string> judged_;  // names of the columns the filter references
};

}  // namespace

const char* VerdictName(Verdict verdict) {
  switch (verdict) {
    case Verdict::kNever:
      return "never";
    case Verdict::kAlways:
      return "always";
    case Verdict::kMaybe:
      return "maybe";
  }
  return "?";
}

Verdict VerdictForStatistics(const Filter& filter,
                             const std::vector<columnar::ColumnStatistics>& stats, int64_t num_rows,
                             const EvalContext& context) {
  if (num_rows <= 0) return Verdict::kNever;
  const columnar::Schema& schema = filter.schema();
  std::vector<ColumnRange> ranges(static_cast<size_t>(schema.num_fields()));
  for (const columnar::ColumnStatistics& s : stats) {
    if (s.path.size() != 1) continue;
    int c = schema.GetFieldIndex(s.path[0]);
    if (c < 0) continue;
    const columnar::Field& field = schema.field(c);
    ranges[static_cast<size_t>(c)] =
        RangeFromStatistics(s, field.type(), ColumnExprType(field), num_rows);
  }
  return Decide(filter, std::move(ranges), context);
}

Verdict VerdictForPartition(const Filter& filter, const std::vector<PartitionValue>& values,
                            const EvalContext& context) {
  const columnar::Schema& schema = filter.schema();
  std::vector<ColumnRange> ranges(static_cast<size_t>(schema.num_fields()));
  for (const auto& [name, value] : values) {
    int c = schema.GetFieldIndex(name);
    if (c < 0) continue;
    const columnar::Field& field = schema.field(c);
    ranges[static_cast<size_t>(c)] =
        RangeFromPartitionValue(value, field.type(), ColumnExprType(field));
  }
  return Decide(filter, std::move(ranges), context);
}

std::shared_ptr<const columnar::RowGroupPredicate> MakeRowGroupPredicate(
    std::shared_ptr<const Filter> filter, EvalContext context) {
  return std::make_shared<FilterRowGroupPredicate>(std::move(filter), context);
}

}  // namespace s3c::expr
