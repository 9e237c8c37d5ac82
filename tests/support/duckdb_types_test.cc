// DuckDB's spelling of s3c types (duckdb_types.h), checked against DuckDB itself.
#include "support/duckdb_types.h"

#include <gtest/gtest.h>

namespace s3c::testing {
namespace {

namespace col = columnar;
using col::Field;
using col::TimeUnit;

// Every type with its DuckDB cast target: DuckDB must name the result column as we spell it.
TEST(DuckDbTypesTest, SpellingMatchesDuckDbForEveryType) {
  S3C_REQUIRE_DUCKDB();
  const std::vector<std::pair<col::DataType, std::string>> types = {
      {col::Bool(), "BOOLEAN"},
      {col::Int8(), "TINYINT"},
      {col::Int16(), "SMALLINT"},
      {col::Int32(), "INTEGER"},
      {col::Int64(), "BIGINT"},
      {col::UInt8(), "UTINYINT"},
      {col::UInt16(), "USMALLINT"},
      {col::UInt32(), "UINTEGER"},
      {col::UInt64(), "UBIGINT"},
      {col::Float32(), "FLOAT"},
      {col::Float64(), "DOUBLE"},
      {col::Decimal128(38, 10), "DECIMAL(38, 10)"},
      {col::String(), "VARCHAR"},
      {col::LargeString(), "VARCHAR"},
      {col::Binary(), "BLOB"},
      {col::Date32(), "DATE"},
      {col::Time32(TimeUnit::kMilli), "TIME"},
      {col::Time64(TimeUnit::kNano), "TIME_NS"},
      {col::Timestamp(TimeUnit::kSecond), "TIMESTAMP_S"},
      {col::Timestamp(TimeUnit::kMilli), "TIMESTAMP_MS"},
      {col::Timestamp(TimeUnit::kMicro), "TIMESTAMP"},
      {col::Timestamp(TimeUnit::kNano), "TIMESTAMP_NS"},
      {col::Timestamp(TimeUnit::kMicro, "Europe/Paris"), "TIMESTAMPTZ"},
      {col::List(col::Int32()), "INTEGER[]"},
      {col::List(col::List(col::String())), "VARCHAR[][]"},
      {col::Struct({Field("a", col::Int64()), Field("b \"q\"", col::Date32())}),
       "STRUCT(a BIGINT, \"b \"\"q\"\"\" DATE)"},
      {col::Map(col::String(), col::List(col::Float64())), "MAP(VARCHAR, DOUBLE[])"},
  };
  std::vector<Field> fields;
  std::string sql = "SELECT ";
  for (size_t i = 0; i < types.size(); ++i) {
    const std::string name = "c" + std::to_string(i);
    fields.emplace_back(name, types[i].first);
    sql += (i ? ", " : "") + ("NULL::" + types[i].second + " AS " + name);
  }
  auto duck = DuckDbQuery(sql);
  ASSERT_TRUE(duck.ok()) << duck.status().ToString();
  EXPECT_TRUE(TypesEqual(duck->columns, *col::MakeSchema(fields)));
}

TEST(DuckDbTypesTest, DifferencesAreReportedPerColumn) {
  const std::vector<OracleColumn> duck = {{"a", "INTEGER"}, {"b", "BIGINT"}, {"x", "DOUBLE"}};
  auto schema = col::MakeSchema(
      {Field("a", col::Int64()), Field("b", col::Int64()), Field("c", col::Float64())});
  const auto result = TypesEqual(duck, *schema);
  ASSERT_FALSE(result);
  EXPECT_EQ(std::string(result.message()),
            "column types differ:\n"
            "  column 1: s3c a int64 (DuckDB spelling BIGINT), DuckDB a INTEGER\n"
            "  column 3: s3c c double (DuckDB spelling DOUBLE), DuckDB x DOUBLE");
  EXPECT_FALSE(TypesEqual({{"a", "BIGINT"}}, *schema));  // column counts differ
}

TEST(DuckDbTypesTest, ExceptionsApplyToSubtypesAndMustBeUsed) {
  const std::vector<TypeException> exceptions = {
      {"timestamp[ms]", "TIMESTAMP", "reason one"},
      {"null", "INTEGER", "reason two"},
  };
  auto schema = col::MakeSchema(
      {Field("l", col::List(col::Timestamp(TimeUnit::kMilli))), Field("i", col::Int32())});
  std::set<size_t> used;
  EXPECT_TRUE(TypesEqual({{"l", "TIMESTAMP[]"}, {"i", "INTEGER"}}, *schema, exceptions, &used));
  EXPECT_EQ(used, (std::set<size_t>{0}));
  const auto unused = EveryExceptionUsed(exceptions, used);
  ASSERT_FALSE(unused);
  EXPECT_NE(std::string(unused.message()).find("null -> INTEGER (reason two)"), std::string::npos);
  // An exception whose column still differs is not counted as used.
  std::set<size_t> none;
  EXPECT_FALSE(TypesEqual({{"l", "DATE[]"}, {"i", "INTEGER"}}, *schema, exceptions, &none));
  EXPECT_TRUE(none.empty());
  used.insert(1);
  EXPECT_TRUE(EveryExceptionUsed(exceptions, used));
}

TEST(DuckDbTypesTest, DescribedColumnsAreReadFromDescribeRows) {
  OracleTable describe;
  describe.rows = {"[\"a\",\"MAP(VARCHAR, INTEGER)\",\"YES\",null,null,null]",
                   "[\"b \\\"q\\\"\",\"GEOMETRY\",\"YES\",null,null,null]"};
  const std::vector<OracleColumn> columns = DescribedColumns(describe);
  ASSERT_EQ(columns.size(), 2u);
  EXPECT_EQ(columns[0].name, "a");
  EXPECT_EQ(columns[0].type, "MAP(VARCHAR, INTEGER)");
  EXPECT_EQ(columns[1].name, "b \"q\"");
  EXPECT_EQ(columns[1].type, "GEOMETRY");
}

}  // namespace
}  // namespace s3c::testing
