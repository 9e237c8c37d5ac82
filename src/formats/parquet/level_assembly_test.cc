#include "formats/parquet/level_assembly.h"

#include <gtest/gtest.h>

#include "formats/parquet/schema_test_util.h"
#include "s3c/columnar/builder_binary.h"
#include "s3c/columnar/builder_primitive.h"
#include "s3c/columnar/validate.h"

namespace s3c::formats::parquet {
namespace {

using namespace testing;  // NOLINT: schema builders
using PT = PhysicalType;
using CT = ConvertedType;
namespace col = ::s3c::columnar;

std::shared_ptr<col::ArrayData> Ints(std::vector<int32_t> values) {
  col::Int32Builder b;
  for (int32_t v : values) b.Append(v);
  return (*b.Finish())->data();
}
std::shared_ptr<col::ArrayData> Strings(std::vector<std::string> values) {
  col::StringBuilder b;
  for (const std::string& v : values) b.Append(v);
  return (*b.Finish())->data();
}
std::shared_ptr<col::ArrayData> Bools(std::vector<bool> values) {
  col::BooleanBuilder b;
  for (bool v : values) b.Append(v);
  return (*b.Finish())->data();
}

LeafData Leaf(std::vector<int16_t> def, std::vector<int16_t> rep,
              std::shared_ptr<col::ArrayData> values, int64_t n = -1) {
  LeafData leaf;
  leaf.num_levels = n >= 0 ? n : static_cast<int64_t>(std::max(def.size(), rep.size()));
  leaf.def_levels = std::move(def);
  leaf.rep_levels = std::move(rep);
  leaf.values = std::move(values);
  return leaf;
}

// Assembles top-level field 0 of `elements` and renders it (or the error).
std::string Assemble(const std::vector<SchemaElement>& elements, std::vector<LeafData> leaves) {
  Result<FileSchema> schema = MapParquetSchema(elements, "f");
  if (!schema.ok()) return schema.status().ToString();
  DecodeContext context{"f.parquet", "c", 2};
  Result<std::shared_ptr<col::ArrayData>> data =
      AssembleField(schema->fields[0], leaves, 0, context);
  if (!data.ok()) return data.status().ToString();
  EXPECT_TRUE((*data)->type.Equals(schema->fields[0].field.type()));
  auto array = col::MakeArray(*data);
  Status valid = col::ValidateArray(*array);
  EXPECT_TRUE(valid.ok()) << valid.ToString();
  return array->ToString();
}

TEST(LevelAssemblyTest, RequiredPrimitiveIsTheValuesThemselves) {
  auto values = Ints({4, 5, 6});
  Result<FileSchema> schema = MapParquetSchema({Root(1), Prim("a", kReq, PT::kInt32)}, "f");
  ASSERT_TRUE(schema.ok());
  std::vector<LeafData> leaves{Leaf({}, {}, values, 3)};
  Result<std::shared_ptr<col::ArrayData>> data =
      AssembleField(schema->fields[0], leaves, 0, DecodeContext{"f", "a", 0});
  ASSERT_TRUE(data.ok());
  EXPECT_EQ(data->get(), values.get());  // zero-copy
}

TEST(LevelAssemblyTest, OptionalPrimitives) {
  EXPECT_EQ(Assemble({Root(1), Prim("a", kOpt, PT::kInt32)}, {Leaf({1, 0, 1}, {}, Ints({1, 3}))}),
            "[1, null, 3]");
  EXPECT_EQ(Assemble({Root(1), Prim("a", kOpt, PT::kInt32)}, {Leaf({1, 1}, {}, Ints({7, 8}))}),
            "[7, 8]");
  EXPECT_EQ(Assemble({Root(1), Prim("a", kOpt, PT::kByteArray, CT::kUtf8)},
                     {Leaf({0, 1, 0, 1, 0}, {}, Strings({"x", "yz"}))}),
            "[null, \"x\", null, \"yz\", null]");
  EXPECT_EQ(Assemble({Root(1), Prim("a", kOpt, PT::kBoolean)},
                     {Leaf({1, 0, 1, 1}, {}, Bools({true, false, true}))}),
            "[true, null, false, true]");
  EXPECT_EQ(Assemble({Root(1), Prim("a", kOpt, PT::kInt32)}, {Leaf({0, 0}, {}, Ints({}))}),
            "[null, null]");
}

TEST(LevelAssemblyTest, StructNullsAtEveryLevel) {
  // optional group s { required int32 x; optional group t { optional int32 y; } }
  std::vector<SchemaElement> schema{Root(1), Group("s", kOpt, 2), Prim("x", kReq, PT::kInt32),
                                    Group("t", kOpt, 1), Prim("y", kOpt, PT::kInt32)};
  EXPECT_EQ(Assemble(schema,
                     {Leaf({1, 0, 1, 1}, {}, Ints({5, 6, 7})), Leaf({3, 0, 1, 2}, {}, Ints({9}))}),
            "[{x: 5, t: {y: 9}}, null, {x: 6, t: null}, {x: 7, t: {y: null}}]");
}

TEST(LevelAssemblyTest, ListsEmptyVersusNullVersusNullElements) {
  std::vector<SchemaElement> schema{Root(1), Group("l", kOpt, 1, CT::kList), Group("list", kRep, 1),
                                    Prim("element", kOpt, PT::kInt32)};
  EXPECT_EQ(Assemble(schema, {Leaf({3, 2, 0, 1, 3}, {0, 1, 0, 0, 0}, Ints({1, 3}))}),
            "[[1, null], null, [], [3]]");
}

TEST(LevelAssemblyTest, RequiredListOfRequiredElements) {
  EXPECT_EQ(Assemble({Root(1), Prim("num", kRep, PT::kInt32)},
                     {Leaf({1, 1, 0, 1}, {0, 1, 0, 0}, Ints({1, 2, 3}))}),
            "[[1, 2], [], [3]]");
}

TEST(LevelAssemblyTest, ListOfStructs) {
  // optional group l (LIST) { repeated group list { optional group element {
  //   optional int32 a; optional binary b (UTF8); } } }
  std::vector<SchemaElement> schema{Root(1),
                                    Group("l", kOpt, 1, CT::kList),
                                    Group("list", kRep, 1),
                                    Group("element", kOpt, 2),
                                    Prim("a", kOpt, PT::kInt32),
                                    Prim("b", kOpt, PT::kByteArray, CT::kUtf8)};
  EXPECT_EQ(Assemble(schema, {Leaf({4, 2, 3, 0, 1}, {0, 1, 1, 0, 0}, Ints({1})),
                              Leaf({4, 2, 4, 0, 1}, {0, 1, 1, 0, 0}, Strings({"x", "y"}))}),
            "[[{a: 1, b: \"x\"}, null, {a: null, b: \"y\"}], null, []]");
}

TEST(LevelAssemblyTest, StructOfList) {
  // optional group s { optional group l (LIST) { repeated group list { required int32 element } } }
  std::vector<SchemaElement> schema{Root(1), Group("s", kOpt, 1), Group("l", kOpt, 1, CT::kList),
                                    Group("list", kRep, 1), Prim("element", kReq, PT::kInt32)};
  EXPECT_EQ(Assemble(schema, {Leaf({3, 3, 0, 1, 2}, {0, 1, 0, 0, 0}, Ints({1, 2}))}),
            "[{l: [1, 2]}, null, {l: null}, {l: []}]");
}

TEST(LevelAssemblyTest, ListOfLists) {
  std::vector<SchemaElement> schema{Root(1),
                                    Group("a", kOpt, 1, CT::kList),
                                    Group("list", kRep, 1),
                                    Group("element", kOpt, 1, CT::kList),
                                    Group("list", kRep, 1),
                                    Prim("element", kOpt, PT::kInt32)};
  EXPECT_EQ(Assemble(schema, {Leaf({5, 5, 3, 2, 4, 0, 1}, {0, 2, 1, 0, 1, 0, 0}, Ints({1, 2}))}),
            "[[[1, 2], []], [null, [null]], null, []]");
}

TEST(LevelAssemblyTest, Map) {
  std::vector<SchemaElement> schema{
      Root(1), Group("m", kOpt, 1, CT::kMap), Group("key_value", kRep, 2),
      Prim("key", kReq, PT::kByteArray, CT::kUtf8), Prim("value", kOpt, PT::kInt32)};
  EXPECT_EQ(Assemble(schema, {Leaf({2, 2, 0, 1}, {0, 1, 0, 0}, Strings({"a", "b"})),
                              Leaf({3, 2, 0, 1}, {0, 1, 0, 0}, Ints({1}))}),
            "[{\"a\": 1, \"b\": null}, null, {}]");
}

TEST(LevelAssemblyTest, LegacyRepeatedGroupOfStructs) {
  EXPECT_EQ(Assemble({Root(1), Group("my_list", kRep, 1), Prim("num", kReq, PT::kInt32)},
                     {Leaf({1, 1, 0}, {0, 1, 0}, Ints({1, 2}))}),
            "[[{num: 1}, {num: 2}], []]");
}

TEST(LevelAssemblyTest, InconsistentLevelsAreDataLoss) {
  std::vector<SchemaElement> flat{Root(1), Prim("a", kOpt, PT::kInt32)};
  EXPECT_EQ(Assemble(flat, {Leaf({1, 0, 1}, {}, Ints({1}))}),
            "DataLoss: f.parquet: column c, row group 2: field 'a': 1 values for 2 non-null "
            "levels");
  std::vector<SchemaElement> list{Root(1), Group("l", kOpt, 1, CT::kList), Group("list", kRep, 1),
                                  Prim("element", kOpt, PT::kInt32)};
  EXPECT_EQ(Assemble(list, {Leaf({3, 0}, {0, 1}, Ints({1}))}),
            "DataLoss: f.parquet: column c, row group 2: field 'l': level entry 1 repeats a "
            "missing list");
  std::vector<SchemaElement> pair{Root(1), Group("s", kOpt, 2), Prim("x", kOpt, PT::kInt32),
                                  Prim("y", kOpt, PT::kInt32)};
  EXPECT_EQ(Assemble(pair, {Leaf({2, 2}, {}, Ints({1, 2})), Leaf({2}, {}, Ints({3}))}),
            "DataLoss: f.parquet: column c, row group 2: field 'y': member has 1 entries, "
            "expected 2");
}

}  // namespace
}  // namespace s3c::formats::parquet
