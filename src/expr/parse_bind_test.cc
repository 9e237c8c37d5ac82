#include <gtest/gtest.h>

#include <regex>

#include "expr/ast.h"
#include "expr/bound.h"
#include "expr/expr_test_batches.h"
#include "expr/expr_test_gen.h"

namespace s3c::expr {
namespace {

using testing::BindError;

columnar::Schema Orders() {
  return columnar::Schema(
      {columnar::Field("amount", columnar::Int64()), columnar::Field("price", columnar::Float64()),
       columnar::Field("name", columnar::String()), columnar::Field("day", columnar::Date32()),
       columnar::Field("at", columnar::Timestamp(columnar::TimeUnit::kMilli)),
       columnar::Field("ok", columnar::Bool()),
       columnar::Field("tags", columnar::List(columnar::String()))});
}

TEST(ExprParse, ParseErrorsPointAtTheToken) {
  auto error = [](std::string_view text) {
    auto ast = ParseExpression(text);
    return ast.ok() ? std::string("parsed") : ast.status().message();
  };
  EXPECT_EQ(error("(a = 1"), "expected \")\" at 1:7, found end of input");
  EXPECT_EQ(error("a = "), "expected an operand at 1:5, found end of input");
  EXPECT_EQ(error("a = 'x"), "unterminated string at 1:5");
  EXPECT_EQ(error("a\n  = $"), "unexpected character '$' at 2:5");
  EXPECT_EQ(error("a b"), "expected an operator or end of input at 1:3, found \"b\"");
  EXPECT_EQ(error("a IN 1"), "expected \"(\" at 1:6, found \"1\"");
  EXPECT_EQ(error("a BETWEEN 1 OR 2"), "expected AND at 1:13, found \"OR\"");
  EXPECT_EQ(error("CASE END"), "expected an operand at 1:6, found \"END\"");
  EXPECT_EQ(error("CASE a END"), "expected WHEN at 1:8, found \"END\"");
  EXPECT_EQ(error("CAST(a b)"), "expected AS at 1:8, found \"b\"");
  EXPECT_EQ(error("a = = 1"), "expected an operand at 1:5, found \"=\"");
}

TEST(ExprParse, PrecedenceAndForms) {
  auto ast = ParseExpression("NOT a = 1 OR b AND c");
  ASSERT_TRUE(ast.ok());
  EXPECT_EQ((*ast)->text, "OR");
  EXPECT_EQ((*ast)->args[0]->text, "NOT");
  EXPECT_EQ((*ast)->args[1]->text, "AND");
  auto arith = ParseExpression("1 + 2 * 3 || 'x'");
  ASSERT_TRUE(arith.ok());
  EXPECT_EQ((*arith)->text, "||");
  EXPECT_EQ((*arith)->args[0]->text, "+");
  EXPECT_EQ((*arith)->args[0]->args[1]->text, "*");
  auto extract = ParseExpression("extract(year FROM d)::varchar");
  ASSERT_TRUE(extract.ok());
  EXPECT_EQ((*extract)->kind, AstKind::kCast);
  EXPECT_EQ((*extract)->text, "VARCHAR");
  EXPECT_EQ((*extract)->args[0]->text, "date_part");
  auto not_in = ParseExpression("x NOT IN (1, 2) AND y NOT LIKE 'a%' ESCAPE '!'");
  ASSERT_TRUE(not_in.ok());
  EXPECT_TRUE((*not_in)->args[0]->negated);
  EXPECT_EQ((*not_in)->args[1]->args.size(), 3u);
}

TEST(ExprBind, UnknownColumnSuggestsTheClosestName) {
  EXPECT_EQ(BindError("amount > 1 AND amout < 5", Orders()),
            "unknown column \"amout\" at 1:16 (did you mean \"amount\"?)");
  EXPECT_EQ(BindError("zzzzzz = 1", Orders()), "unknown column \"zzzzzz\" at 1:1");
  EXPECT_EQ(BindError("\"AMOUNT\" = 1", Orders()),
            "unknown column \"AMOUNT\" at 1:1 (did you mean \"amount\"?)");
}

TEST(ExprBind, AmbiguousColumnsAreNamed) {
  columnar::Schema twice(
      {columnar::Field("x", columnar::Int64()), columnar::Field("x", columnar::String())});
  EXPECT_EQ(BindError("x = 1", twice),
            "column \"x\" at 1:1 is ambiguous: the schema has 2 columns of that name");
}

TEST(ExprBind, BareNamesIgnoreCase) {
  EXPECT_TRUE(Filter::Bind("AMOUNT = 1 AND Name = 'x'", Orders()).ok());
}

TEST(ExprBind, TypeErrorsNameTheOperatorAndTypes) {
  EXPECT_EQ(BindError("name + 1 > 2", Orders()),
            "operator \"+\" does not apply to string and int64 at 1:6");
  EXPECT_EQ(BindError("name = amount", Orders()),
            "operator \"=\" does not apply to string and int64 at 1:6");
  EXPECT_EQ(BindError("ok AND amount", Orders()), "AND at 1:4 needs booleans, not int64");
  EXPECT_EQ(BindError("amount", Orders()),
            "filter must be a boolean expression, not int64 (at 1:1)");
  EXPECT_EQ(BindError("lower(amount) = 'a'", Orders()),
            "argument 1 of lower at 1:7 must be a string, not int64");
  EXPECT_EQ(BindError("substr(name) = 'a'", Orders()),
            "substr at 1:1 takes 2 to 3 arguments, not 1");
  EXPECT_EQ(BindError("frobnicate(name)", Orders()), "unknown function frobnicate at 1:1");
  EXPECT_EQ(BindError("tags IS NULL", Orders()),
            "column \"tags\" at 1:1 has type list<item: string>, which filters cannot use");
  EXPECT_EQ(BindError("name LIKE 'a' ESCAPE 'ab'", Orders()),
            "ESCAPE at 1:22 must be a one-character string");
  EXPECT_TRUE(BindError("regexp_matches(name, '(')", Orders())
                  .starts_with("invalid regular expression at 1:22: missing )"));
  EXPECT_EQ(BindError("date_part('fortnight', day) = 1", Orders()),
            "argument 1 of date_part at 1:11 must be a date part such as 'year', 'month' or "
            "'day'");
  EXPECT_EQ(BindError("CAST(amount AS blob) IS NULL", Orders()), "unknown type BLOB at 1:1");
  EXPECT_EQ(BindError("day + INTERVAL 'x' DAY > day", Orders()),
            "invalid interval 'x DAY' at 1:7 (expected a count and a unit such as '3 days')");
}

TEST(ExprBind, StringLiteralsTakeTheOtherSidesType) {
  EXPECT_TRUE(
      Filter::Bind("amount = '5' AND day < '2020-01-01' AND at >= '2020-01-01 10:00'", Orders())
          .ok());
  EXPECT_EQ(BindError("amount = 'five'", Orders()), "cannot cast 'five' to int64 at 1:10");
  EXPECT_EQ(BindError("day = DATE '2020-02-30'", Orders()),
            "cannot cast '2020-02-30' to date at 1:7");
  EXPECT_EQ(BindError("amount IN (1, 'x')", Orders()), "cannot cast 'x' to int64 at 1:15");
}

TEST(ExprBind, ABoundFilterIsReusableAcrossThreadsByConstruction) {
  auto filter = Filter::Bind("amount > 1", Orders());
  ASSERT_TRUE(filter.ok());
  std::shared_ptr<const Filter> shared = *filter;
  EXPECT_EQ(shared->text(), "amount > 1");
  EXPECT_EQ(shared->schema().num_fields(), 7);
  EXPECT_EQ(ReferencedColumns(shared->root()), std::vector<int>{0});
}

// Mangled expressions (bytes deleted, duplicated or replaced) either bind or fail with an
// InvalidArgument that points at a position; none crashes, and what binds also evaluates or
// fails with an error value.
TEST(ExprBind, MangledExpressionsFailCleanly) {
  auto table = testing::RandomTable(20, 5);
  testing::ExpressionGenerator generator(11);
  std::mt19937_64 rng(3);
  const std::string kBytes = "()',=<>|:-+*/%\"\\ aZ9.\xc3\xa9\n";
  int failed = 0;
  for (int k = 0; k < 2000; ++k) {
    std::string text = generator.Boolean(2);
    for (int edits = 1 + static_cast<int>(rng() % 3); edits > 0 && !text.empty(); --edits) {
      size_t at = rng() % text.size();
      switch (rng() % 3) {
        case 0:
          text.erase(at, 1 + rng() % 4);
          break;
        case 1:
          text.insert(at, text.substr(at, 1 + rng() % 6));
          break;
        default:
          text[at] = kBytes[rng() % kBytes.size()];
      }
    }
    auto filter = Filter::Bind(text, *table->schema());
    if (!filter.ok()) {
      ++failed;
      EXPECT_EQ(filter.status().code(), StatusCode::kInvalidArgument) << text;
      EXPECT_TRUE(std::regex_search(filter.status().message(), std::regex("at [0-9]+:[0-9]+")))
          << text << ": " << filter.status().message();
      continue;
    }
    auto rows = Select(**filter, *table, {});
    if (!rows.ok()) EXPECT_EQ(rows.status().code(), StatusCode::kInvalidArgument) << text;
  }
  EXPECT_GT(failed, 1000);  // the edits mostly break the text
}

}  // namespace
}  // namespace s3c::expr
