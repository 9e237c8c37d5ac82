#include "s3c/expr/partition_filter.h"

#include <gtest/gtest.h>

#include "s3c/expr/prune.h"

namespace s3c::expr {
namespace {

namespace col = columnar;

col::Schema PartitionSchema() {
  return col::Schema({col::Field("dt", col::Date32()), col::Field("region", col::String())});
}

TEST(PartitionFilterTest, ColumnsRead) {
  auto names = ColumnsRead("dt = '2024-03-05' AND (v > 1 OR \"Region\" = 'eu')");
  ASSERT_TRUE(names.ok());
  EXPECT_EQ(*names, (std::set<std::string>{"Region", "dt", "v"}));
  EXPECT_FALSE(ColumnsRead("dt = ").ok());
}

TEST(PartitionFilterTest, KeepsOnlyTermsOverTheSchema) {
  auto f = BindTermsOver("DT >= '2024-03-05' AND v > 1 AND region IN ('eu', 'us')", PartitionSchema());
  ASSERT_TRUE(f.ok()) << f.status().ToString();
  ASSERT_NE(*f, nullptr);
  EvalContext ctx;
  auto verdict = [&](int64_t day, const char* region) {
    return VerdictForPartition(**f, {{"dt", col::StatValue(day)}, {"region", col::StatValue(std::string(region))}}, ctx);
  };
  EXPECT_EQ(verdict(19787, "eu"), Verdict::kAlways);  // 2024-03-05; v's term was left out
  EXPECT_EQ(verdict(19786, "eu"), Verdict::kNever);
  EXPECT_EQ(verdict(19790, "asia"), Verdict::kNever);
  // An OR that reads another column is left out whole: nothing can be pruned.
  auto none = BindTermsOver("dt = '2024-03-05' OR v > 1", PartitionSchema());
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(*none, nullptr);
  // A constant term is kept: it is exact for every partition.
  auto never = BindTermsOver("1 = 0 AND v > 1", PartitionSchema());
  ASSERT_TRUE(never.ok());
  ASSERT_NE(*never, nullptr);
  EXPECT_EQ(VerdictForPartition(**never, {}, ctx), Verdict::kNever);
  // A term over the schema that does not bind is an error with its position.
  auto bad = BindTermsOver("v = 1 AND dt + 'x' > 3", PartitionSchema());
  EXPECT_FALSE(bad.ok());
}

TEST(PartitionFilterTest, ConstraintsFromTopLevelTerms) {
  auto c = ConstraintsOn(
      "dt BETWEEN DATE '2024-03-01' AND '2024-03-07' AND 'eu' = region AND h IN (1, 2) "
      "AND v < 3 AND NOT k IN ('x') AND (m = 1 OR m = 2)",
      {"dt", "region", "h", "k", "m"});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  ASSERT_EQ(c->count("dt"), 1u);
  const ColumnConstraint& dt = c->at("dt");
  ASSERT_TRUE(dt.lower && dt.upper);
  EXPECT_EQ(dt.lower->kind, ConstraintValue::Kind::kDate);
  EXPECT_EQ(dt.lower->text, "2024-03-01");
  EXPECT_EQ(dt.upper->kind, ConstraintValue::Kind::kString);
  EXPECT_EQ(dt.upper->text, "2024-03-07");
  EXPECT_TRUE(dt.lower_inclusive && dt.upper_inclusive);
  ASSERT_TRUE(c->at("region").equals);
  EXPECT_EQ(c->at("region").equals->at(0).text, "eu");
  ASSERT_TRUE(c->at("h").equals);
  EXPECT_EQ(c->at("h").equals->size(), 2u);
  EXPECT_EQ(c->at("h").equals->at(1).kind, ConstraintValue::Kind::kInteger);
  EXPECT_EQ(c->count("k"), 0u);  // negated
  EXPECT_EQ(c->count("m"), 0u);  // under OR
  EXPECT_EQ(c->count("v"), 0u);  // not asked for
  auto flipped = ConstraintsOn("5 < x AND x <= 9", {"x"});
  ASSERT_TRUE(flipped.ok());
  EXPECT_EQ(flipped->at("x").lower->text, "5");
  EXPECT_FALSE(flipped->at("x").lower_inclusive);
  EXPECT_EQ(flipped->at("x").upper->text, "9");
}

// year(x) binds as date_part('year', x): a type error must point at the one written argument
// (it once read past the end of the argument list).
TEST(PartitionFilterTest, YearOfAStringPointsAtItsArgument) {
  auto f = Filter::Bind("year(region) = 2024", PartitionSchema());
  ASSERT_FALSE(f.ok());
  EXPECT_NE(f.status().message().find("argument 1 of year at 1:6"), std::string::npos)
      << f.status().message();
}

}  // namespace
}  // namespace s3c::expr
