#include <gtest/gtest.h>

#include <cstring>

#include "s3c/columnar/columnar.h"

namespace s3c::columnar {
namespace {

std::shared_ptr<Buffer> Int32s(std::vector<int32_t> v) {
  return Buffer::CopyOf(v.data(), static_cast<int64_t>(v.size() * 4));
}

std::shared_ptr<Buffer> Bytes(std::string_view s) {
  return Buffer::CopyOf(s.data(), static_cast<int64_t>(s.size()));
}

TEST(ValidateTest, AcceptsWellFormedStrings) {
  auto data = ArrayData::Make(String(), 3, {nullptr, Int32s({0, 1, 3, 6}), Bytes("abbccc")}, 0);
  EXPECT_TRUE(ValidateArrayData(*data).ok());
  EXPECT_EQ(MakeArray(data)->ToString(), R"(["a", "bb", "ccc"])");
}

TEST(ValidateTest, CatchesNonMonotonicOffsets) {
  auto data = ArrayData::Make(String(), 3, {nullptr, Int32s({0, 4, 2, 6}), Bytes("abbccc")}, 0);
  Status st = ValidateArrayData(*data);
  ASSERT_FALSE(st.ok());
  EXPECT_EQ(st.code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(st.message(), "invalid string array: offset 2 (2) is less than offset 1 (4)");
  // The O(1) checks do not look at inner offsets.
  EXPECT_TRUE(ValidateArrayData(*data, ValidateOptions{.full = false}).ok());
}

TEST(ValidateTest, CatchesOffsetsPastTheData) {
  auto data = ArrayData::Make(Binary(), 2, {nullptr, Int32s({0, 1, 9}), Bytes("abc")}, 0);
  Status st = ValidateArrayData(*data, ValidateOptions{.full = false});
  EXPECT_EQ(st.message(), "invalid binary array: offsets [0, 9] outside the data buffer size of 3");
  auto negative = ArrayData::Make(Binary(), 1, {nullptr, Int32s({-1, 1}), Bytes("abc")}, 0);
  EXPECT_FALSE(ValidateArrayData(*negative).ok());
}

TEST(ValidateTest, CatchesShortBuffers) {
  auto values = Buffer::Allocate(3 * 8);
  auto data = ArrayData::Make(Int64(), 4, {nullptr, values}, 0);
  EXPECT_EQ(ValidateArrayData(*data).message(),
            "invalid int64 array: values buffer has 24 bytes, needs at least 32");
  auto sliced = ArrayData::Make(Int64(), 3, {nullptr, values}, 0, /*offset=*/1);
  EXPECT_FALSE(ValidateArrayData(*sliced).ok());
  auto short_offsets = ArrayData::Make(String(), 3, {nullptr, Int32s({0, 1}), Bytes("ab")}, 0);
  EXPECT_EQ(ValidateArrayData(*short_offsets).message(),
            "invalid string array: offsets buffer has 8 bytes, needs at least 16");
  auto missing = ArrayData::Make(Int32(), 2, {nullptr, nullptr}, 0);
  EXPECT_EQ(ValidateArrayData(*missing).message(), "invalid int32 array: values buffer is missing");
  auto wrong_count = ArrayData::Make(Int32(), 0, {nullptr}, 0);
  EXPECT_EQ(ValidateArrayData(*wrong_count).message(),
            "invalid int32 array: has 1 buffers, the layout needs 2");
}

TEST(ValidateTest, CatchesWrongNullCounts) {
  auto bits = Buffer::Allocate(1);
  bits->mutable_data()[0] = 0b101;  // element 1 null
  auto data = ArrayData::Make(Int32(), 3, {bits, Int32s({1, 2, 3})}, 0);
  EXPECT_EQ(ValidateArrayData(*data).message(),
            "invalid int32 array: null count is 0 but the validity bitmap has 1 nulls");
  auto no_bitmap = ArrayData::Make(Int32(), 3, {nullptr, Int32s({1, 2, 3})}, 2);
  EXPECT_EQ(ValidateArrayData(*no_bitmap).message(),
            "invalid int32 array: null count 2 without a validity bitmap");
}

TEST(ValidateTest, NamesTheNestedPathAndChecksChildren) {
  auto child = ArrayData::Make(String(), 2, {nullptr, Int32s({0, 2, 1}), Bytes("ab")}, 0);
  auto list = ArrayData::Make(List(String()), 1, {nullptr, Int32s({0, 2})}, 0, 0, {child});
  Status st = ValidateArrayData(*list);
  EXPECT_EQ(st.message(), "invalid string array at 'item': offset 2 (1) is less than offset 1 (2)");

  auto good_child = ArrayData::Make(String(), 2, {nullptr, Int32s({0, 1, 2}), Bytes("ab")}, 0);
  auto too_far = ArrayData::Make(List(String()), 1, {nullptr, Int32s({0, 3})}, 0, 0, {good_child});
  EXPECT_EQ(ValidateArrayData(*too_far).message(),
            "invalid list<item: string> array: offsets [0, 3] outside the child length of 2");

  auto wrong_type =
      ArrayData::Make(List(Int32()), 1, {nullptr, Int32s({0, 1})}, 0, 0, {good_child});
  EXPECT_EQ(ValidateArrayData(*wrong_type).message(),
            "invalid list<item: int32> array: child 0 has type string, expected int32");

  auto short_field = ArrayData::Make(Int32(), 1, {nullptr, Int32s({1})}, 0);
  auto st_data = ArrayData::Make(Struct({Field("a", Int32())}), 2, {nullptr}, 0, 0, {short_field});
  EXPECT_EQ(ValidateArrayData(*st_data).message(),
            "invalid struct<a: int32> array: field 'a' has 1 values, needs 2");
}

TEST(ValidateTest, Utf8CheckIsOptional) {
  auto data = ArrayData::Make(String(), 2, {nullptr, Int32s({0, 2, 4}), Bytes("ok\xff\xfe")}, 0);
  EXPECT_TRUE(ValidateArrayData(*data).ok());
  EXPECT_EQ(ValidateArrayData(*data, ValidateOptions{.check_utf8 = true}).message(),
            "invalid string array: value 1 is not valid UTF-8");
  EXPECT_TRUE(IsValidUtf8("h\xc3\xa9llo \xe2\x82\xac \xf0\x9f\x98\x80"));
  EXPECT_FALSE(IsValidUtf8("\xc0\xaf"));      // overlong
  EXPECT_FALSE(IsValidUtf8("\xed\xa0\x80"));  // surrogate
  EXPECT_FALSE(IsValidUtf8("\xe2\x82"));      // truncated
}

TEST(ValidateTest, DecimalPrecisionAndTypeParameters) {
  Decimal128Builder builder(Decimal128(3, 0));
  builder.Append(1000);
  auto array = *builder.Finish();
  EXPECT_EQ(ValidateArray(*array).message(),
            "invalid decimal128(3, 0) array: value 0 (1000) has more than 3 digits");
  auto bad_type = MakeArrayOfNulls(Decimal128(40, 0), 1);
  EXPECT_FALSE(ValidateArray(*bad_type).ok());
  auto bad_unit = MakeArrayOfNulls(Time32(TimeUnit::kNano), 1);
  EXPECT_EQ(ValidateArray(*bad_unit).message(),
            "invalid time32[ns] array: time32 unit must be s or ms");
}

TEST(ValidateTest, RecordBatchNamesTheColumn) {
  auto bad = MakeArray(ArrayData::Make(String(), 1, {nullptr, Int32s({0, 5}), Bytes("ab")}, 0));
  auto batch = RecordBatch::Make(MakeSchema({Field("name", String())}), {bad});
  ASSERT_TRUE(batch.ok());
  EXPECT_EQ(ValidateRecordBatch(**batch).message(),
            "invalid string array at 'name': offsets [0, 5] outside the data buffer size of 2");
}

}  // namespace
}  // namespace s3c::columnar
