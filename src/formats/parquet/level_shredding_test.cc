#include "formats/parquet/level_shredding.h"

#include <gtest/gtest.h>

#include "s3c/columnar/builder_binary.h"
#include "s3c/columnar/builder_nested.h"
#include "s3c/columnar/builder_primitive.h"

namespace s3c::formats::parquet {
namespace {

using namespace s3c::columnar;  // NOLINT

std::vector<int64_t> Indices(const ShreddedLeaf& s) {
  std::vector<int64_t> out;
  for (int64_t k = 0; k < s.num_values(); ++k) out.push_back(s.value_index(k));
  return out;
}

// a: list<int32>, rows [1, 2], null, [], [null, 3].
std::shared_ptr<Array> ListColumn() {
  ListBuilder b(List(Int32()));
  auto* items = b.value_builder_as<Int32Builder>();
  b.Append();
  items->Append(1);
  items->Append(2);
  b.AppendNull();
  b.Append();
  b.Append();
  items->AppendNull();
  items->Append(3);
  return *b.Finish();
}

TEST(LevelShredding, ListWithNullsAndEmpty) {
  // LogicalTypes.md 3-level list, all nullable: max definition 3, max repetition 1.
  auto leaves = ShredColumn(Field("a", List(Int32())), ListColumn());
  ASSERT_TRUE(leaves.ok()) << leaves.status().ToString();
  ASSERT_EQ(leaves->size(), 1u);
  const ShreddedLeaf& s = (*leaves)[0];
  EXPECT_EQ(s.def_levels, (std::vector<int16_t>{3, 3, 0, 1, 2, 3}));
  EXPECT_EQ(s.rep_levels, (std::vector<int16_t>{0, 1, 0, 0, 0, 1}));
  EXPECT_EQ(Indices(s), (std::vector<int64_t>{0, 1, 3}));
  EXPECT_EQ(s.num_levels, 6);
}

TEST(LevelShredding, SlicedList) {
  auto sliced = ListColumn()->Slice(1, 3);  // null, [], [null, 3]
  auto leaves = ShredColumn(Field("a", List(Int32())), sliced);
  ASSERT_TRUE(leaves.ok());
  const ShreddedLeaf& s = (*leaves)[0];
  EXPECT_EQ(s.def_levels, (std::vector<int16_t>{0, 1, 2, 3}));
  EXPECT_EQ(s.rep_levels, (std::vector<int16_t>{0, 0, 0, 1}));
  EXPECT_EQ(Indices(s), (std::vector<int64_t>{3}));
}

TEST(LevelShredding, RequiredListOfRequiredItems) {
  ListBuilder b(List(Field("item", Int64(), false)));
  auto* items = b.value_builder_as<Int64Builder>();
  b.Append();
  items->Append(7);
  b.Append();
  b.Append();
  items->Append(8);
  items->Append(9);
  auto leaves = ShredColumn(Field("a", List(Field("item", Int64(), false)), false), *b.Finish());
  ASSERT_TRUE(leaves.ok());
  const ShreddedLeaf& s = (*leaves)[0];
  // Only the repeated level defines: max definition 1.
  EXPECT_EQ(s.def_levels, (std::vector<int16_t>{1, 0, 1, 1}));
  EXPECT_EQ(s.rep_levels, (std::vector<int16_t>{0, 0, 0, 1}));
  EXPECT_EQ(Indices(s), (std::vector<int64_t>{0, 1, 2}));
}

TEST(LevelShredding, StructWithListMember) {
  DataType type = Struct({Field("x", Int32()), Field("y", List(String()))});
  StructBuilder b(type);
  auto* x = b.field_builder_as<Int32Builder>(0);
  auto* y = b.field_builder_as<ListBuilder>(1);
  auto* ys = y->value_builder_as<StringBuilder>();
  b.Append();  // {1, ["a"]}
  x->Append(1);
  y->Append();
  ys->Append("a");
  b.AppendNull();  // null
  b.Append();      // {null, null}
  x->AppendNull();
  y->AppendNull();
  b.Append();  // {2, []}
  x->Append(2);
  y->Append();
  auto leaves = ShredColumn(Field("s", type), *b.Finish());
  ASSERT_TRUE(leaves.ok()) << leaves.status().ToString();
  ASSERT_EQ(leaves->size(), 2u);
  const ShreddedLeaf& sx = (*leaves)[0];
  EXPECT_EQ(sx.def_levels, (std::vector<int16_t>{2, 0, 1, 2}));
  EXPECT_TRUE(sx.rep_levels.empty());
  EXPECT_EQ(Indices(sx), (std::vector<int64_t>{0, 3}));
  const ShreddedLeaf& sy = (*leaves)[1];
  EXPECT_EQ(sy.def_levels, (std::vector<int16_t>{4, 0, 1, 2}));
  EXPECT_EQ(sy.rep_levels, (std::vector<int16_t>{0, 0, 0, 0}));
  EXPECT_EQ(Indices(sy), (std::vector<int64_t>{0}));
}

TEST(LevelShredding, ListOfStructOfList) {
  DataType inner = Struct({Field("a", List(Int64()))});
  DataType type = List(inner);
  ListBuilder b(type);
  auto* st = b.value_builder_as<StructBuilder>();
  auto* a = st->field_builder_as<ListBuilder>(0);
  auto* av = a->value_builder_as<Int64Builder>();
  b.Append();  // [{a: [1, 2]}, {a: null}]
  st->Append();
  a->Append();
  av->Append(1);
  av->Append(2);
  st->Append();
  a->AppendNull();
  b.Append();  // [{a: []}, null]
  st->Append();
  a->Append();
  st->AppendNull();
  b.AppendNull();  // null
  auto leaves = ShredColumn(Field("l", type), *b.Finish());
  ASSERT_TRUE(leaves.ok()) << leaves.status().ToString();
  const ShreddedLeaf& s = (*leaves)[0];
  EXPECT_EQ(s.def_levels, (std::vector<int16_t>{6, 6, 3, 4, 2, 0}));
  EXPECT_EQ(s.rep_levels, (std::vector<int16_t>{0, 2, 1, 0, 1, 0}));
  EXPECT_EQ(Indices(s), (std::vector<int64_t>{0, 1}));
}

TEST(LevelShredding, MapKeysAndValues) {
  DataType type = Map(String(), Int32());
  MapBuilder b(type);
  auto* k = b.key_builder_as<StringBuilder>();
  auto* v = b.item_builder_as<Int32Builder>();
  b.Append();
  k->Append("a");
  v->Append(1);
  k->Append("b");
  v->AppendNull();
  b.AppendNull();
  b.Append();
  auto leaves = ShredColumn(Field("m", type), *b.Finish());
  ASSERT_TRUE(leaves.ok()) << leaves.status().ToString();
  ASSERT_EQ(leaves->size(), 2u);
  EXPECT_EQ((*leaves)[0].def_levels, (std::vector<int16_t>{2, 2, 0, 1}));
  EXPECT_EQ((*leaves)[0].rep_levels, (std::vector<int16_t>{0, 1, 0, 0}));
  EXPECT_EQ(Indices((*leaves)[0]), (std::vector<int64_t>{0, 1}));
  EXPECT_EQ((*leaves)[1].def_levels, (std::vector<int16_t>{3, 2, 0, 1}));
  EXPECT_EQ(Indices((*leaves)[1]), (std::vector<int64_t>{0}));
}

TEST(LevelShredding, FlatColumns) {
  Int32Builder b;
  b.Append(1);
  b.AppendNull();
  b.Append(3);
  b.Append(4);
  auto array = *b.Finish();
  auto optional = ShredColumn(Field("a", Int32()), array->Slice(1));
  ASSERT_TRUE(optional.ok());
  EXPECT_EQ((*optional)[0].def_levels, (std::vector<int16_t>{0, 1, 1}));
  EXPECT_EQ(Indices((*optional)[0]), (std::vector<int64_t>{1, 2}));

  auto required = ShredColumn(Field("a", Int32(), false), array->Slice(2));
  ASSERT_TRUE(required.ok());
  EXPECT_TRUE((*required)[0].def_levels.empty());
  EXPECT_TRUE((*required)[0].dense);
  EXPECT_EQ(Indices((*required)[0]), (std::vector<int64_t>{0, 1}));

  auto bad = ShredColumn(Field("a", Int32(), false), array);
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(bad.status().message().find("'a'"), std::string::npos);
}

TEST(LevelShredding, NullTypeColumnIsAllDefinitionZero) {
  auto leaves = ShredColumn(Field("n", Null()), MakeArrayOfNulls(Null(), 3));
  ASSERT_TRUE(leaves.ok());
  EXPECT_EQ((*leaves)[0].def_levels, (std::vector<int16_t>{0, 0, 0}));
  EXPECT_EQ((*leaves)[0].num_values(), 0);
}

TEST(LevelShredding, NullInsideNonNullableStructMemberFails) {
  DataType type = Struct({Field("x", Int32(), false)});
  StructBuilder b(type);
  b.Append();
  b.field_builder_as<Int32Builder>(0)->AppendNull();
  auto leaves = ShredColumn(Field("s", type), *b.Finish());
  ASSERT_FALSE(leaves.ok());
  EXPECT_NE(leaves.status().message().find("s.x"), std::string::npos);
}

}  // namespace
}  // namespace s3c::formats::parquet
