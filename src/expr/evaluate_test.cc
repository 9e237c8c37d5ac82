#include <gtest/gtest.h>

#include <cmath>

#include "expr/expr_test_batches.h"
#include "s3c/columnar/array_primitive.h"

namespace s3c::expr {
namespace {

using testing::Batch;
using testing::Keep;
using Rows = std::vector<int64_t>;

constexpr int64_t kDay = 86'400'000'000;

std::shared_ptr<columnar::RecordBatch> Sample() {
  return Batch({{"i", testing::Ints({1, 2, std::nullopt, -7, 10})},
                {"d", testing::Doubles({1.5, NAN, 2.0, std::nullopt, -0.0})},
                {"s", testing::Strings({"abc", "", std::nullopt, "Ünïcode", "a%b"})},
                {"b", testing::Bools({true, false, std::nullopt, true, false})},
                {"dt", testing::Dates({0, 31, 59, std::nullopt, 18262})},  // 1970-01-01 ...
                {"ts", testing::Micros({0, kDay + 3600'000'000, std::nullopt, -1, 5})}});
}

TEST(ExprEvaluate, ThreeValuedLogic) {
  auto batch = Sample();
  // b: T F N T F; i > 1: F T N F T
  EXPECT_EQ(Keep("b AND i > 1", *batch), Rows{});
  EXPECT_EQ(Keep("b OR i > 1", *batch), (Rows{0, 1, 3, 4}));
  EXPECT_EQ(Keep("NOT b", *batch), (Rows{1, 4}));
  EXPECT_EQ(Keep("NOT (b AND NULL)", *batch), (Rows{1, 4}));  // F AND N = F
  EXPECT_EQ(Keep("b OR NULL", *batch), (Rows{0, 3}));         // T OR N = T
  EXPECT_EQ(Keep("(b AND NULL) IS NULL", *batch), (Rows{0, 2, 3}));
  EXPECT_EQ(Keep("NULL", *batch), Rows{});
  EXPECT_EQ(Keep("i = NULL OR i <> NULL", *batch), Rows{});
}

TEST(ExprEvaluate, ComparisonsWidenAndOrderNaNLast) {
  auto batch = Sample();
  EXPECT_EQ(Keep("i >= 2", *batch), (Rows{1, 4}));
  EXPECT_EQ(Keep("i = 1.0", *batch), Rows{0});
  EXPECT_EQ(Keep("i < d", *batch), (Rows{0, 1}));  // 2 < NaN: NaN sorts above every number
  EXPECT_EQ(Keep("d > 1e308", *batch), Rows{1});
  EXPECT_EQ(Keep("d = 'NaN'", *batch), Rows{1});
  EXPECT_EQ(Keep("d = 0", *batch), Rows{4});            // -0.0 = 0
  EXPECT_EQ(Keep("s < 'b'", *batch), (Rows{0, 1, 4}));  // bytewise
  EXPECT_EQ(Keep("dt = '1970-02-01' OR dt > DATE '2020-01-01'", *batch), Rows{1});
  EXPECT_EQ(Keep("dt = '2020-01-01'", *batch), Rows{4});
  EXPECT_EQ(Keep("ts < dt", *batch), (Rows{1, 4}));  // dates meet timestamps
  EXPECT_EQ(Keep("ts > TIMESTAMP '1970-01-02 00:59:59.999999'", *batch), Rows{1});
  EXPECT_EQ(Keep("ts = '1969-12-31 23:59:59.999999'", *batch), Rows{3});
}

TEST(ExprEvaluate, ArithmeticFollowsDuckDb) {
  auto batch = Sample();
  EXPECT_EQ(Keep("i / 4 = 0.25", *batch), Rows{0});  // / on integers is a double
  EXPECT_EQ(Keep("i // 4 = -1", *batch), Rows{3});   // // truncates
  EXPECT_EQ(Keep("i % 4 = -3", *batch), Rows{3});    // % keeps the dividend's sign
  EXPECT_EQ(Keep("(i // 0) IS NULL", *batch), (Rows{0, 1, 2, 3, 4}));
  EXPECT_EQ(Keep("(i % 0) IS NULL", *batch), (Rows{0, 1, 2, 3, 4}));
  EXPECT_EQ(Keep("i / 0 > 1e308", *batch), (Rows{0, 1, 4}));  // +inf
  EXPECT_EQ(Keep("-i * 2 + 1 = -19", *batch), Rows{4});
  EXPECT_EQ(Keep("d * 2 = 3", *batch), Rows{0});
  EXPECT_EQ(Keep("dt + 1 = DATE '1970-01-02'", *batch), Rows{0});
  EXPECT_EQ(Keep("dt - DATE '1970-01-01' = 31", *batch), Rows{1});
  EXPECT_EQ(Keep("dt + INTERVAL 1 MONTH = TIMESTAMP '1970-03-01'", *batch), Rows{1});  // clamped
  EXPECT_EQ(Keep("ts - INTERVAL '1 hour' = TIMESTAMP '1970-01-02'", *batch), Rows{1});
  auto overflow = Filter::Bind("i * 9223372036854775807 > 0", *batch->schema());
  ASSERT_TRUE(overflow.ok());
  auto rows = Select(**overflow, *batch, {});
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().message(), "integer overflow in \"*\" at 1:3, row 1");
}

TEST(ExprEvaluate, InBetweenIsNull) {
  auto batch = Sample();
  EXPECT_EQ(Keep("i IN (1, 10, NULL)", *batch), (Rows{0, 4}));
  EXPECT_EQ(Keep("i NOT IN (1, 10)", *batch), (Rows{1, 3}));
  EXPECT_EQ(Keep("i NOT IN (1, NULL)", *batch), Rows{});  // unknown unless a match
  EXPECT_EQ(Keep("s IN ('abc', '')", *batch), (Rows{0, 1}));
  EXPECT_EQ(Keep("i BETWEEN 1 AND 2", *batch), (Rows{0, 1}));
  EXPECT_EQ(Keep("i NOT BETWEEN 1 AND 2", *batch), (Rows{3, 4}));
  EXPECT_EQ(Keep("i IS NULL", *batch), Rows{2});
  EXPECT_EQ(Keep("s IS NOT NULL AND d IS NOT NULL", *batch), (Rows{0, 1, 4}));
}

TEST(ExprEvaluate, LikeAndIlike) {
  auto batch = Sample();
  EXPECT_EQ(Keep("s LIKE 'a%'", *batch), (Rows{0, 4}));
  EXPECT_EQ(Keep("s LIKE '_b_'", *batch), Rows{0});
  EXPECT_EQ(Keep("s LIKE '%'", *batch), (Rows{0, 1, 3, 4}));
  EXPECT_EQ(Keep("s LIKE 'a!%b' ESCAPE '!'", *batch), Rows{4});
  EXPECT_EQ(Keep("s NOT LIKE '%b%'", *batch), (Rows{1, 3}));
  EXPECT_EQ(Keep("s LIKE '_n_code'", *batch), Rows{3});
  EXPECT_EQ(Keep("s LIKE '__n_code'", *batch), Rows{});
  EXPECT_EQ(Keep("s LIKE '_nïcode'", *batch), Rows{3});  // _ is one character, not one byte
  EXPECT_EQ(Keep("s ILIKE 'üNÏ%'", *batch), Rows{3});
  EXPECT_EQ(Keep("s ILIKE 'ABC'", *batch), Rows{0});
  // As DuckDB: ILIKE folds the pattern but not the escape; a trailing escape is a literal.
  EXPECT_EQ(Keep("s ILIKE 'aQ%b' ESCAPE 'Q'", *batch), Rows{});
  EXPECT_EQ(Keep("s LIKE 'a!!%' ESCAPE '!'", *batch), Rows{});
  EXPECT_EQ(Keep("s LIKE 'abc!' ESCAPE '!'", *batch), Rows{});
}

TEST(ExprEvaluate, StringFunctions) {
  auto batch = Sample();
  EXPECT_EQ(Keep("lower(s) = 'ünïcode'", *batch), Rows{3});
  EXPECT_EQ(Keep("upper(s) = 'ÜNÏCODE'", *batch), Rows{3});
  EXPECT_EQ(Keep("upper('straße ς') = 'STRAẞE Σ' AND lower('ẞ') = 'ß'", *batch).size(), 5u);
  EXPECT_EQ(Keep("length(s) = 7", *batch), Rows{3});  // characters, not bytes
  EXPECT_EQ(Keep("substr(s, 2, 2) = 'nï'", *batch), Rows{3});
  EXPECT_EQ(Keep("substr(s, -2) = 'de'", *batch), Rows{3});
  EXPECT_EQ(Keep("substring(s, 0, 2) = 'a'", *batch), (Rows{0, 4}));
  EXPECT_EQ(Keep("substr(s, -30, 0) = '' AND substr(s, -9, 3) = 'Ü'", *batch), Rows{3});
  EXPECT_EQ(Keep("trim('  ' || s || ' ') = s", *batch), (Rows{0, 1, 3, 4}));
  EXPECT_EQ(Keep("starts_with(s, 'a') AND ends_with(s, 'b')", *batch), Rows{4});
  EXPECT_EQ(Keep("contains(s, '%')", *batch), Rows{4});
  EXPECT_EQ(Keep("regexp_matches(s, '^a.c$')", *batch), Rows{0});
  EXPECT_EQ(Keep("regexp_matches(s, 'ï')", *batch), Rows{3});
  EXPECT_EQ(Keep("concat(s, NULL, 'x') = 'x'", *batch), (Rows{1, 2}));  // NULLs skipped
  EXPECT_EQ(Keep("(s || NULL) IS NULL", *batch), (Rows{0, 1, 2, 3, 4}));
  EXPECT_EQ(Keep("i || 'x' = '-7x'", *batch), Rows{3});
}

TEST(ExprEvaluate, CastsFollowDuckDb) {
  auto batch = Sample();
  EXPECT_EQ(Keep("CAST(i / 4 AS INTEGER) = 1", *batch), Rows{1});  // 0.5 rounds away from 0
  EXPECT_EQ(Keep("CAST(i / 4 AS INTEGER) = -2", *batch), Rows{3});
  EXPECT_EQ(Keep("CAST(i / 4 AS INTEGER) = 3", *batch), Rows{4});
  EXPECT_EQ(Keep("d::VARCHAR = '1.5' OR d::VARCHAR = '2.0'", *batch), (Rows{0, 2}));
  EXPECT_EQ(Keep("CAST(' 10 ' AS BIGINT) = i", *batch), Rows{4});
  EXPECT_EQ(Keep("CAST(1e-7 AS VARCHAR) = '1e-07' AND CAST(-0.0 AS VARCHAR) = '-0.0' AND "
                 "CAST(0.1 + 0.2 AS VARCHAR) = '0.30000000000000004' AND "
                 "CAST(123456789012345680000.0 AS VARCHAR) = '1.2345678901234568e+20' AND "
                 "CAST(-40.0 AS VARCHAR) = '-40.0' AND CAST('-inf' AS DOUBLE)::VARCHAR = '-inf'",
                 *batch)
                .size(),
            5u);
  EXPECT_EQ(Keep("b::INTEGER = 1", *batch), (Rows{0, 3}));
  EXPECT_EQ(Keep("i::BOOLEAN", *batch), (Rows{0, 1, 3, 4}));
  EXPECT_EQ(Keep("ts::DATE = DATE '1969-12-31'", *batch), Rows{3});
  EXPECT_EQ(Keep("dt::TIMESTAMP = TIMESTAMP '1970-02-01 00:00:00'", *batch), Rows{1});
  EXPECT_EQ(Keep("ts::VARCHAR = '1970-01-02 01:00:00'", *batch), Rows{1});
  EXPECT_EQ(Keep("ts::VARCHAR = '1970-01-01 00:00:00.000005'", *batch), Rows{4});
  auto narrow = Filter::Bind("CAST(i * 100 AS TINYINT) > 0", *batch->schema());
  ASSERT_TRUE(narrow.ok());
  auto rows = Select(**narrow, *batch, {});
  ASSERT_FALSE(rows.ok());
  EXPECT_EQ(rows.status().message(), "value 200 does not fit a 8-bit integer at 1:1, row 1");
  auto nan = Filter::Bind("CAST(d AS INTEGER) = 2", *batch->schema());
  ASSERT_TRUE(nan.ok());
  EXPECT_EQ(Select(**nan, *batch, {}).status().message(),
            "cannot cast 'nan' to int64 at 1:1, row 1");
  auto text = Filter::Bind("CAST(s AS INTEGER) = 1", *batch->schema());
  ASSERT_TRUE(text.ok());
  EXPECT_EQ(Select(**text, *batch, {}).status().message(),
            "cannot cast 'abc' to int64 at 1:1, row 0");
}

TEST(ExprEvaluate, DateFunctionsAndFixedNow) {
  auto batch = Sample();
  EXPECT_EQ(Keep("year(dt) = 2020 AND month(dt) = 1 AND day(dt) = 1", *batch), Rows{4});
  EXPECT_EQ(Keep("extract(month FROM dt) = 2", *batch), (Rows{1}));
  EXPECT_EQ(Keep("date_part('doy', dt) = 60", *batch), Rows{2});
  EXPECT_EQ(Keep("date_part('dow', dt) = 4", *batch), Rows{0});  // a Thursday
  EXPECT_EQ(Keep("hour(ts) = 1 OR hour(ts) = 23", *batch), (Rows{1, 3}));
  EXPECT_EQ(Keep("extract(quarter FROM dt) = 1", *batch), (Rows{0, 1, 2, 4}));
  EXPECT_EQ(Keep("date_trunc('month', dt) = TIMESTAMP '1970-02-01'", *batch), (Rows{1}));
  EXPECT_EQ(Keep("date_trunc('week', dt) = TIMESTAMP '1969-12-29'", *batch), (Rows{0}));
  EXPECT_EQ(Keep("date_trunc('hour', ts) = TIMESTAMP '1969-12-31 23:00'", *batch), (Rows{3}));
  EXPECT_EQ(Keep("date_part('week', DATE '2021-01-03') = 53", *batch), (Rows{0, 1, 2, 3, 4}));
  EvalContext context = EvalContext::At(WallTime(std::chrono::hours(24 * 31 + 5)));
  EXPECT_EQ(Keep("current_date = dt", *batch, context), Rows{1});
  EXPECT_EQ(Keep("now() > ts + INTERVAL 4 HOUR", *batch, context), (Rows{0, 1, 3, 4}));
  EXPECT_EQ(Keep("current_date() = DATE '1970-02-01'", *batch, context).size(), 5u);
}

TEST(ExprEvaluate, CoalesceAndCase) {
  auto batch = Sample();
  EXPECT_EQ(Keep("coalesce(i, 99) = 99", *batch), Rows{2});
  EXPECT_EQ(Keep("coalesce(NULL, s, 'none') = 'none'", *batch), Rows{2});
  EXPECT_EQ(Keep("CASE WHEN i > 1 THEN 'big' WHEN i < 0 THEN 'neg' END = 'neg'", *batch), Rows{3});
  EXPECT_EQ(Keep("CASE WHEN i > 1 THEN 'big' END IS NULL", *batch), (Rows{0, 2, 3}));
  EXPECT_EQ(Keep("CASE i WHEN 1 THEN TRUE WHEN 2 THEN NULL ELSE FALSE END", *batch), Rows{0});
  EXPECT_EQ(Keep("CASE WHEN b THEN d ELSE i END > 1", *batch), (Rows{0, 1, 4}));
}

TEST(ExprEvaluate, EvaluateReturnsAnArrayWithNulls) {
  auto batch = Sample();
  auto filter = Filter::Bind("i > 1", *batch->schema());
  ASSERT_TRUE(filter.ok());
  auto array = Evaluate(**filter, *batch, {});
  ASSERT_TRUE(array.ok());
  EXPECT_EQ((*array)->ToString(), "[false, true, null, false, true]");
  auto other = Batch({{"j", testing::Ints({1})}});
  auto mismatch = Select(**filter, *other, {});
  ASSERT_FALSE(mismatch.ok());
  EXPECT_TRUE(mismatch.status().message().starts_with("filter \"i > 1\" was bound to schema"));
}

TEST(ExprEvaluate, ColumnsOfEveryWidthAndUnit) {
  columnar::Int8Builder small;
  small.Append(-3);
  columnar::UInt64Builder big;
  big.Append(UINT64_MAX);
  columnar::TimestampBuilder nanos(columnar::Timestamp(columnar::TimeUnit::kNano));
  nanos.Append(-1);
  auto batch = Batch({{"small", *small.Finish()}, {"big", *big.Finish()}, {"ns", *nanos.Finish()}});
  EXPECT_EQ(Keep("small = -3 AND ns = TIMESTAMP '1969-12-31 23:59:59.999999'", *batch), Rows{0});
  auto filter = Filter::Bind("big > 0", *batch->schema());
  ASSERT_TRUE(filter.ok());
  EXPECT_EQ(Select(**filter, *batch, {}).status().message(),
            "value 18446744073709551615 of column \"big\" at 1:1, row 0 is above the int64 range "
            "filters compute in");
}

}  // namespace
}  // namespace s3c::expr
