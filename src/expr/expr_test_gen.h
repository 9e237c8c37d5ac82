// Seeded random tables and filter expressions for the property tests (prune_test.cc) and the
// DuckDB differential test (tests/differential/expr_differential_test.cc).
//
// The table has the columns id (int64, the row number), i (int64), j (int32), f (float64 with
// NaN, infinities and -0.0), s (string: ASCII, Latin, Greek, Cyrillic, CJK, empty), d (date32),
// t (timestamp[us]) and b (bool); every column but id is NULL in about 15% of the rows.
//
// The expressions are boolean SQL that s3c and DuckDB both accept and that cannot fail at run
// time in either (no narrowing casts, integer products bounded below 2^31, no text-to-number
// casts; now() and current_date only against the table's dates, all before 2026), written with
// spaces around every operator and parentheses around every compound operand, so the text parses
// the same in both.
#pragma once

#include <cstdint>
#include <memory>
#include <random>
#include <string>

#include "s3c/columnar/record_batch.h"

namespace s3c::expr::testing {

std::shared_ptr<columnar::RecordBatch> RandomTable(int64_t rows, uint64_t seed);

class ExpressionGenerator {
 public:
  explicit ExpressionGenerator(uint64_t seed) : rng_(seed) {}
  // A boolean expression of at most `depth` levels of AND / OR / NOT / CASE.
  std::string Boolean(int depth = 3);

 private:
  std::string Predicate();
  std::string Number(int depth);
  std::string Text();
  std::string Date();
  // allow_trunc: may be date_trunc(..). Only when the other side is not a literal: DuckDB
  // folds `date_trunc(p, x) <> c` to TRUE for a c off the p boundary, NULL x included (the
  // differential test's exception duckdb_date_trunc_fold).
  std::string Time(bool allow_trunc);
  std::string IntLiteral();
  std::string NumberLiteral();
  std::string TextLiteral();
  std::string DateLiteral();
  std::string TimeLiteral();
  std::string CompareOp();
  int Pick(int n) { return static_cast<int>(rng_() % static_cast<uint64_t>(n)); }
  bool Chance(int percent) { return Pick(100) < percent; }

  std::mt19937_64 rng_;
};

}  // namespace s3c::expr::testing
