#include "s3c/columnar/data_type.h"

#include <gtest/gtest.h>

#include "s3c/columnar/schema.h"

namespace s3c::columnar {
namespace {

TEST(DataTypeTest, ToStringFollowsArrowNotation) {
  EXPECT_EQ(Null().ToString(), "null");
  EXPECT_EQ(Bool().ToString(), "bool");
  EXPECT_EQ(Int8().ToString(), "int8");
  EXPECT_EQ(UInt64().ToString(), "uint64");
  EXPECT_EQ(Float32().ToString(), "float");
  EXPECT_EQ(Float64().ToString(), "double");
  EXPECT_EQ(Decimal128(10, 2).ToString(), "decimal128(10, 2)");
  EXPECT_EQ(String().ToString(), "string");
  EXPECT_EQ(LargeString().ToString(), "large_string");
  EXPECT_EQ(Binary().ToString(), "binary");
  EXPECT_EQ(Date32().ToString(), "date32[day]");
  EXPECT_EQ(Time32(TimeUnit::kMilli).ToString(), "time32[ms]");
  EXPECT_EQ(Time64(TimeUnit::kNano).ToString(), "time64[ns]");
  EXPECT_EQ(Timestamp(TimeUnit::kMicro).ToString(), "timestamp[us]");
  EXPECT_EQ(Timestamp(TimeUnit::kMicro, "UTC").ToString(), "timestamp[us, tz=UTC]");
  EXPECT_EQ(List(Int64()).ToString(), "list<item: int64>");
  EXPECT_EQ(List(Field("x", Int32(), false)).ToString(), "list<x: int32 not null>");
  EXPECT_EQ(Struct({Field("a", Int32()), Field("b", String(), false)}).ToString(),
            "struct<a: int32, b: string not null>");
  EXPECT_EQ(Map(String(), Int64()).ToString(), "map<string, int64>");
  EXPECT_EQ(Map(String(), Int64(), true).ToString(), "map<string, int64, keys_sorted>");
}

TEST(DataTypeTest, EqualityComparesParametersAndChildren) {
  EXPECT_EQ(Int64(), Int64());
  EXPECT_FALSE(Int64() == Int32());
  EXPECT_EQ(Timestamp(TimeUnit::kMilli, "UTC"), Timestamp(TimeUnit::kMilli, "UTC"));
  EXPECT_FALSE(Timestamp(TimeUnit::kMilli, "UTC") == Timestamp(TimeUnit::kMilli));
  EXPECT_FALSE(Timestamp(TimeUnit::kMilli) == Timestamp(TimeUnit::kMicro));
  EXPECT_FALSE(Decimal128(10, 2) == Decimal128(10, 3));
  EXPECT_EQ(List(Int64()), List(Int64()));
  EXPECT_FALSE(List(Int64()) == List(Field("item", Int64(), false)));
  EXPECT_FALSE(List(Int64()) == List(Field("other", Int64())));
  EXPECT_EQ(Map(String(), Int64()), Map(String(), Int64()));
  EXPECT_FALSE(Map(String(), Int64()) == Map(String(), Int32()));
  DataType a = Struct({Field("a", Int32(), true, {{"k", "v"}})});
  DataType b = Struct({Field("a", Int32(), true, {{"k", "w"}})});
  EXPECT_TRUE(a.Equals(b));
  EXPECT_FALSE(a.Equals(b, /*check_metadata=*/true));
}

TEST(DataTypeTest, AccessorsAndWidths) {
  DataType map = Map(String(), Float64());
  EXPECT_EQ(map.key_type(), String());
  EXPECT_EQ(map.item_type(), Float64());
  EXPECT_EQ(map.value_type().ToString(), "struct<key: string not null, value: double>");
  EXPECT_EQ(Bool().bit_width(), 1);
  EXPECT_EQ(Int16().bit_width(), 16);
  EXPECT_EQ(Decimal128(5, 1).bit_width(), 128);
  EXPECT_EQ(Timestamp(TimeUnit::kSecond).bit_width(), 64);
  EXPECT_EQ(String().bit_width(), 0);
  EXPECT_EQ(Decimal128(12, 4).precision(), 12);
  EXPECT_EQ(Timestamp(TimeUnit::kNano, "Europe/Paris").timezone(), "Europe/Paris");
}

TEST(SchemaTest, LookupAndToString) {
  Schema schema({Field("id", Int64(), false), Field("name", String()), Field("dup", Bool()),
                 Field("dup", Bool())},
                {{"origin", "test"}});
  EXPECT_EQ(schema.num_fields(), 4);
  EXPECT_EQ(schema.GetFieldIndex("name"), 1);
  EXPECT_EQ(schema.GetFieldIndex("missing"), -1);
  EXPECT_EQ(schema.GetFieldIndex("dup"), -1);  // ambiguous
  ASSERT_NE(schema.GetFieldByName("id"), nullptr);
  EXPECT_FALSE(schema.GetFieldByName("id")->nullable());
  EXPECT_EQ(schema.ToString(), "id: int64 not null\nname: string\ndup: bool\ndup: bool");
  EXPECT_EQ(schema.metadata().at(0).second, "test");
  Schema other({Field("id", Int64(), false), Field("name", String()), Field("dup", Bool()),
                Field("dup", Bool())});
  EXPECT_TRUE(schema.Equals(other));
  EXPECT_FALSE(schema.Equals(other, /*check_metadata=*/true));
}

}  // namespace
}  // namespace s3c::columnar
