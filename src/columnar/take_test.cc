#include "s3c/columnar/take.h"

#include <gtest/gtest.h>

#include <optional>
#include <string>
#include <vector>

#include "s3c/columnar/columnar.h"

namespace s3c::columnar {
namespace {

// Takes `indices`, checks the result passes full validation and its null count against the
// bitmap, and returns its text.
std::string TakeText(const Array& input, const std::vector<int64_t>& indices) {
  auto taken = Take(input, indices);
  if (!taken.ok()) return "error: " + taken.status().ToString();
  const Array& out = **taken;
  Status valid = ValidateArray(out);
  EXPECT_TRUE(valid.ok()) << valid.ToString();
  EXPECT_TRUE(out.type().Equals(input.type())) << out.type().ToString();
  EXPECT_EQ(out.length(), static_cast<int64_t>(indices.size()));
  int64_t nulls = 0;
  for (int64_t i = 0; i < out.length(); ++i) nulls += out.IsNull(i) ? 1 : 0;
  EXPECT_EQ(out.null_count(), nulls);
  const bool copied = out.length() > 0 && out.data()->buffers != input.data()->buffers;
  if (copied && out.null_count() == 0 && out.type_id() != TypeId::kNull) {
    EXPECT_EQ(out.null_bitmap_data(), nullptr) << "a copy without nulls keeps no bitmap";
  }
  return out.ToString();
}

template <typename BuilderT, typename T>
std::shared_ptr<Array> Build(BuilderT builder, const std::vector<std::optional<T>>& values) {
  for (const auto& v : values) {
    if (v) {
      builder.Append(*v);
    } else {
      builder.AppendNull();
    }
  }
  auto result = builder.Finish();
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  return *result;
}

TEST(TakeTest, Int64WithNullsRepeatsAndAnyOrder) {
  auto a = Build(Int64Builder(), std::vector<std::optional<int64_t>>{10, std::nullopt, 30, 40});
  EXPECT_EQ(TakeText(*a, {3, 1, 3, 0, 0}), "[40, null, 40, 10, 10]");
  EXPECT_EQ(TakeText(*a, {0, 2, 3}), "[10, 30, 40]");
  EXPECT_EQ(TakeText(*a, {}), "[]");
}

TEST(TakeTest, SlicedInputsUseTheirOffset) {
  auto a = Build(Int32Builder(), std::vector<std::optional<int32_t>>{0, 1, std::nullopt, 3, 4, 5});
  auto slice = a->Slice(2, 3);  // [null, 3, 4]
  EXPECT_EQ(TakeText(*slice, {2, 0, 1, 2}), "[4, null, 3, 4]");
  EXPECT_EQ(TakeText(*slice, {1, 2}), "[3, 4]");
  auto strings =
      Build(StringBuilder(), std::vector<std::optional<std::string>>{"a", "bb", std::nullopt,
                                                                     "dddd", ""});
  EXPECT_EQ(TakeText(*strings->Slice(1), {3, 0, 2, 0}), R"(["", "bb", "dddd", "bb"])");
  EXPECT_EQ(TakeText(*strings->Slice(1, 2), {1, 0}), R"([null, "bb"])");
}

TEST(TakeTest, EveryPrimitiveType) {
  EXPECT_EQ(TakeText(*MakeArrayOfNulls(Null(), 3), {2, 2, 0}), "[null, null, null]");
  auto bools = Build(BooleanBuilder(), std::vector<std::optional<bool>>{true, false, std::nullopt});
  EXPECT_EQ(TakeText(*bools, {2, 1, 0, 0}), "[null, false, true, true]");
  auto i8 = Build(Int8Builder(), std::vector<std::optional<int8_t>>{-128, 127});
  EXPECT_EQ(TakeText(*i8, {1, 0}), "[127, -128]");
  auto i16 = Build(Int16Builder(), std::vector<std::optional<int16_t>>{-300, std::nullopt});
  EXPECT_EQ(TakeText(*i16, {1, 0}), "[null, -300]");
  auto u8 = Build(UInt8Builder(), std::vector<std::optional<uint8_t>>{255, 1});
  EXPECT_EQ(TakeText(*u8, {1, 0}), "[1, 255]");
  auto u16 = Build(UInt16Builder(), std::vector<std::optional<uint16_t>>{65535, 2});
  EXPECT_EQ(TakeText(*u16, {1, 0}), "[2, 65535]");
  auto u32 = Build(UInt32Builder(), std::vector<std::optional<uint32_t>>{4000000000u, 3});
  EXPECT_EQ(TakeText(*u32, {1, 0}), "[3, 4000000000]");
  auto u64 = Build(UInt64Builder(), std::vector<std::optional<uint64_t>>{18446744073709551615u});
  EXPECT_EQ(TakeText(*u64, {0, 0}), "[18446744073709551615, 18446744073709551615]");
  auto f32 = Build(Float32Builder(), std::vector<std::optional<float>>{1.5f, std::nullopt});
  EXPECT_EQ(TakeText(*f32, {1, 0}), "[null, 1.5]");
  auto f64 = Build(Float64Builder(), std::vector<std::optional<double>>{-2.25, 0.5});
  EXPECT_EQ(TakeText(*f64, {1, 0}), "[0.5, -2.25]");
  auto dec = Build(Decimal128Builder(Decimal128(10, 2)),
                   std::vector<std::optional<Int128>>{Int128{12345}, std::nullopt, Int128{-1}});
  EXPECT_EQ(TakeText(*dec, {2, 1, 0}), "[-0.01, null, 123.45]");
  auto date = Build(Date32Builder(), std::vector<std::optional<int32_t>>{0, 19000});
  EXPECT_EQ(TakeText(*date, {1, 0}), "[2022-01-08, 1970-01-01]");
  auto t32 = Build(Time32Builder(Time32(TimeUnit::kSecond)), std::vector<std::optional<int32_t>>{
                                                                 3661, std::nullopt});
  EXPECT_EQ(TakeText(*t32, {1, 0}), "[null, 01:01:01]");
  auto t64 = Build(Time64Builder(Time64(TimeUnit::kMicro)),
                   std::vector<std::optional<int64_t>>{1, 2});
  EXPECT_EQ(TakeText(*t64, {1, 0}), "[00:00:00.000002, 00:00:00.000001]");
  auto binary = Build(BinaryBuilder(), std::vector<std::optional<std::string>>{"\x0a\xff", ""});
  EXPECT_EQ(TakeText(*binary, {1, 0}), "[x'', x'0aff']");
  auto large = Build(LargeStringBuilder(),
                     std::vector<std::optional<std::string>>{"x", std::nullopt, "yz"});
  EXPECT_EQ(TakeText(*large, {2, 1, 2}), R"(["yz", null, "yz"])");
}

TEST(TakeTest, TimestampKeepsUnitAndTimeZone) {
  DataType type = Timestamp(TimeUnit::kMilli, "Europe/Paris");
  auto ts = Build(TimestampBuilder(type), std::vector<std::optional<int64_t>>{0, 1500});
  auto taken = Take(*ts, std::vector<int64_t>{1, 0, 1});
  ASSERT_TRUE(taken.ok());
  EXPECT_EQ((*taken)->type().ToString(), "timestamp[ms, tz=Europe/Paris]");
  EXPECT_EQ(static_cast<const TimestampArray&>(**taken).Value(0), 1500);
  EXPECT_EQ(static_cast<const TimestampArray&>(**taken).Value(1), 0);
}

TEST(TakeTest, BooleansAcrossUnalignedRuns) {
  BooleanBuilder builder;
  for (int i = 0; i < 200; ++i) {
    if (i % 7 == 0) {
      builder.AppendNull();
    } else {
      builder.Append(i % 3 == 0);
    }
  }
  auto bools = *builder.Finish();
  auto slice = bools->Slice(3, 190);
  std::vector<int64_t> indices;
  for (int64_t i = 5; i < 60; ++i) indices.push_back(i);    // a long run from bit 8 of the source
  for (int64_t i = 101; i < 180; ++i) indices.push_back(i);  // and one at an odd bit
  indices.push_back(0);
  auto taken = Take(*slice, indices);
  ASSERT_TRUE(taken.ok());
  ASSERT_TRUE(ValidateArray(**taken).ok());
  for (size_t k = 0; k < indices.size(); ++k) {
    ASSERT_TRUE(ValuesEqual(**taken, static_cast<int64_t>(k), *slice, indices[k])) << k;
  }
}

TEST(TakeTest, OutOfRangeIsInvalidArgument) {
  auto a = Build(Int64Builder(), std::vector<std::optional<int64_t>>{1, 2, 3});
  auto high = Take(*a, std::vector<int64_t>{0, 3});
  ASSERT_FALSE(high.ok());
  EXPECT_EQ(high.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(high.status().message().find("index 3 at position 1"), std::string::npos)
      << high.status().ToString();
  auto negative = Take(*a->Slice(1), std::vector<int64_t>{-1});
  ASSERT_FALSE(negative.ok());
  EXPECT_NE(negative.status().message().find("[0, 2)"), std::string::npos);
  EXPECT_FALSE(Take(*a->Slice(1), std::vector<int64_t>{2}).ok()) << "bounds follow the slice";
}

TEST(TakeTest, WholeSelectionAndSingleRunShareTheInput) {
  auto a = Build(Int64Builder(), std::vector<std::optional<int64_t>>{1, std::nullopt, 3, 4});
  auto all = Take(*a, std::vector<int64_t>{0, 1, 2, 3});
  ASSERT_TRUE(all.ok());
  EXPECT_EQ((*all)->data(), a->data()) << "every row: the input's own ArrayData";
  auto run = Take(*a, std::vector<int64_t>{1, 2});
  ASSERT_TRUE(run.ok());
  EXPECT_EQ((*run)->data()->buffers[1], a->data()->buffers[1]) << "one run: a zero-copy slice";
  EXPECT_EQ((*run)->ToString(), "[null, 3]");
  EXPECT_EQ((*run)->null_count(), 1);
  auto copied = Take(*a, std::vector<int64_t>{0, 2});
  ASSERT_TRUE(copied.ok());
  EXPECT_NE((*copied)->data()->buffers[1], a->data()->buffers[1]);
  EXPECT_EQ((*copied)->offset(), 0);
}

TEST(TakeTest, EmptySelectionOfEveryLayout) {
  for (const DataType& type :
       {Null(), Bool(), Int32(), Decimal128(5, 1), String(), LargeString(), List(Int64()),
        Struct({Field("a", Int64())}), Map(String(), Int64())}) {
    auto input = MakeArrayOfNulls(type, 4);
    EXPECT_EQ(TakeText(*input, {}), "[]") << type.ToString();
    EXPECT_EQ(TakeText(*input, {3, 0}), "[null, null]") << type.ToString();
  }
}

TEST(TakeTest, RecordBatchSharesTheSchema) {
  auto ids = Build(Int64Builder(), std::vector<std::optional<int64_t>>{1, 2, 3});
  auto names = Build(StringBuilder(), std::vector<std::optional<std::string>>{"a", std::nullopt,
                                                                               "c"});
  auto schema = std::make_shared<Schema>(
      std::vector<Field>{Field("id", Int64()), Field("name", String())});
  auto batch = *RecordBatch::Make(schema, {ids, names});
  auto taken = Take(*batch, std::vector<int64_t>{2, 1, 2});
  ASSERT_TRUE(taken.ok()) << taken.status().ToString();
  EXPECT_EQ((*taken)->schema(), schema);
  EXPECT_EQ((*taken)->num_rows(), 3);
  EXPECT_TRUE(ValidateRecordBatch(**taken).ok());
  EXPECT_EQ((*taken)->column(0)->ToString(), "[3, 2, 3]");
  EXPECT_EQ((*taken)->column(1)->ToString(), R"(["c", null, "c"])");
  EXPECT_FALSE(Take(*batch, std::vector<int64_t>{3}).ok());
  auto none = Take(*batch, std::vector<int64_t>{});
  ASSERT_TRUE(none.ok());
  EXPECT_EQ((*none)->num_rows(), 0);
  EXPECT_TRUE(ValidateRecordBatch(**none).ok());
}

TEST(TakeTest, CopyBitmapAtAnyAlignmentMatchesBitByBit) {
  std::vector<uint8_t> src(40);
  for (size_t i = 0; i < src.size(); ++i) src[i] = static_cast<uint8_t>(i * 37 + 11);
  for (int64_t src_offset : {0, 1, 5, 8, 13}) {
    for (int64_t dst_offset : {0, 3, 8, 9}) {
      for (int64_t length : {0, 1, 7, 8, 9, 64, 250}) {
        std::vector<uint8_t> dst(40, 0xA5);
        std::vector<uint8_t> expected = dst;
        bit_util::CopyBitmap(src.data(), src_offset, length, dst.data(), dst_offset);
        for (int64_t i = 0; i < length; ++i) {
          bit_util::SetBitTo(expected.data(), dst_offset + i,
                             bit_util::GetBit(src.data(), src_offset + i));
        }
        ASSERT_EQ(dst, expected) << src_offset << " " << dst_offset << " " << length;
      }
    }
  }
}

// Nested types: nulls at every level, sliced parents and children.

// [[{n: 1, s: "a"}, null], null, [], [{n: null, s: "d"}, {n: 5, s: null}, {n: 6, s: "f"}]]
std::shared_ptr<Array> ListOfStruct() {
  ListBuilder lists(List(Struct({Field("n", Int32()), Field("s", String())})));
  auto* rows = lists.value_builder_as<StructBuilder>();
  auto* ns = rows->field_builder_as<Int32Builder>(0);
  auto* ss = rows->field_builder_as<StringBuilder>(1);
  auto row = [&](std::optional<int32_t> n, std::optional<std::string> s) {
    rows->Append();
    n ? ns->Append(*n) : ns->AppendNull();
    s ? ss->Append(*s) : ss->AppendNull();
  };
  lists.Append();
  row(1, "a");
  rows->AppendNull();
  lists.AppendNull();
  lists.Append();
  lists.Append();
  row(std::nullopt, "d");
  row(5, std::nullopt);
  row(6, "f");
  auto result = lists.Finish();
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  return *result;
}

TEST(TakeNestedTest, ListOfStruct) {
  auto lists = ListOfStruct();
  EXPECT_EQ(TakeText(*lists, {3, 0, 3, 1, 2}),
            R"([[{n: null, s: "d"}, {n: 5, s: null}, {n: 6, s: "f"}], [{n: 1, s: "a"}, null], )"
            R"([{n: null, s: "d"}, {n: 5, s: null}, {n: 6, s: "f"}], null, []])");
  EXPECT_EQ(TakeText(*lists, {0, 2}), R"([[{n: 1, s: "a"}, null], []])");
  EXPECT_EQ(TakeText(*lists->Slice(1), {2, 0}),
            R"([[{n: null, s: "d"}, {n: 5, s: null}, {n: 6, s: "f"}], null])");
  EXPECT_EQ(TakeText(*lists, {1, 2}), "[null, []]");
  // Lists 0, 2 (empty) and 3 hold child elements [0, 2) and [2, 5): one run, so the result's
  // child is a zero-copy slice of the input's.
  auto taken = Take(*lists, std::vector<int64_t>{0, 2, 3});
  ASSERT_TRUE(taken.ok());
  ASSERT_TRUE(ValidateArray(**taken).ok());
  EXPECT_EQ((*taken)->data()->children[0]->children[0]->buffers[1],
            lists->data()->children[0]->children[0]->buffers[1]);
  EXPECT_EQ((*taken)->data()->children[0]->length, 5);
}

// [{"a": 1, "b": null}, null, {}, {"c": null}, {"d": 4}]
std::shared_ptr<Array> MapWithNullValues() {
  MapBuilder maps(Map(String(), Int64()));
  auto* keys = maps.key_builder_as<StringBuilder>();
  auto* items = maps.item_builder_as<Int64Builder>();
  maps.Append();
  keys->Append("a");
  items->Append(1);
  keys->Append("b");
  items->AppendNull();
  maps.AppendNull();
  maps.Append();
  maps.Append();
  keys->Append("c");
  items->AppendNull();
  maps.Append();
  keys->Append("d");
  items->Append(4);
  auto result = maps.Finish();
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  return *result;
}

TEST(TakeNestedTest, MapWithNullValues) {
  auto maps = MapWithNullValues();
  EXPECT_EQ(TakeText(*maps, {3, 0, 1, 0, 2}),
            R"([{"c": null}, {"a": 1, "b": null}, null, {"a": 1, "b": null}, {}])");
  EXPECT_EQ(TakeText(*maps->Slice(2, 3), {2, 1}), R"([{"d": 4}, {"c": null}])");
  EXPECT_EQ(TakeText(*maps, {4, 3}), R"([{"d": 4}, {"c": null}])");
}

// struct<x: int64, s: string> rows [{1, "p"}, null over {2, "q"}, {3, null}]: the null parent
// hides valid field values, which the result carries along under its own null.
std::shared_ptr<Array> StructWithNullParent() {
  Int64Builder xs;
  for (int64_t v : {1, 2, 3}) xs.Append(v);
  StringBuilder ss;
  ss.Append("p");
  ss.Append("q");
  ss.AppendNull();
  auto validity = Buffer::Allocate(1);
  validity->mutable_data()[0] = 0b101;
  auto data = ArrayData::Make(Struct({Field("x", Int64()), Field("s", String())}), 3,
                              {validity}, 1, 0, {(*xs.Finish())->data(), (*ss.Finish())->data()});
  EXPECT_TRUE(ValidateArrayData(*data).ok());
  return MakeArray(data);
}

TEST(TakeNestedTest, StructWithNullParent) {
  auto rows = StructWithNullParent();
  EXPECT_EQ(TakeText(*rows, {1, 2, 1, 0}), R"([null, {x: 3, s: null}, null, {x: 1, s: "p"}])");
  auto taken = Take(*rows, std::vector<int64_t>{1, 2, 1, 0});
  ASSERT_TRUE(taken.ok());
  const auto& st = static_cast<const StructArray&>(**taken);
  EXPECT_EQ(st.null_count(), 2);
  EXPECT_EQ(st.field(0)->ToString(), "[2, 3, 2, 1]");
  EXPECT_EQ(st.field(1)->ToString(), R"(["q", null, "q", "p"])");
  EXPECT_EQ(TakeText(*rows, {0, 2}), R"([{x: 1, s: "p"}, {x: 3, s: null}])");
}

TEST(TakeNestedTest, SlicedStructOverSlicedFields) {
  // The parent starts at row 1 of fields that themselves start at element 2 of their buffers.
  Int32Builder xs;
  for (int32_t v = 0; v < 8; ++v) xs.Append(v * 10);
  auto field = (*xs.Finish())->data()->Slice(2, 6);  // [20 .. 70]
  auto data = ArrayData::Make(Struct({Field("x", Int32())}), 6, {nullptr}, 0, 0, {field});
  auto rows = MakeArray(data)->Slice(1, 4);  // [{x: 30}, {x: 40}, {x: 50}, {x: 60}]
  ASSERT_TRUE(ValidateArray(*rows).ok());
  EXPECT_EQ(TakeText(*rows, {3, 0, 0, 2}), "[{x: 60}, {x: 30}, {x: 30}, {x: 50}]");
  EXPECT_EQ(TakeText(*rows, {1, 2}), "[{x: 40}, {x: 50}]");
}

TEST(TakeNestedTest, ListOfListWithNulls) {
  ListBuilder outer(List(List(Int8())));
  auto* inner = outer.value_builder_as<ListBuilder>();
  auto* items = inner->value_builder_as<Int8Builder>();
  outer.Append();
  inner->Append();
  items->Append(1);
  items->AppendNull();
  inner->AppendNull();
  outer.Append();
  outer.AppendNull();
  outer.Append();
  inner->Append();
  inner->Append();
  items->Append(7);
  auto lists = *outer.Finish();
  EXPECT_EQ(TakeText(*lists, {3, 2, 0, 1, 3}),
            "[[[], [7]], null, [[1, null], null], [], [[], [7]]]");
}

}  // namespace
}  // namespace s3c::columnar
