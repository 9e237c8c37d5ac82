#include "formats/parquet/schema_mapping.h"

#include <gtest/gtest.h>

#include "formats/parquet/schema_mapping_internal.h"
#include "formats/parquet/schema_test_util.h"

namespace s3c::formats::parquet {
namespace {

using namespace testing;  // NOLINT: schema builders
using LK = LogicalType::Kind;
using PT = PhysicalType;
using CT = ConvertedType;

std::string TypeOf(SchemaElement leaf) {
  Result<columnar::DataType> type = MapLeafType(leaf, "c");
  if (!type.ok()) return type.status().ToString();
  return type->ToString();
}

LogicalType Timestamp(bool utc, TimeUnitKind unit) {
  LogicalType lt = Logical(LK::kTimestamp);
  lt.is_adjusted_to_utc = utc;
  lt.unit = unit;
  return lt;
}
LogicalType Time(TimeUnitKind unit) {
  LogicalType lt = Logical(LK::kTime);
  lt.unit = unit;
  return lt;
}
LogicalType Integer(int bits, bool is_signed) {
  LogicalType lt = Logical(LK::kInteger);
  lt.bit_width = static_cast<int8_t>(bits);
  lt.is_signed = is_signed;
  return lt;
}
LogicalType Decimal(int precision, int scale) {
  LogicalType lt = Logical(LK::kDecimal);
  lt.decimal_precision = precision;
  lt.decimal_scale = scale;
  return lt;
}
SchemaElement Fixed(int length, std::optional<CT> ct = std::nullopt) {
  SchemaElement e = Prim("c", kOpt, PT::kFixedLenByteArray, ct);
  e.type_length = length;
  return e;
}

TEST(MapLeafTypeTest, PhysicalDefaults) {
  EXPECT_EQ(TypeOf(Prim("c", kOpt, PT::kBoolean)), "bool");
  EXPECT_EQ(TypeOf(Prim("c", kOpt, PT::kInt32)), "int32");
  EXPECT_EQ(TypeOf(Prim("c", kOpt, PT::kInt64)), "int64");
  EXPECT_EQ(TypeOf(Prim("c", kOpt, PT::kInt96)), "timestamp[us]");
  EXPECT_EQ(TypeOf(Prim("c", kOpt, PT::kFloat)), "float");
  EXPECT_EQ(TypeOf(Prim("c", kOpt, PT::kDouble)), "double");
  EXPECT_EQ(TypeOf(Prim("c", kOpt, PT::kByteArray)), "binary");
  EXPECT_EQ(TypeOf(Fixed(5)), "binary");
}

TEST(MapLeafTypeTest, LogicalTypes) {
  auto with = [](PT type, LogicalType lt) { return WithLogical(Prim("c", kOpt, type), lt); };
  EXPECT_EQ(TypeOf(with(PT::kByteArray, Logical(LK::kString))), "string");
  EXPECT_EQ(TypeOf(with(PT::kByteArray, Logical(LK::kEnum))), "string");
  EXPECT_EQ(TypeOf(with(PT::kByteArray, Logical(LK::kJson))), "string");
  EXPECT_EQ(TypeOf(with(PT::kByteArray, Logical(LK::kBson))), "binary");
  EXPECT_EQ(TypeOf(with(PT::kInt32, Logical(LK::kDate))), "date32[day]");
  EXPECT_EQ(TypeOf(with(PT::kInt32, Time(TimeUnitKind::kMillis))), "time32[ms]");
  EXPECT_EQ(TypeOf(with(PT::kInt64, Time(TimeUnitKind::kMicros))), "time64[us]");
  EXPECT_EQ(TypeOf(with(PT::kInt64, Time(TimeUnitKind::kNanos))), "time64[ns]");
  EXPECT_EQ(TypeOf(with(PT::kInt64, Timestamp(true, TimeUnitKind::kMillis))),
            "timestamp[ms, tz=UTC]");
  EXPECT_EQ(TypeOf(with(PT::kInt64, Timestamp(false, TimeUnitKind::kMicros))), "timestamp[us]");
  EXPECT_EQ(TypeOf(with(PT::kInt64, Timestamp(true, TimeUnitKind::kNanos))),
            "timestamp[ns, tz=UTC]");
  EXPECT_EQ(TypeOf(with(PT::kInt32, Integer(8, true))), "int8");
  EXPECT_EQ(TypeOf(with(PT::kInt32, Integer(16, true))), "int16");
  EXPECT_EQ(TypeOf(with(PT::kInt32, Integer(32, true))), "int32");
  EXPECT_EQ(TypeOf(with(PT::kInt32, Integer(8, false))), "uint8");
  EXPECT_EQ(TypeOf(with(PT::kInt32, Integer(16, false))), "uint16");
  EXPECT_EQ(TypeOf(with(PT::kInt32, Integer(32, false))), "uint32");
  EXPECT_EQ(TypeOf(with(PT::kInt64, Integer(64, false))), "uint64");
  EXPECT_EQ(TypeOf(with(PT::kInt64, Integer(64, true))), "int64");
  EXPECT_EQ(TypeOf(with(PT::kInt32, Decimal(9, 2))), "decimal128(9, 2)");
  EXPECT_EQ(TypeOf(with(PT::kInt64, Decimal(18, 0))), "decimal128(18, 0)");
  EXPECT_EQ(TypeOf(with(PT::kByteArray, Decimal(38, 10))), "decimal128(38, 10)");
  EXPECT_EQ(TypeOf(WithLogical(Fixed(16), Decimal(20, 4))), "decimal128(20, 4)");
  EXPECT_EQ(TypeOf(WithLogical(Fixed(16), Logical(LK::kUuid))), "string");
  EXPECT_EQ(TypeOf(WithLogical(Fixed(2), Logical(LK::kFloat16))), "float");
  EXPECT_EQ(TypeOf(with(PT::kInt32, Logical(LK::kUnknown))), "null");
  // An annotation that does not fit the physical type falls back to the physical default.
  EXPECT_EQ(TypeOf(with(PT::kInt64, Logical(LK::kDate))), "int64");
  EXPECT_EQ(TypeOf(WithLogical(Fixed(4), Logical(LK::kUuid))), "binary");
}

TEST(MapLeafTypeTest, ConvertedTypes) {
  EXPECT_EQ(TypeOf(Prim("c", kOpt, PT::kByteArray, CT::kUtf8)), "string");
  EXPECT_EQ(TypeOf(Prim("c", kOpt, PT::kByteArray, CT::kEnum)), "string");
  EXPECT_EQ(TypeOf(Prim("c", kOpt, PT::kByteArray, CT::kJson)), "string");
  EXPECT_EQ(TypeOf(Prim("c", kOpt, PT::kByteArray, CT::kBson)), "binary");
  EXPECT_EQ(TypeOf(Prim("c", kOpt, PT::kInt32, CT::kDate)), "date32[day]");
  EXPECT_EQ(TypeOf(Prim("c", kOpt, PT::kInt32, CT::kTimeMillis)), "time32[ms]");
  EXPECT_EQ(TypeOf(Prim("c", kOpt, PT::kInt64, CT::kTimeMicros)), "time64[us]");
  EXPECT_EQ(TypeOf(Prim("c", kOpt, PT::kInt64, CT::kTimestampMillis)), "timestamp[ms, tz=UTC]");
  EXPECT_EQ(TypeOf(Prim("c", kOpt, PT::kInt64, CT::kTimestampMicros)), "timestamp[us, tz=UTC]");
  EXPECT_EQ(TypeOf(Prim("c", kOpt, PT::kInt32, CT::kInt8)), "int8");
  EXPECT_EQ(TypeOf(Prim("c", kOpt, PT::kInt32, CT::kInt16)), "int16");
  EXPECT_EQ(TypeOf(Prim("c", kOpt, PT::kInt32, CT::kInt32)), "int32");
  EXPECT_EQ(TypeOf(Prim("c", kOpt, PT::kInt64, CT::kInt64)), "int64");
  EXPECT_EQ(TypeOf(Prim("c", kOpt, PT::kInt32, CT::kUint8)), "uint8");
  EXPECT_EQ(TypeOf(Prim("c", kOpt, PT::kInt32, CT::kUint16)), "uint16");
  EXPECT_EQ(TypeOf(Prim("c", kOpt, PT::kInt32, CT::kUint32)), "uint32");
  EXPECT_EQ(TypeOf(Prim("c", kOpt, PT::kInt64, CT::kUint64)), "uint64");
  EXPECT_EQ(TypeOf(Fixed(12, CT::kInterval)), "binary");
  SchemaElement dec = Prim("c", kOpt, PT::kInt32, CT::kDecimal);
  dec.precision = 7;
  dec.scale = 3;
  EXPECT_EQ(TypeOf(dec), "decimal128(7, 3)");
  SchemaElement fixed_dec = Fixed(9, CT::kDecimal);
  fixed_dec.precision = 20;
  EXPECT_EQ(TypeOf(fixed_dec), "decimal128(20, 0)");
  // The logical type wins over the converted type.
  SchemaElement both = WithLogical(Prim("c", kOpt, PT::kInt32, CT::kInt32), Integer(8, false));
  EXPECT_EQ(TypeOf(both), "uint8");
}

TEST(MapLeafTypeTest, DecimalPrecisionOutOfRange) {
  SchemaElement e = WithLogical(Prim("c", kOpt, PT::kByteArray), Decimal(40, 2));
  Result<columnar::DataType> type = MapLeafType(e, "a.b");
  ASSERT_FALSE(type.ok());
  EXPECT_EQ(type.status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(type.status().message(),
            "column a.b: decimal precision 40 is outside 1..38 (decimal128)");
}

std::string Describe(const std::vector<SchemaElement>& elements) {
  Result<FileSchema> schema = MapParquetSchema(elements, "f.parquet");
  if (!schema.ok()) return schema.status().ToString();
  std::string out;
  for (const SchemaNode& node : schema->fields) out += node.field.ToString() + "\n";
  for (const LeafColumn& leaf : schema->leaves) {
    std::string path;
    for (const std::string& p : leaf.path) path += (path.empty() ? "" : ".") + p;
    out += path + " d" + std::to_string(leaf.max_def_level) + " r" +
           std::to_string(leaf.max_rep_level) + "\n";
  }
  return out;
}

TEST(MapParquetSchemaTest, FlatColumnsAndLevels) {
  EXPECT_EQ(
      Describe({Root(2), Prim("a", kReq, PT::kInt64), Prim("b", kOpt, PT::kByteArray, CT::kUtf8)}),
      "a: int64 not null\nb: string\na d0 r0\nb d1 r0\n");
}

TEST(MapParquetSchemaTest, NestedStructs) {
  EXPECT_EQ(Describe({Root(1), Group("s", kOpt, 2), Prim("x", kReq, PT::kInt32),
                      Group("t", kOpt, 1), Prim("y", kOpt, PT::kDouble)}),
            "s: struct<x: int32 not null, t: struct<y: double>>\ns.x d1 r0\ns.t.y d3 r0\n");
}

TEST(MapParquetSchemaTest, StandardThreeLevelList) {
  EXPECT_EQ(Describe({Root(1), Group("l", kOpt, 1, CT::kList), Group("list", kRep, 1),
                      Prim("element", kOpt, PT::kInt32)}),
            "l: list<item: int32>\nl.list.element d3 r1\n");
  EXPECT_EQ(Describe({Root(1), Group("l", kReq, 1, CT::kList), Group("list", kRep, 1),
                      Prim("element", kReq, PT::kInt32)}),
            "l: list<item: int32 not null> not null\nl.list.element d1 r1\n");
}

TEST(MapParquetSchemaTest, ListByLogicalTypeOnly) {
  SchemaElement l = Group("l", kOpt, 1);
  l.logical_type = Logical(LK::kList);
  EXPECT_EQ(Describe({Root(1), l, Group("list", kRep, 1), Prim("element", kOpt, PT::kInt32)}),
            "l: list<item: int32>\nl.list.element d3 r1\n");
}

TEST(MapParquetSchemaTest, LegacyListRule1RepeatedPrimitive) {
  EXPECT_EQ(
      Describe({Root(1), Group("my_list", kOpt, 1, CT::kList), Prim("element", kRep, PT::kInt32)}),
      "my_list: list<item: int32 not null>\nmy_list.element d2 r1\n");
}

TEST(MapParquetSchemaTest, LegacyListRule2MultiFieldGroup) {
  EXPECT_EQ(Describe({Root(1), Group("my_list", kOpt, 1, CT::kList), Group("element", kRep, 2),
                      Prim("str", kReq, PT::kByteArray, CT::kUtf8), Prim("num", kReq, PT::kInt32)}),
            "my_list: list<item: struct<str: string not null, num: int32 not null> not null>\n"
            "my_list.element.str d2 r1\nmy_list.element.num d2 r1\n");
}

TEST(MapParquetSchemaTest, LegacyListRule3RepeatedChild) {
  // old_list_structure.parquet: a LIST whose repeated group is itself a 2-level LIST.
  EXPECT_EQ(Describe({Root(1), Group("a", kReq, 1, CT::kList), Group("array", kRep, 1, CT::kList),
                      Prim("array", kRep, PT::kInt32)}),
            "a: list<item: list<item: int32 not null> not null> not null\na.array.array d2 r2\n");
}

TEST(MapParquetSchemaTest, LegacyListRule4ArrayAndTupleNames) {
  EXPECT_EQ(Describe({Root(1), Group("my_list", kOpt, 1, CT::kList), Group("array", kRep, 1),
                      Prim("str", kReq, PT::kByteArray, CT::kUtf8)}),
            "my_list: list<item: struct<str: string not null> not null>\n"
            "my_list.array.str d2 r1\n");
  EXPECT_EQ(
      Describe({Root(1), Group("my_list", kOpt, 1, CT::kList), Group("my_list_tuple", kRep, 1),
                Prim("str", kReq, PT::kByteArray, CT::kUtf8)}),
      "my_list: list<item: struct<str: string not null> not null>\n"
      "my_list.my_list_tuple.str d2 r1\n");
}

TEST(MapParquetSchemaTest, LegacyListRule5SingleFieldGroup) {
  EXPECT_EQ(Describe({Root(1), Group("my_list", kOpt, 1, CT::kList), Group("element", kRep, 1),
                      Prim("str", kOpt, PT::kByteArray, CT::kUtf8)}),
            "my_list: list<item: string>\nmy_list.element.str d3 r1\n");
}

TEST(MapParquetSchemaTest, ListOfLists) {
  EXPECT_EQ(Describe({Root(1), Group("a", kOpt, 1, CT::kList), Group("list", kRep, 1),
                      Group("element", kReq, 1, CT::kList), Group("list", kRep, 1),
                      Prim("element", kReq, PT::kInt32)}),
            "a: list<item: list<item: int32 not null> not null>\n"
            "a.list.element.list.element d3 r2\n");
}

TEST(MapParquetSchemaTest, UnannotatedRepeatedFields) {
  EXPECT_EQ(Describe({Root(2), Prim("num", kRep, PT::kInt32), Group("my_list", kRep, 2),
                      Prim("num", kReq, PT::kInt32), Prim("str", kOpt, PT::kByteArray, CT::kUtf8)}),
            "num: list<item: int32 not null> not null\n"
            "my_list: list<item: struct<num: int32 not null, str: string> not null> not null\n"
            "num d1 r1\nmy_list.num d1 r1\nmy_list.str d2 r1\n");
}

TEST(MapParquetSchemaTest, Maps) {
  EXPECT_EQ(
      Describe({Root(1), Group("m", kOpt, 1, CT::kMap), Group("key_value", kRep, 2),
                Prim("key", kReq, PT::kByteArray, CT::kUtf8), Prim("value", kOpt, PT::kInt32)}),
      "m: map<string, int32>\nm.key_value.key d2 r1\nm.key_value.value d3 r1\n");
  // MAP_KEY_VALUE in place of MAP, other names for the key/value fields.
  EXPECT_EQ(Describe({Root(1), Group("m", kReq, 1, CT::kMapKeyValue), Group("map", kRep, 2),
                      Prim("str", kReq, PT::kByteArray, CT::kUtf8), Prim("num", kReq, PT::kInt32)}),
            "m: map<string, int32> not null\nm.map.str d1 r1\nm.map.num d1 r1\n");
  // A key_value group with a key only reads as a list of keys.
  EXPECT_EQ(Describe({Root(1), Group("m", kReq, 1, CT::kMap), Group("key_value", kRep, 1),
                      Prim("key", kReq, PT::kInt32)}),
            "m: list<item: int32 not null> not null\nm.key_value.key d1 r1\n");
  // MAP_KEY_VALUE on the repeated group inside a MAP is ignored.
  EXPECT_EQ(Describe({Root(1), Group("m", kOpt, 1, CT::kMap),
                      Group("key_value", kRep, 2, CT::kMapKeyValue), Prim("key", kReq, PT::kInt32),
                      Prim("value", kReq, PT::kInt64)}),
            "m: map<int32, int64>\nm.key_value.key d2 r1\nm.key_value.value d2 r1\n");
}

TEST(MapParquetSchemaTest, MapOfLists) {
  EXPECT_EQ(Describe({Root(1), Group("m", kOpt, 1, CT::kMap), Group("key_value", kRep, 2),
                      Prim("key", kReq, PT::kInt32), Group("value", kOpt, 1, CT::kList),
                      Group("list", kRep, 1), Prim("element", kOpt, PT::kInt32)}),
            "m: map<int32, list<item: int32>>\nm.key_value.key d2 r1\n"
            "m.key_value.value.list.element d5 r2\n");
}

TEST(MapParquetSchemaTest, FieldIdMetadata) {
  SchemaElement a = Prim("a", kOpt, PT::kInt32);
  a.field_id = 7;
  Result<FileSchema> schema = MapParquetSchema({Root(1), a}, "f");
  ASSERT_TRUE(schema.ok()) << schema.status().ToString();
  ASSERT_EQ(schema->schema->field(0).metadata().size(), 1u);
  EXPECT_EQ(schema->schema->field(0).metadata()[0].first, "PARQUET:field_id");
  EXPECT_EQ(schema->schema->field(0).metadata()[0].second, "7");
}

TEST(MapParquetSchemaTest, LeafDetailsAndLeavesOf) {
  Result<FileSchema> schema = MapParquetSchema(
      {Root(3), Prim("a", kReq, PT::kInt96), Group("s", kOpt, 2), Prim("x", kOpt, PT::kInt32),
       Prim("y", kOpt, PT::kFixedLenByteArray), Prim("b", kOpt, PT::kBoolean)},
      "f");
  ASSERT_TRUE(schema.ok()) << schema.status().ToString();
  ASSERT_EQ(schema->leaves.size(), 4u);
  EXPECT_EQ(schema->leaves[0].type_length, 12);
  EXPECT_EQ(schema->leaves[2].type_length, 16);
  EXPECT_EQ(schema->leaves[2].index, 2);
  EXPECT_EQ(schema->leaves[3].physical_type, PT::kBoolean);
  EXPECT_EQ(LeavesOf(*schema, 0).first, 0);
  EXPECT_EQ(LeavesOf(*schema, 0).count, 1);
  EXPECT_EQ(LeavesOf(*schema, 1).first, 1);
  EXPECT_EQ(LeavesOf(*schema, 1).count, 2);
  EXPECT_EQ(LeavesOf(*schema, 2).first, 3);
  EXPECT_EQ(LeavesOf(*schema, 2).count, 1);
  EXPECT_EQ(LeavesOf(*schema, 3).count, 0);
  EXPECT_EQ(schema->fields[1].def_level, 1);
  EXPECT_EQ(schema->fields[1].children[0].def_level, 2);
  EXPECT_EQ(schema->fields[1].children[0].leaf, 1);
}

TEST(MapParquetSchemaTest, MalformedTrees) {
  EXPECT_EQ(Describe({Root(2), Prim("a", kReq, PT::kInt32)}),
            "InvalidArgument: f.parquet: Parquet schema element 0 ('schema'): num_children "
            "overruns the schema list");
  EXPECT_EQ(Describe({Root(1), Group("g", kOpt, 0)}),
            "InvalidArgument: f.parquet: Parquet schema element 1 ('g'): a group without children");
  SchemaElement flba = Prim("f", kOpt, PT::kFixedLenByteArray);
  flba.type_length.reset();
  EXPECT_EQ(Describe({Root(1), flba}),
            "InvalidArgument: f.parquet: Parquet schema element 1 ('f'): FIXED_LEN_BYTE_ARRAY "
            "without a positive type_length");
  EXPECT_EQ(Describe({Root(1), Group("l", kOpt, 2, CT::kList), Prim("a", kRep, PT::kInt32),
                      Prim("b", kRep, PT::kInt32)}),
            "InvalidArgument: f.parquet: Parquet schema element 1 ('l'): a LIST group needs "
            "exactly one field");
  SchemaElement wide = WithLogical(Prim("d", kOpt, PT::kByteArray), Decimal(39, 0));
  EXPECT_EQ(Describe({Root(1), Group("s", kOpt, 1), wide}),
            "InvalidArgument: f.parquet: column s.d: decimal precision 39 is outside 1..38 "
            "(decimal128)");
  EXPECT_EQ(Describe({}), "InvalidArgument: f.parquet: empty schema");
  SchemaElement norep = Prim("a", kReq, PT::kInt32);
  norep.repetition.reset();
  EXPECT_EQ(Describe({Root(1), norep}),
            "InvalidArgument: f.parquet: Parquet schema element 1 ('a'): missing repetition_type");
}

TEST(MapParquetSchemaTest, DepthOverLimit) {
  std::vector<SchemaElement> elements{Root(1)};
  for (int i = 0; i < 70; ++i) elements.push_back(Group("g" + std::to_string(i), kOpt, 1));
  elements.push_back(Prim("leaf", kOpt, PT::kInt32));
  Result<FileSchema> schema = MapParquetSchema(elements, "f");
  ASSERT_FALSE(schema.ok());
  EXPECT_EQ(schema.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(schema.status().message().find("depth over 64"), std::string::npos)
      << schema.status().message();
}

}  // namespace
}  // namespace s3c::formats::parquet
