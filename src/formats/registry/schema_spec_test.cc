#include "s3c/formats/schema_spec.h"

#include <gtest/gtest.h>

namespace s3c::formats {
namespace {

std::string Roundtrip(std::string_view spec) {
  auto schema = ParseSchemaSpec(spec);
  return schema.ok() ? (*schema)->ToString() : schema.status().message();
}

TEST(SchemaSpec, ParsesEveryKindOfType) {
  EXPECT_EQ(Roundtrip("id:int64 not null, name: string"), "id: int64 not null\nname: string");
  EXPECT_EQ(Roundtrip("p:decimal(10,2),t:timestamp[ms, UTC],d:date,x:time"),
            "p: decimal128(10, 2)\nt: timestamp[ms, tz=UTC]\nd: date32[day]\nx: time64[us]");
  EXPECT_EQ(Roundtrip("tags:list<string>, m:map<string,double>, s:struct<a:int32, b:bool>"),
            "tags: list<item: string>\nm: map<string, double>\ns: struct<a: int32, b: bool>");
  EXPECT_EQ(Roundtrip("u:uint64,f:float,b:binary,ts:timestamp"),
            "u: uint64\nf: float\nb: binary\nts: timestamp[us]");
}

TEST(SchemaSpec, ErrorsSayWhereAndWhat) {
  EXPECT_EQ(Roundtrip("a:int64,b:strin"),
            "schema 'a:int64,b:strin': expected a type name, not 'strin' at position 16");
  EXPECT_EQ(Roundtrip("a:decimal(40,2)"),
            "schema 'a:decimal(40,2)': expected a decimal precision from 1 to 38 at position 16");
  EXPECT_EQ(Roundtrip("a:int64,a:string"), "schema 'a:int64,a:string': column 'a' appears twice");
  EXPECT_EQ(Roundtrip(":int64"), "schema ':int64': expected a column name at position 1");
  EXPECT_EQ(Roundtrip("a:timestamp[xs]"),
            "schema 'a:timestamp[xs]': expected a time unit (s, ms, us, ns) at position 15");
}

}  // namespace
}  // namespace s3c::formats
