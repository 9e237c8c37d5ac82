#include "s3c/formats/schema_json.h"

#include <gtest/gtest.h>

namespace s3c::formats {
namespace {

namespace c = columnar;

std::shared_ptr<c::Schema> S(std::vector<c::Field> f) { return c::MakeSchema(std::move(f)); }

TEST(SchemaJsonTest, ColumnsEscapeNamesAndSpellNestedTypes) {
  auto schema = S({c::Field("id", c::Int64(), false),
                   c::Field("say \"hi\"\\\n\x01", c::String()),
                   c::Field("\xc3\xa9t\xc3\xa9", c::List(c::Field("x", c::Int32(), false))),
                   c::Field("s", c::Struct({c::Field("a", c::Int32()),
                                            c::Field("b", c::String(), false)})),
                   c::Field("m", c::Map(c::String(), c::Int64()))});
  EXPECT_EQ(SchemaColumnsJson(*schema),
            "[{\"name\":\"id\",\"type\":\"int64\",\"nullable\":false},"
            "{\"name\":\"say \\\"hi\\\"\\\\\\n\\u0001\",\"type\":\"string\",\"nullable\":true},"
            "{\"name\":\"\xc3\xa9t\xc3\xa9\",\"type\":\"list<x: int32 not null>\","
            "\"nullable\":true},"
            "{\"name\":\"s\",\"type\":\"struct<a: int32, b: string not null>\","
            "\"nullable\":true},"
            "{\"name\":\"m\",\"type\":\"map<string, int64>\",\"nullable\":true}]");
  EXPECT_EQ(SchemaColumnsJson(*S({})), "[]");
}

TEST(SchemaJsonTest, NamedSchemasGiveUriAndColumns) {
  std::vector<NamedSchema> files = {{"s3://b/a \"1\".csv", S({c::Field("a", c::Bool())})},
                                    {"b.csv", S({})}};
  EXPECT_EQ(NamedSchemasJson(files),
            "[{\"uri\":\"s3://b/a \\\"1\\\".csv\",\"columns\":"
            "[{\"name\":\"a\",\"type\":\"bool\",\"nullable\":true}]},"
            "{\"uri\":\"b.csv\",\"columns\":[]}]");
  EXPECT_EQ(NamedSchemasJson({}), "[]");
}

TEST(SchemaJsonTest, DriftSpellsEachKind) {
  std::vector<SchemaDrift> drift(3);
  drift[0] = {SchemaDrift::Kind::kTypeWidened, "b.csv", "v", c::Int64(), c::Float64()};
  drift[1] = {SchemaDrift::Kind::kColumnAdded, "b.csv", "w\"\t", c::Null(),
              c::List(c::String())};
  drift[2] = {SchemaDrift::Kind::kColumnMissing, "c\xc3\xa9.csv", "id", c::Null(), c::Null()};
  EXPECT_EQ(SchemaDriftJson(drift),
            "[{\"file\":\"b.csv\",\"column\":\"v\",\"change\":\"widened\",\"from\":\"int64\","
            "\"to\":\"double\"},"
            "{\"file\":\"b.csv\",\"column\":\"w\\\"\\t\",\"change\":\"added\","
            "\"to\":\"list<item: string>\"},"
            "{\"file\":\"c\xc3\xa9.csv\",\"column\":\"id\",\"change\":\"missing\"}]");
  EXPECT_EQ(SchemaDriftJson({}), "[]");
}

// What UnionSchemas reports comes out as the JSON above (the path `s3c schema --json` takes).
TEST(SchemaJsonTest, DriftOfAUnion) {
  auto u = UnionSchemas({{"a.csv", S({c::Field("v", c::Int64())})},
                         {"b.csv", S({c::Field("v", c::Float64())})}});
  ASSERT_TRUE(u.ok()) << u.status().ToString();
  EXPECT_EQ(SchemaDriftJson(u->drift),
            "[{\"file\":\"b.csv\",\"column\":\"v\",\"change\":\"widened\",\"from\":\"int64\","
            "\"to\":\"double\"}]");
  EXPECT_EQ(SchemaColumnsJson(*u->schema),
            "[{\"name\":\"v\",\"type\":\"double\",\"nullable\":true}]");
}

}  // namespace
}  // namespace s3c::formats
