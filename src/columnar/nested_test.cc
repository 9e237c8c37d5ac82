#include <gtest/gtest.h>

#include "s3c/columnar/columnar.h"

namespace s3c::columnar {
namespace {

DataType PointType() { return Struct({Field("x", Int64()), Field("label", String())}); }

// [[{x: 1, label: "a"}, {x: 2, label: null}], null, [], [null, {x: 4, label: "d"}]]
std::shared_ptr<ListArray> MakeListOfStruct() {
  ListBuilder builder(List(PointType()));
  auto* points = builder.value_builder_as<StructBuilder>();
  auto* xs = points->field_builder_as<Int64Builder>(0);
  auto* labels = points->field_builder_as<StringBuilder>(1);
  builder.Append();
  points->Append();
  xs->Append(1);
  labels->Append("a");
  points->Append();
  xs->Append(2);
  labels->AppendNull();
  builder.AppendNull();
  builder.Append();
  builder.Append();
  points->AppendNull();
  points->Append();
  xs->Append(4);
  labels->Append("d");
  auto result = builder.FinishAs<ListArray>();
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  return *result;
}

TEST(NestedTest, ListOfStructBuildReadSlicePrint) {
  auto list = MakeListOfStruct();
  ASSERT_TRUE(ValidateArray(*list).ok());
  EXPECT_EQ(list->length(), 4);
  EXPECT_EQ(list->null_count(), 1);
  EXPECT_EQ(list->ToString(),
            R"([[{x: 1, label: "a"}, {x: 2, label: null}], null, [], [null, {x: 4, label: "d"}]])");
  EXPECT_EQ(list->value_offset(3), 2);
  EXPECT_EQ(list->value_length(3), 2);
  EXPECT_EQ(list->values()->length(), 4);
  auto last = std::static_pointer_cast<StructArray>(list->value_slice(3));
  EXPECT_EQ(last->offset(), 2);
  EXPECT_TRUE(last->IsNull(0));
  auto xs = std::static_pointer_cast<Int64Array>(last->field(0));
  EXPECT_EQ(xs->length(), 2);
  EXPECT_EQ(xs->Value(1), 4);
  EXPECT_EQ(last->GetFieldByName("label")->ToString(), R"([null, "d"])");
  EXPECT_EQ(last->GetFieldByName("nope"), nullptr);

  auto slice = std::static_pointer_cast<ListArray>(list->Slice(1, 3));
  ASSERT_TRUE(ValidateArray(*slice).ok());
  EXPECT_EQ(slice->ToString(), R"([null, [], [null, {x: 4, label: "d"}]])");
  EXPECT_TRUE(ArrayEquals(*slice, *list->Slice(1)));
  EXPECT_FALSE(ArrayEquals(*slice, *list->Slice(0, 3)));
}

TEST(NestedTest, StructSlicingAppliesOffsetToChildren) {
  StructBuilder builder(PointType());
  for (int i = 0; i < 4; ++i) {
    builder.Append();
    builder.field_builder_as<Int64Builder>(0)->Append(i * 10);
    builder.field_builder_as<StringBuilder>(1)->Append(std::to_string(i));
  }
  builder.AppendNull();
  auto result = builder.FinishAs<StructArray>();
  ASSERT_TRUE(result.ok());
  auto st = *result;
  EXPECT_EQ(st->num_fields(), 2);
  EXPECT_EQ(st->null_count(), 1);
  auto slice = std::static_pointer_cast<StructArray>(st->Slice(2, 3));
  EXPECT_EQ(slice->ToString(), R"([{x: 20, label: "2"}, {x: 30, label: "3"}, null])");
  EXPECT_EQ(slice->field(0)->ToString(), "[20, 30, null]");
  EXPECT_EQ(slice->child(0)->length(), 5);
  EXPECT_TRUE(ValidateArray(*slice).ok());
}

TEST(NestedTest, StructBuilderReportsMismatchedChildren) {
  StructBuilder builder(PointType());
  builder.Append();
  builder.field_builder_as<Int64Builder>(0)->Append(1);
  auto result = builder.Finish();
  ASSERT_FALSE(result.ok());
  EXPECT_EQ(result.status().message(),
            "struct field 'label' has 0 values but the struct has 1 rows");
}

TEST(NestedTest, MapBuildReadSlicePrint) {
  MapBuilder builder(Map(String(), Int32()));
  auto* keys = builder.key_builder_as<StringBuilder>();
  auto* items = builder.item_builder_as<Int32Builder>();
  builder.Append();
  keys->Append("a");
  items->Append(1);
  keys->Append("b");
  items->AppendNull();
  builder.AppendNull();
  builder.Append();
  builder.Append();
  keys->Append("c");
  items->Append(3);
  auto result = builder.FinishAs<MapArray>();
  ASSERT_TRUE(result.ok()) << result.status().ToString();
  auto map = *result;
  ASSERT_TRUE(ValidateArray(*map).ok());
  EXPECT_EQ(map->ToString(), R"([{"a": 1, "b": null}, null, {}, {"c": 3}])");
  EXPECT_EQ(map->keys()->ToString(), R"(["a", "b", "c"])");
  EXPECT_EQ(map->items()->ToString(), "[1, null, 3]");
  EXPECT_EQ(map->value_length(0), 2);
  auto slice = map->Slice(2, 2);
  EXPECT_EQ(slice->ToString(), R"([{}, {"c": 3}])");
  EXPECT_TRUE(ValidateArray(*slice).ok());
}

TEST(NestedTest, MapBuilderRejectsNullKeysAndUnpairedEntries) {
  MapBuilder null_key(Map(String(), Int32()));
  null_key.Append();
  null_key.key_builder()->AppendNull();
  null_key.item_builder()->AppendNull();
  EXPECT_EQ(null_key.Finish().status().message(), "map has 1 null keys");

  MapBuilder unpaired(Map(String(), Int32()));
  unpaired.Append();
  unpaired.key_builder_as<StringBuilder>()->Append("k");
  EXPECT_EQ(unpaired.Finish().status().message(), "map has 1 keys but 0 items");
}

TEST(NestedTest, ListOfListAndBulkChildAppends) {
  ListBuilder outer(List(List(Int32())));
  auto* inner = outer.value_builder_as<ListBuilder>();
  auto* ints = inner->value_builder_as<Int32Builder>();
  std::vector<int32_t> values = {1, 2, 3};
  outer.Append();
  inner->Append();
  ints->AppendValues(values);
  inner->AppendNull();
  outer.Append();
  inner->Append();
  auto result = outer.Finish();
  ASSERT_TRUE(result.ok());
  EXPECT_EQ((*result)->ToString(), "[[[1, 2, 3], null], [[]]]");
  EXPECT_TRUE(ValidateArray(**result).ok());
}

}  // namespace
}  // namespace s3c::columnar
