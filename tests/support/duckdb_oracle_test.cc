// The oracle's own checks: DuckDB literals and an s3c batch with every columnar type give the
// same canonical rows; errors, batching and the difference report.
#include "support/duckdb_oracle.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <optional>

#include "s3c/columnar/builder_binary.h"
#include "s3c/columnar/builder_nested.h"
#include "s3c/columnar/builder_primitive.h"

namespace s3c::testing {
namespace {

namespace col = s3c::columnar;
using col::Int128;

// One column: its field, its array (two rows) and the DuckDB expressions of the same two values.
struct Column {
  col::Field field;
  std::shared_ptr<col::Array> array;
  std::string sql_row1;
  std::string sql_row2;
};

template <typename B, typename Fill>
std::shared_ptr<col::Array> Build(const col::DataType& type, Fill fill) {
  std::unique_ptr<col::ArrayBuilder> builder = col::MakeBuilder(type);
  fill(*static_cast<B*>(builder.get()));
  auto result = builder->Finish();
  EXPECT_TRUE(result.ok()) << type.ToString() << ": " << result.status().ToString();
  return *std::move(result);
}

template <typename B, typename V>
Column Scalar(std::string name, const col::DataType& type, V v1, std::string s1,
              std::optional<V> v2, std::string s2) {
  auto array = Build<B>(type, [&](B& b) {
    b.Append(v1);
    if (v2) {
      b.Append(*v2);
    } else {
      b.AppendNull();
    }
  });
  return {col::Field(std::move(name), type), array, std::move(s1), std::move(s2)};
}

std::vector<Column> EveryType() {
  std::vector<Column> c;
  using std::nullopt;
  c.push_back(Scalar<col::BooleanBuilder, bool>("b", col::Bool(), true, "true", false, "false"));
  c.push_back(Scalar<col::Int8Builder, int8_t>("i8", col::Int8(), -128, "'-128'::TINYINT", nullopt,
                                               "NULL::TINYINT"));
  c.push_back(Scalar<col::Int16Builder, int16_t>("i16", col::Int16(), -32768, "'-32768'::SMALLINT",
                                                 7, "7::SMALLINT"));
  c.push_back(Scalar<col::Int32Builder, int32_t>("i32", col::Int32(), 2147483647,
                                                 "2147483647::INTEGER", -1, "-1::INTEGER"));
  c.push_back(Scalar<col::Int64Builder, int64_t>("i64", col::Int64(),
                                                 std::numeric_limits<int64_t>::min(),
                                                 "'-9223372036854775808'::BIGINT", 0, "0::BIGINT"));
  c.push_back(Scalar<col::UInt8Builder, uint8_t>("u8", col::UInt8(), 255, "255::UTINYINT", 0,
                                                 "0::UTINYINT"));
  c.push_back(Scalar<col::UInt16Builder, uint16_t>("u16", col::UInt16(), 65535, "65535::USMALLINT",
                                                   1, "1::USMALLINT"));
  c.push_back(Scalar<col::UInt32Builder, uint32_t>("u32", col::UInt32(), 4294967295U,
                                                   "4294967295::UINTEGER", 2, "2::UINTEGER"));
  c.push_back(Scalar<col::UInt64Builder, uint64_t>(
      "u64", col::UInt64(), std::numeric_limits<uint64_t>::max(), "18446744073709551615::UBIGINT",
      nullopt, "NULL::UBIGINT"));
  c.push_back(Scalar<col::Float32Builder, float>("f32", col::Float32(), 1.1F, "1.1::FLOAT", -0.0F,
                                                 "'-0.0'::FLOAT"));
  c.push_back(Scalar<col::Float64Builder, double>("f64", col::Float64(), 0.1, "0.1::DOUBLE",
                                                  std::nan(""), "'NaN'::DOUBLE"));
  Int128 big = col::PowerOfTen(37) * -1 - 12345;  // 38 digits with scale 10
  c.push_back(Scalar<col::Decimal128Builder, Int128>(
      "dec", col::Decimal128(38, 10), big,
      "'-1000000000000000000000000000.0000012345'::DECIMAL(38,10)", Int128{0},
      "0::DECIMAL(38,10)"));
  c.push_back(Scalar<col::Decimal128Builder, Int128>("dec2", col::Decimal128(9, 2), Int128{-150},
                                                     "-1.50::DECIMAL(9,2)", Int128{5},
                                                     "0.05::DECIMAL(9,2)"));
  c.push_back(Scalar<col::StringBuilder, std::string_view>(
      "s", col::String(), "q\" b\\ nl\n cr\r tab\t ctl\x01 \xc3\xa9 \xf0\x9f\x98\x80",
      "'q\" b\\ nl' || chr(10) || ' cr' || chr(13) || ' tab' || chr(9) || ' ctl' || chr(1) || "
      "' é 😀'",
      std::string_view(""), "''"));
  c.push_back(Scalar<col::LargeStringBuilder, std::string_view>(
      "ls", col::LargeString(), "it's", "'it''s'", nullopt, "NULL::VARCHAR"));
  c.push_back(Scalar<col::BinaryBuilder, std::string_view>(
      "bin", col::Binary(), std::string_view("\x00\xff\x10", 3), "'\\x00\\xFF\\x10'::BLOB",
      std::string_view(""), "''::BLOB"));
  c.push_back(Scalar<col::Date32Builder, int32_t>("d", col::Date32(), -1, "DATE '1969-12-31'",
                                                  18262, "DATE '2020-01-01'"));
  c.push_back(Scalar<col::Time32Builder, int32_t>("t_s", col::Time32(col::TimeUnit::kSecond), 3723,
                                                  "TIME '01:02:03'", 0, "TIME '00:00:00'"));
  c.push_back(Scalar<col::Time32Builder, int32_t>("t_ms", col::Time32(col::TimeUnit::kMilli),
                                                  3723456, "TIME '01:02:03.456'", nullopt,
                                                  "NULL::TIME"));
  c.push_back(Scalar<col::Time64Builder, int64_t>("t_us", col::Time64(col::TimeUnit::kMicro),
                                                  86399999999, "TIME '23:59:59.999999'", 1,
                                                  "TIME '00:00:00.000001'"));
  c.push_back(Scalar<col::Time64Builder, int64_t>("t_ns", col::Time64(col::TimeUnit::kNano),
                                                  3723123456789, "'01:02:03.123456789'::TIME_NS",
                                                  3723123456000, "'01:02:03.123456'::TIME_NS"));
  c.push_back(Scalar<col::TimestampBuilder, int64_t>(
      "ts_s", col::Timestamp(col::TimeUnit::kSecond), -2208988800,
      "TIMESTAMP_S '1900-01-01 00:00:00'", 0, "TIMESTAMP_S '1970-01-01 00:00:00'"));
  c.push_back(Scalar<col::TimestampBuilder, int64_t>(
      "ts_ms", col::Timestamp(col::TimeUnit::kMilli), 1577836800123,
      "TIMESTAMP_MS '2020-01-01 00:00:00.123'", -1, "TIMESTAMP_MS '1969-12-31 23:59:59.999'"));
  c.push_back(Scalar<col::TimestampBuilder, int64_t>(
      "ts_us_utc", col::Timestamp(col::TimeUnit::kMicro, "UTC"), 1590969600000001,
      "TIMESTAMPTZ '2020-06-01 02:00:00.000001+02'", nullopt, "NULL::TIMESTAMPTZ"));
  c.push_back(Scalar<col::TimestampBuilder, int64_t>(
      "ts_ns", col::Timestamp(col::TimeUnit::kNano), 9223372036854775806,
      "TIMESTAMP_NS '2262-04-11 23:47:16.854775806'", 1,
      "TIMESTAMP_NS '1970-01-01 00:00:00.000000001'"));
  c.push_back(Scalar<col::TimestampBuilder, int64_t>(
      "ts_us", col::Timestamp(col::TimeUnit::kMicro), 1577836800123456,
      "TIMESTAMP '2020-01-01 00:00:00.123456'", nullopt, "NULL::TIMESTAMP"));

  col::DataType list_type = col::List(col::Int64());
  c.push_back({col::Field("list", list_type),
               Build<col::ListBuilder>(list_type,
                                       [](col::ListBuilder& b) {
                                         auto* v = b.value_builder_as<col::Int64Builder>();
                                         b.Append();
                                         v->Append(1);
                                         v->AppendNull();
                                         v->Append(-3);
                                         b.Append();
                                       }),
               "[1, NULL, -3]::BIGINT[]", "[]::BIGINT[]"});
  col::DataType nested_type = col::List(col::List(col::String()));
  c.push_back({col::Field("list_list", nested_type),
               Build<col::ListBuilder>(nested_type,
                                       [](col::ListBuilder& b) {
                                         auto* inner = b.value_builder_as<col::ListBuilder>();
                                         auto* s = inner->value_builder_as<col::StringBuilder>();
                                         b.Append();
                                         inner->Append();
                                         s->Append("a");
                                         inner->AppendNull();
                                         inner->Append();
                                         b.AppendNull();
                                       }),
               "[['a'], NULL, []]::VARCHAR[][]", "NULL::VARCHAR[][]"});
  col::DataType struct_type =
      col::Struct({col::Field("z", col::Int32()), col::Field("a", col::String())});
  c.push_back({col::Field("st", struct_type),
               Build<col::StructBuilder>(struct_type,
                                         [](col::StructBuilder& b) {
                                           b.Append();
                                           b.field_builder_as<col::Int32Builder>(0)->Append(1);
                                           b.field_builder_as<col::StringBuilder>(1)->AppendNull();
                                           b.AppendNull();
                                         }),
               "{'z': 1, 'a': NULL::VARCHAR}", "NULL::STRUCT(z INTEGER, a VARCHAR)"});
  col::DataType map_type = col::Map(col::String(), col::Float64());
  c.push_back({col::Field("map", map_type),
               Build<col::MapBuilder>(map_type,
                                      [](col::MapBuilder& b) {
                                        auto* k = b.key_builder_as<col::StringBuilder>();
                                        auto* v = b.item_builder_as<col::Float64Builder>();
                                        b.Append();
                                        k->Append("k");
                                        v->Append(1.5);
                                        k->Append("j");
                                        v->AppendNull();
                                        b.Append();
                                      }),
               "MAP {'k': 1.5::DOUBLE, 'j': NULL::DOUBLE}", "MAP {}::MAP(VARCHAR, DOUBLE)"});
  c.push_back(
      {col::Field("nul", col::Null()), col::MakeArrayOfNulls(col::Null(), 2), "NULL", "NULL"});
  return c;
}

TEST(DuckDbOracle, EveryColumnarTypeMatchesDuckDbLiterals) {
  S3C_REQUIRE_DUCKDB();
  std::vector<Column> columns = EveryType();
  std::vector<col::Field> fields;
  std::vector<std::shared_ptr<col::Array>> arrays;
  std::string row1;
  std::string row2;
  for (const Column& c : columns) {
    fields.push_back(c.field);
    arrays.push_back(c.array);
    row1 += (row1.empty() ? "" : ", ") + c.sql_row1 + " AS " + c.field.name();
    row2 += (row2.empty() ? "" : ", ") + c.sql_row2;
  }
  auto batch = col::RecordBatch::Make(col::MakeSchema(fields), arrays);
  ASSERT_TRUE(batch.ok()) << batch.status().ToString();
  auto duck = DuckDbQuery("SELECT " + row1 + " UNION ALL SELECT " + row2);
  ASSERT_TRUE(duck.ok()) << duck.status().ToString();
  ASSERT_EQ(duck->columns.size(), columns.size());
  EXPECT_EQ(duck->columns[0].type, "BOOLEAN");
  EXPECT_EQ(duck->columns[11].type, "DECIMAL(38,10)");
  EXPECT_TRUE(RowsEqual(duck->rows, CanonicalRows(**batch), ColumnNames(*duck)));
  // UNION ALL keeps the order of its inputs with one thread; the exact texts pin the form.
  std::vector<std::string> row = SplitCanonicalRow(duck->rows[0]);
  EXPECT_EQ(row[10], "\"f:3fb999999999999a\"");  // 0.1
  EXPECT_EQ(row[11], "\"-1000000000000000000000000000.0000012345\"");
  EXPECT_EQ(row[12], "\"-1.50\"");
  EXPECT_EQ(row[13], "\"q\\\" b\\\\ nl\\n cr\\r tab\\t ctl\\u0001 é 😀\"");
  EXPECT_EQ(row[15], "\"x:00ff10\"");
  EXPECT_EQ(row[20], "\"t:3723123456.789\"");
  EXPECT_EQ(row[21], "\"ts:-2208988800000000000\"");
  EXPECT_EQ(row[26], "[\"1\",null,\"-3\"]");
  EXPECT_EQ(row[28], "[\"1\",null]");
  EXPECT_EQ(row[29], "[[\"k\",\"f:3ff8000000000000\"],[\"j\",null]]");
  row = SplitCanonicalRow(duck->rows[1]);
  EXPECT_EQ(row[9], "\"f:8000000000000000\"");  // -0.0 keeps its sign
  EXPECT_EQ(row[10], "\"f:nan\"");
  EXPECT_EQ(row[11], "\"0.0000000000\"");
  EXPECT_EQ(row[12], "\"0.05\"");
}

TEST(DuckDbOracle, UuidHugeintAndTimestampUnitsAgree) {
  S3C_REQUIRE_DUCKDB();
  auto duck = DuckDbQuery(
      "SELECT 'a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11'::UUID, "
      "'-170141183460469231731687303715884105728'::HUGEINT, TIMESTAMP_S '2001-02-03 04:05:06', "
      "TIMESTAMP_MS '2001-02-03 04:05:06', TIMESTAMP '2001-02-03 04:05:06', "
      "TIMESTAMP_NS '2001-02-03 04:05:06', TIMESTAMPTZ '2001-02-03 04:05:06+00'");
  ASSERT_TRUE(duck.ok()) << duck.status().ToString();
  EXPECT_EQ(duck->rows,
            std::vector<std::string>{
                "[\"a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11\","
                "\"-170141183460469231731687303715884105728\",\"ts:981173106000000000\","
                "\"ts:981173106000000000\",\"ts:981173106000000000\","
                "\"ts:981173106000000000\",\"ts:981173106000000000\"]"});
}

TEST(DuckDbOracle, BatchedQueriesAnswerInOrderAndReportErrors) {
  S3C_REQUIRE_DUCKDB();
  auto results = DuckDbQueries({"SELECT 1 AS one", "SELECT no_such_column",
                                "SELECT current_setting('threads') AS t",
                                "SET threads=2; SELECT current_setting('threads') AS t",
                                "SELECT current_setting('threads') AS t"});
  ASSERT_EQ(results.size(), 5U);
  ASSERT_TRUE(results[0].ok());
  EXPECT_EQ(results[0]->columns[0].name, "one");
  EXPECT_EQ(results[0]->columns[0].type, "INTEGER");
  EXPECT_EQ(results[0]->rows, std::vector<std::string>{"[\"1\"]"});
  ASSERT_FALSE(results[1].ok());
  EXPECT_EQ(results[1].status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(results[1].status().message().find("no_such_column"), std::string::npos);
  EXPECT_EQ(results[2]->rows, std::vector<std::string>{"[\"1\"]"});
  EXPECT_EQ(results[3]->rows, std::vector<std::string>{"[\"2\"]"});
  EXPECT_EQ(results[4]->rows, std::vector<std::string>{"[\"1\"]"});  // each query starts at 1
}

TEST(DuckDbOracle, SqlQuoteDoublesQuotes) {
  EXPECT_EQ(SqlQuote("/tmp/it's.csv"), "'/tmp/it''s.csv'");
}

TEST(DuckDbOracle, DifferenceReportNamesRowColumnAndBothValues) {
  std::vector<std::string> a = {"[\"1\",\"x\"]", "[\"2\",\"y\"]", "[\"3\",null]"};
  std::vector<std::string> b = {"[\"1\",\"x\"]", "[\"2\",\"Y\"]"};
  EXPECT_EQ(DescribeRowDifferences(a, b, {"id", "name"}),
            "row counts differ: expected 3, actual 2\n"
            "row 2, column name: expected \"y\", actual \"Y\"\n");
  EXPECT_EQ(DescribeRowDifferences(a, a), "");
  EXPECT_EQ(DescribeRowDifferences({"[\"1\"]"}, {}),
            "row counts differ: expected 1, actual 0\n"
            "first extra row (1): [\"1\"]\n");
  EXPECT_EQ(SplitCanonicalRow("[[\"a,b\",[1]],null,\"]\"]"),
            (std::vector<std::string>{"[\"a,b\",[1]]", "null", "\"]\""}));
  EXPECT_FALSE(RowsEqual(a, b));
}

}  // namespace
}  // namespace s3c::testing
