#include "s3c/formats/inference.h"

#include <gtest/gtest.h>

namespace s3c::formats {
namespace {

namespace c = columnar;
using c::TimeUnit;

std::string Classify(std::string_view s, const InferenceOptions& o = {}) {
  return ClassifyText(s, o).ToString();
}

TEST(TextParsers, Ints) {
  EXPECT_EQ(ParseInt64Text("42"), 42);
  EXPECT_EQ(ParseInt64Text("-9223372036854775808"), INT64_MIN);
  EXPECT_EQ(ParseInt64Text("+7"), 7);
  EXPECT_FALSE(ParseInt64Text("9223372036854775808"));
  EXPECT_FALSE(ParseInt64Text(""));
  EXPECT_FALSE(ParseInt64Text("-"));
  EXPECT_FALSE(ParseInt64Text("1 "));
  EXPECT_FALSE(ParseInt64Text("+-1"));
}

TEST(TextParsers, Floats) {
  EXPECT_EQ(ParseFloat64Text("1.5"), 1.5);
  EXPECT_EQ(ParseFloat64Text("-2e3"), -2000.0);
  EXPECT_EQ(ParseFloat64Text(".5"), 0.5);
  EXPECT_TRUE(ParseFloat64Text("inf"));
  EXPECT_TRUE(ParseFloat64Text("NaN"));
  EXPECT_FALSE(ParseFloat64Text("1.5x"));
  EXPECT_FALSE(ParseFloat64Text("nan(123)"));
  EXPECT_FALSE(ParseFloat64Text(""));
}

TEST(TextParsers, Dates) {
  EXPECT_EQ(ParseDate32Text("1970-01-01"), 0);
  EXPECT_EQ(ParseDate32Text("2024-01-31"), 19753);
  EXPECT_EQ(ParseDate32Text("2024-02-29"), 19782);
  EXPECT_FALSE(ParseDate32Text("2023-02-29"));
  EXPECT_FALSE(ParseDate32Text("2024-13-01"));
  EXPECT_FALSE(ParseDate32Text("2024-1-01"));
  EXPECT_EQ(ParseDate32Text("1969-12-31"), -1);
  EXPECT_EQ(ParseDate32Text("31/01/2024", {"%d/%m/%Y"}), 19753);
  EXPECT_EQ(ParseDate32Text("1/2/2024", {"%d/%m/%Y"}), 19754);
  EXPECT_FALSE(ParseDate32Text("31/01/2024"));
}

TEST(TextParsers, Timestamps) {
  auto t = ParseTimestampText("2024-01-31T12:34:56", TimeUnit::kSecond);
  ASSERT_TRUE(t);
  EXPECT_EQ(t->value, 19753LL * 86400 + 12 * 3600 + 34 * 60 + 56);
  EXPECT_FALSE(t->has_zone);
  auto u = ParseTimestampText("2024-01-31 12:34:56.25Z", TimeUnit::kMilli);
  ASSERT_TRUE(u);
  EXPECT_EQ(u->value, (19753LL * 86400 + 12 * 3600 + 34 * 60 + 56) * 1000 + 250);
  EXPECT_TRUE(u->has_zone);
  auto v = ParseTimestampText("2024-01-31T12:34:56+01:30", TimeUnit::kSecond);
  ASSERT_TRUE(v);
  EXPECT_EQ(v->value, 19753LL * 86400 + 11 * 3600 + 4 * 60 + 56);
  auto w = ParseTimestampText("2024-01-31T12:34:56.123456789-0100", TimeUnit::kNano);
  ASSERT_TRUE(w);
  EXPECT_EQ(w->value, (19753LL * 86400 + 13 * 3600 + 34 * 60 + 56) * 1000000000LL + 123456789);
  auto d = ParseTimestampText("2024-01-31", TimeUnit::kMicro);
  ASSERT_TRUE(d);
  EXPECT_EQ(d->value, 19753LL * 86400 * 1000000);
  EXPECT_FALSE(ParseTimestampText("2024-01-31T25:00:00", TimeUnit::kSecond));
  EXPECT_FALSE(ParseTimestampText("2024-01-31T12:34:56+", TimeUnit::kSecond));
  EXPECT_FALSE(ParseTimestampText("2024-01-31X12:34", TimeUnit::kSecond));
  auto x = ParseTimestampText("31.01.2024 12:00", TimeUnit::kSecond, {"%d.%m.%Y %H:%M"});
  ASSERT_TRUE(x);
  EXPECT_EQ(x->value, 19753LL * 86400 + 12 * 3600);
}

TEST(TextParsers, Decimals) {
  auto d = ParseDecimalText("-12.50");
  ASSERT_TRUE(d);
  EXPECT_TRUE(d->unscaled == -1250);
  EXPECT_EQ(d->precision, 4);
  EXPECT_EQ(d->scale, 2);
  auto z = ParseDecimalText("0.05");
  ASSERT_TRUE(z);
  EXPECT_EQ(z->precision, 2);
  EXPECT_EQ(z->scale, 2);
  EXPECT_FALSE(ParseDecimalText("1.2.3"));
  EXPECT_FALSE(ParseDecimalText("."));
}

TEST(Classify, Lattice) {
  EXPECT_EQ(Classify(""), "null");
  EXPECT_EQ(Classify("true"), "bool");
  EXPECT_EQ(Classify("FALSE"), "bool");
  EXPECT_EQ(Classify("12"), "int64");
  EXPECT_EQ(Classify("1.25"), "double");
  EXPECT_EQ(Classify("2024-01-31"), "date32[day]");
  EXPECT_EQ(Classify("2024-01-31T00:00:00"), "timestamp[us]");
  EXPECT_EQ(Classify("2024-01-31T00:00:00Z"), "timestamp[us, tz=UTC]");
  EXPECT_EQ(Classify("hello"), "string");
  InferenceOptions o;
  o.infer_decimals = true;
  EXPECT_EQ(Classify("12.50", o), "decimal128(4, 2)");
  EXPECT_EQ(Classify("1e5", o), "double");
  o.infer_bools = false;
  EXPECT_EQ(Classify("true", o), "string");
  o.null_strings = {"NA"};
  EXPECT_EQ(Classify("NA", o), "null");
  EXPECT_EQ(Classify("", o), "string");
}

std::string Widen(const c::DataType& a, const c::DataType& b) {
  std::string ab = WidenTypes(a, b).ToString();
  EXPECT_EQ(ab, WidenTypes(b, a).ToString()) << "widening must be symmetric";
  return ab;
}

TEST(Widen, Rules) {
  EXPECT_EQ(Widen(c::Null(), c::Int64()), "int64");
  EXPECT_EQ(Widen(c::Int64(), c::Float64()), "double");
  EXPECT_EQ(Widen(c::Int32(), c::Int64()), "int64");
  EXPECT_EQ(Widen(c::Date32(), c::Timestamp(TimeUnit::kMicro)), "timestamp[us]");
  EXPECT_EQ(Widen(c::Timestamp(TimeUnit::kMilli), c::Timestamp(TimeUnit::kMicro, "UTC")),
            "timestamp[us, tz=UTC]");
  EXPECT_EQ(Widen(c::Int64(), c::String()), "string");
  EXPECT_EQ(Widen(c::Date32(), c::String()), "string");
  EXPECT_EQ(Widen(c::Bool(), c::Int64()), "string");
  EXPECT_EQ(Widen(c::Int64(), c::Date32()), "string");
  EXPECT_EQ(Widen(c::Decimal128(4, 2), c::Decimal128(5, 1)), "decimal128(6, 2)");
  EXPECT_EQ(Widen(c::Decimal128(4, 2), c::Int64()), "decimal128(21, 2)");
  EXPECT_EQ(Widen(c::Decimal128(4, 2), c::Float64()), "double");
  EXPECT_EQ(Widen(c::Decimal128(38, 30), c::Int64()), "double");
  EXPECT_EQ(Widen(c::List(c::Int64()), c::List(c::Float64())), "list<item: double>");
  EXPECT_EQ(Widen(c::List(c::Int64()), c::Int64()), "string");
}

TEST(Widen, StructsUniteByName) {
  auto a = c::Struct({c::Field("x", c::Int64(), false), c::Field("y", c::String())});
  auto b = c::Struct({c::Field("x", c::Float64(), false), c::Field("z", c::Bool(), false)});
  EXPECT_EQ(WidenTypes(a, b).ToString(), "struct<x: double not null, y: string, z: bool>");
}

TEST(ColumnInferrerTest, WidensAcrossCells) {
  InferenceOptions o;
  ColumnInferrer ci(&o);
  EXPECT_EQ(ci.ResultOr(c::String()).ToString(), "string");
  ci.Observe("");
  EXPECT_EQ(ci.type().ToString(), "null");
  ci.Observe("1");
  EXPECT_EQ(ci.type().ToString(), "int64");
  ci.Observe("2.5");
  EXPECT_EQ(ci.type().ToString(), "double");
  ci.Observe("3");
  EXPECT_EQ(ci.type().ToString(), "double");
  ci.Observe("x");
  EXPECT_EQ(ci.type().ToString(), "string");
  EXPECT_EQ(ci.non_null_count(), 4);
  ColumnInferrer t(&o);
  t.Observe("2024-01-01");
  t.Observe("2024-01-01 10:00:00");
  EXPECT_EQ(t.type().ToString(), "timestamp[us]");
}

std::shared_ptr<c::Schema> S(std::vector<c::Field> f) { return c::MakeSchema(std::move(f)); }

TEST(UnionSchemasTest, DriftReport) {
  std::vector<NamedSchema> in = {
      {"a.csv", S({c::Field("id", c::Int64(), false), c::Field("v", c::Int64())})},
      {"b.csv", S({c::Field("id", c::Int64(), false), c::Field("v", c::Float64()),
                   c::Field("w", c::String())})},
      {"c.csv", S({c::Field("v", c::Int64()), c::Field("w", c::String())})},
  };
  auto r = UnionSchemas(in);
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  EXPECT_EQ(r->schema->ToString(), "id: int64\nv: double\nw: string");
  ASSERT_EQ(r->drift.size(), 3u);
  EXPECT_EQ(r->drift[0].ToString(), "b.csv: column v widened int64 -> double");
  EXPECT_EQ(r->drift[1].ToString(), "b.csv: column w added (string)");
  EXPECT_EQ(r->drift[2].ToString(), "c.csv: column id missing");
  EXPECT_EQ(r->drift[2].kind, SchemaDrift::Kind::kColumnMissing);
  EXPECT_FALSE(r->schema->field(0).type().Equals(c::Null()));
  EXPECT_TRUE(r->schema->field(0).nullable());
}

TEST(UnionSchemasTest, Errors) {
  EXPECT_EQ(UnionSchemas({}).status().code(), StatusCode::kInvalidArgument);
  auto dup = UnionSchemas({{"d.csv", S({c::Field("a", c::Int64()), c::Field("a", c::Int64())})}});
  EXPECT_EQ(dup.status().message(), "schema union: d.csv repeats column a");
}

}  // namespace
}  // namespace s3c::formats
