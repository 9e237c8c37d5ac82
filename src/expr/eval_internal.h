// The evaluator's working representation: one typed vector per node, as long as the batch.
// Values of bool, int64, date and timestamp live in `ints`, doubles in `doubles`, strings as
// views in `strings` whose bytes are owned by `owners` (the input arrays or arenas the
// evaluation made). valid[i] == 0 marks row i NULL; the value slot of a NULL row is unspecified.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "expr/bound.h"
#include "s3c/columnar/record_batch.h"
#include "s3c/expr/evaluate.h"

namespace s3c::expr {

struct Vec {
  ExprType type = ExprType::kNull;
  int64_t length = 0;
  std::vector<uint8_t> valid;
  std::vector<int64_t> ints;
  std::vector<double> doubles;
  std::vector<std::string_view> strings;
  std::vector<std::shared_ptr<const void>> owners;

  // A vector of `length` rows, all NULL, with value slots sized for `type`.
  static Vec Nulls(ExprType type, int64_t length);
  bool IsValid(int64_t i) const { return valid[static_cast<size_t>(i)] != 0; }
};

// Builds a string vector: Append copies the bytes into one arena; Finish makes the views.
class StringVecBuilder {
 public:
  explicit StringVecBuilder(int64_t length);
  void Append(std::string_view value);  // a valid row
  void AppendNull();
  std::string& arena() { return *arena_; }  // append bytes, then call Commit
  void Commit(size_t start);                // the row is arena[start, end)
  Vec Finish();

 private:
  std::shared_ptr<std::string> arena_;
  std::vector<std::pair<size_t, size_t>> spans_;
  std::vector<uint8_t> valid_;
};

struct EvalState {
  const columnar::RecordBatch* batch = nullptr;  // nullptr for constant evaluation
  int64_t length = 0;
  const EvalContext* context = nullptr;
  // When set, column c reads the constant (*column_values)[c] instead of the batch (pruning
  // evaluates subtrees over columns whose value is known for a whole partition or row group).
  const std::vector<Scalar>* column_values = nullptr;
};

Result<Vec> EvalNode(const BoundNode& node, const EvalState& state);

// Per-kind evaluation (eval_*.cc), each given the node's evaluated arguments.
Result<Vec> EvalArith(const BoundNode& node, const Vec& a, const Vec& b);
Result<Vec> EvalNegate(const BoundNode& node, const Vec& a);
Result<Vec> EvalCast(const BoundNode& node, const Vec& a);
Result<Vec> EvalStringCall(const BoundNode& node, const std::vector<Vec>& args);
Result<Vec> EvalTemporalCall(const BoundNode& node, const std::vector<Vec>& args,
                             const EvalState& state);
Result<Vec> EvalLike(const BoundNode& node, const Vec& text, const Vec& pattern);

// The value of a node that reads no column (a folded literal cast, now()), as one Scalar.
Result<Scalar> EvaluateConstant(const BoundNode& node, const EvalContext& context);
// Row i of `vec` as a Scalar, and a Scalar broadcast to `length` rows.
Scalar ScalarAt(const Vec& vec, int64_t i);
Vec Broadcast(const Scalar& value, int64_t length);

// Three-way comparison with DuckDB's total order on doubles (NaN equals NaN, above all numbers).
inline int CompareDoubles(double a, double b) {
  bool na = a != a, nb = b != b;
  if (na || nb) return na == nb ? 0 : (na ? 1 : -1);
  return a < b ? -1 : (a > b ? 1 : 0);
}

// "at 1:8" or "at 1:8, row 17" for runtime errors.
std::string WhereText(const BoundNode& node, int64_t row);

}  // namespace s3c::expr
