#include "s3c/expr/prune.h"

#include <gtest/gtest.h>

#include <cmath>
#include <iostream>

#include "expr/expr_test_batches.h"
#include "expr/expr_test_gen.h"
#include "s3c/columnar/array_binary.h"
#include "s3c/columnar/array_primitive.h"

namespace s3c::expr {
namespace {

using columnar::ColumnStatistics;
using columnar::StatValue;

columnar::Schema Sales() {
  return columnar::Schema(
      {columnar::Field("amount", columnar::Int64()), columnar::Field("price", columnar::Float64()),
       columnar::Field("name", columnar::String()), columnar::Field("day", columnar::Date32()),
       columnar::Field("at", columnar::Timestamp(columnar::TimeUnit::kMilli)),
       columnar::Field("region", columnar::String())});
}

ColumnStatistics Stats(std::string name, StatValue min, StatValue max,
                       std::optional<int64_t> nulls) {
  ColumnStatistics s;
  s.path = {std::move(name)};
  s.min = std::move(min);
  s.max = std::move(max);
  s.null_count = nulls;
  return s;
}

Verdict OnStats(const std::string& text, const std::vector<ColumnStatistics>& stats,
                int64_t rows = 100) {
  auto filter = Filter::Bind(text, Sales());
  EXPECT_TRUE(filter.ok()) << filter.status().ToString();
  return VerdictForStatistics(**filter, stats, rows, {});
}

Verdict OnPartition(const std::string& text, const std::vector<PartitionValue>& values) {
  auto filter = Filter::Bind(text, Sales());
  EXPECT_TRUE(filter.ok()) << filter.status().ToString();
  return VerdictForPartition(**filter, values, {});
}

TEST(ExprPrune, StatisticsDecideComparisons) {
  std::vector<ColumnStatistics> a = {Stats("amount", int64_t{0}, int64_t{5}, 0)};
  EXPECT_EQ(OnStats("amount > 10", a), Verdict::kNever);
  EXPECT_EQ(OnStats("amount < 10", a), Verdict::kAlways);
  EXPECT_EQ(OnStats("amount <= 5 AND amount >= 0", a), Verdict::kAlways);
  EXPECT_EQ(OnStats("amount = 3", a), Verdict::kMaybe);
  EXPECT_EQ(OnStats("amount IN (7, 9, NULL)", a), Verdict::kNever);
  EXPECT_EQ(OnStats("amount NOT IN (7, 9)", a), Verdict::kAlways);
  EXPECT_EQ(OnStats("amount BETWEEN 6 AND 9", a), Verdict::kNever);
  EXPECT_EQ(OnStats("amount > 4.5", a), Verdict::kMaybe);  // through the widening cast
  EXPECT_EQ(OnStats("amount > 5.5", a), Verdict::kNever);
  EXPECT_EQ(OnStats("amount > 10 OR name = 'x'", a), Verdict::kMaybe);
  EXPECT_EQ(OnStats("amount > 10 AND name = 'x'", a), Verdict::kNever);
  EXPECT_EQ(OnStats("amount * 2 > 100", a), Verdict::kMaybe);  // not understood: maybe
  EXPECT_EQ(OnStats("amount > 10", a, 0), Verdict::kNever);    // no rows
  EXPECT_EQ(OnStats("amount > -5", a), Verdict::kAlways);      // constants fold: -5, 2 * 3
  EXPECT_EQ(OnStats("amount > 2 * 3", a), Verdict::kNever);
}

TEST(ExprPrune, NullsFollowThreeValuedLogic) {
  std::vector<ColumnStatistics> some = {Stats("amount", int64_t{0}, int64_t{5}, 3)};
  EXPECT_EQ(OnStats("amount < 10", some), Verdict::kMaybe);  // NULL rows are not kept
  EXPECT_EQ(OnStats("amount IS NULL", some), Verdict::kMaybe);
  std::vector<ColumnStatistics> none = {Stats("amount", int64_t{0}, int64_t{5}, 0)};
  EXPECT_EQ(OnStats("amount IS NULL", none), Verdict::kNever);
  EXPECT_EQ(OnStats("amount IS NOT NULL", none), Verdict::kAlways);
  std::vector<ColumnStatistics> all = {Stats("amount", {}, {}, 100)};
  EXPECT_EQ(OnStats("amount = 1", all), Verdict::kNever);
  EXPECT_EQ(OnStats("NOT (amount = 1)", all), Verdict::kNever);  // NOT NULL is NULL
  EXPECT_EQ(OnStats("amount IS NULL", all), Verdict::kAlways);
  std::vector<ColumnStatistics> unknown_nulls = {Stats("amount", int64_t{0}, int64_t{5}, {})};
  EXPECT_EQ(OnStats("amount < 10", unknown_nulls), Verdict::kMaybe);
  EXPECT_EQ(OnStats("amount > 10", unknown_nulls), Verdict::kNever);
}

TEST(ExprPrune, FloatStatisticsNeverRuleOutNaN) {
  std::vector<ColumnStatistics> p = {Stats("price", 1.0, 5.0, 0)};
  EXPECT_EQ(OnStats("price > 100", p), Verdict::kMaybe);  // a NaN row is > 100
  EXPECT_EQ(OnStats("price < 0", p), Verdict::kNever);
  EXPECT_EQ(OnStats("price <= 5", p), Verdict::kMaybe);
  std::vector<ColumnStatistics> nan = {Stats("price", NAN, 5.0, 0)};
  EXPECT_EQ(OnStats("price < 0", nan), Verdict::kMaybe);
}

TEST(ExprPrune, StringDateAndTimestampStatistics) {
  std::vector<ColumnStatistics> s = {
      Stats("name", std::string("apple"), std::string("banana"), 0),
      Stats("day", int64_t{18262}, int64_t{18292}, 0),                  // 2020-01-01..31
      Stats("at", int64_t{1577836800000}, int64_t{1577923199999}, 0)};  // 2020-01-01 (ms)
  EXPECT_EQ(OnStats("name >= 'c'", s), Verdict::kNever);
  EXPECT_EQ(OnStats("name LIKE 'c%'", s), Verdict::kNever);  // [c, d) misses [apple, banana]
  EXPECT_EQ(OnStats("name LIKE 'b%'", s), Verdict::kMaybe);
  EXPECT_EQ(OnStats("name LIKE 'ban_na'", s), Verdict::kMaybe);
  EXPECT_EQ(OnStats("name LIKE 'banana!'", s), Verdict::kNever);
  EXPECT_EQ(OnStats("name LIKE 'a%'", s), Verdict::kMaybe);
  EXPECT_EQ(OnStats("name LIKE 'ap%' ESCAPE '!'", s), Verdict::kMaybe);  // not analysed
  EXPECT_EQ(OnStats("name NOT LIKE 'c%'", s), Verdict::kMaybe);
  EXPECT_EQ(OnStats("starts_with(name, 'bz')", s), Verdict::kNever);
  EXPECT_EQ(OnStats("starts_with(name, 'ap')", s), Verdict::kMaybe);
  EXPECT_EQ(OnStats("day > '2020-02-01'", s), Verdict::kNever);
  EXPECT_EQ(OnStats("day BETWEEN DATE '2019-12-01' AND '2020-03-01'", s), Verdict::kAlways);
  EXPECT_EQ(OnStats("at >= TIMESTAMP '2020-01-02'", s), Verdict::kNever);
  EXPECT_EQ(OnStats("at < day + 1", s), Verdict::kMaybe);
  EXPECT_EQ(OnStats("at < DATE '2020-01-02'", s), Verdict::kAlways);
  EXPECT_EQ(OnStats("at > now() - INTERVAL 1 DAY", s), Verdict::kAlways);  // now() = 1970
  std::vector<ColumnStatistics> wrong_kind = {Stats("name", int64_t{1}, int64_t{2}, 0)};
  EXPECT_EQ(OnStats("name = 'zzz'", wrong_kind), Verdict::kMaybe);
}

TEST(ExprPrune, PartitionValuesAreExact) {
  std::vector<PartitionValue> eu = {{"region", std::string("eu")}, {"day", int64_t{18262}}};
  EXPECT_EQ(OnPartition("region = 'eu'", eu), Verdict::kAlways);
  EXPECT_EQ(OnPartition("region = 'us' AND amount > 1", eu), Verdict::kNever);
  EXPECT_EQ(OnPartition("region = 'eu' AND amount > 1", eu), Verdict::kMaybe);
  EXPECT_EQ(OnPartition("upper(region) LIKE 'E%' AND year(day) = 2020", eu), Verdict::kAlways);
  EXPECT_EQ(OnPartition("day + INTERVAL 1 MONTH < now()", eu), Verdict::kNever);  // now() = 1970
  EXPECT_EQ(OnPartition("amount > 1", eu), Verdict::kMaybe);
  // Partition columns are constants beside a column with statistics too.
  auto filter = Filter::Bind("amount > year(day) AND region = 'eu'", Sales());
  ASSERT_TRUE(filter.ok());
  EXPECT_EQ(VerdictForStatistics(**filter,
                                 {Stats("amount", int64_t{0}, int64_t{100}, 0),
                                  Stats("day", int64_t{18262}, int64_t{18262}, 0),
                                  Stats("region", std::string("eu"), std::string("eu"), 0)},
                                 10, {}),
            Verdict::kNever);
  std::vector<PartitionValue> null_region = {{"region", std::monostate{}}};
  EXPECT_EQ(OnPartition("region IS NULL", null_region), Verdict::kAlways);
  EXPECT_EQ(OnPartition("region = 'eu' OR region <> 'eu'", null_region), Verdict::kNever);
  EXPECT_EQ(OnPartition("coalesce(region, 'none') = 'none'", null_region), Verdict::kAlways);
}

TEST(ExprPrune, RowGroupPredicateAdapter) {
  auto filter = Filter::Bind("amount > 10", Sales());
  ASSERT_TRUE(filter.ok());
  auto predicate = MakeRowGroupPredicate(*filter, {});
  EXPECT_FALSE(predicate->MayMatch({Stats("amount", int64_t{0}, int64_t{5}, 0)}, 10));
  EXPECT_TRUE(predicate->MayMatch({Stats("amount", int64_t{0}, int64_t{50}, 0)}, 10));
  EXPECT_TRUE(predicate->MayMatch({}, 10));
  ColumnStatistics nested = Stats("amount", int64_t{0}, int64_t{5}, 0);
  nested.path = {"amount", "inner"};
  EXPECT_TRUE(predicate->MayMatch({nested}, 10));  // not a top-level column: ignored
}

// The statistics of one column of `batch` as a Parquet writer would give them: min/max of the
// non-NULL values with NaN left out, the NULL count.
ColumnStatistics ActualStatistics(const columnar::RecordBatch& batch, int c) {
  const columnar::Array& array = *batch.column(c);
  ColumnStatistics s;
  s.path = {batch.schema()->field(c).name()};
  s.type = array.type();
  s.null_count = array.null_count();
  s.num_values = array.length();
  auto widen = [&](StatValue v) {
    if (std::holds_alternative<std::monostate>(s.min) || v < s.min) s.min = v;
    if (std::holds_alternative<std::monostate>(s.max) || s.max < v) s.max = v;
  };
  for (int64_t r = 0; r < array.length(); ++r) {
    if (array.IsNull(r)) continue;
    switch (array.type_id()) {
      case columnar::TypeId::kInt64:
      case columnar::TypeId::kTimestamp:
        widen(static_cast<const columnar::Int64Array&>(array).Value(r));
        break;
      case columnar::TypeId::kInt32:
      case columnar::TypeId::kDate32:
        widen(int64_t{static_cast<const columnar::Int32Array&>(array).Value(r)});
        break;
      case columnar::TypeId::kFloat64: {
        double x = static_cast<const columnar::Float64Array&>(array).Value(r);
        if (!std::isnan(x)) widen(x);
        break;
      }
      case columnar::TypeId::kString:
        widen(static_cast<const columnar::StringArray&>(array).GetString(r));
        break;
      case columnar::TypeId::kBool:
        widen(static_cast<const columnar::BooleanArray&>(array).Value(r));
        break;
      default:
        break;
    }
  }
  return s;
}

// Soundness: over random small batches and random filters, a verdict from the batch's own
// statistics never says kNever when a row is kept, nor kAlways when one is dropped; the same
// for a batch whose column i is one value (a partition).
TEST(ExprPrune, VerdictsAreSoundOnRandomBatches) {
  int decided = 0, checked = 0;
  for (uint64_t seed = 1; seed <= 300; ++seed) {
    auto batch = testing::RandomTable(1 + static_cast<int64_t>(seed % 6), seed);
    std::vector<ColumnStatistics> stats;
    for (int c = 0; c < batch->num_columns(); ++c) stats.push_back(ActualStatistics(*batch, c));
    testing::ExpressionGenerator generator(seed * 7919);
    for (int k = 0; k < 10; ++k) {
      std::string text = generator.Boolean();
      auto filter = Filter::Bind(text, *batch->schema());
      ASSERT_TRUE(filter.ok()) << text << ": " << filter.status().ToString();
      auto kept = Select(**filter, *batch, {});
      ASSERT_TRUE(kept.ok()) << text << ": " << kept.status().ToString();
      Verdict verdict = VerdictForStatistics(**filter, stats, batch->num_rows(), {});
      ++checked;
      if (verdict != Verdict::kMaybe) ++decided;
      if (!kept->empty()) EXPECT_NE(verdict, Verdict::kNever) << text << "\n" << batch->ToString();
      if (static_cast<int64_t>(kept->size()) < batch->num_rows()) {
        EXPECT_NE(verdict, Verdict::kAlways) << text << "\n" << batch->ToString();
      }
      auto first = batch->Slice(0, 1);
      std::vector<PartitionValue> partition;
      for (int c = 0; c < first->num_columns(); ++c) {
        ColumnStatistics one = ActualStatistics(*first, c);
        const columnar::Array& column = *first->column(c);
        if (column.type_id() == columnar::TypeId::kFloat64 && column.IsValid(0)) {
          one.min = static_cast<const columnar::Float64Array&>(column).Value(0);  // NaN too
        }
        partition.emplace_back(one.path[0], one.min);  // monostate when NULL
      }
      auto kept_first = Select(**filter, *first, {});
      ASSERT_TRUE(kept_first.ok());
      Verdict exact = VerdictForPartition(**filter, partition, {});
      EXPECT_EQ(exact, kept_first->empty() ? Verdict::kNever : Verdict::kAlways)
          << text << "\n"
          << first->ToString();
    }
  }
  EXPECT_EQ(checked, 3000);
  std::cout << "decided " << decided << " of " << checked << " from statistics\n";
  EXPECT_GT(decided, 300);  // the analysis decides a fair share, not only "maybe"
}

}  // namespace
}  // namespace s3c::expr
