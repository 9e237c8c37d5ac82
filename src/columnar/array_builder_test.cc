#include <gtest/gtest.h>

#include <cmath>
#include <cstdint>
#include <vector>

#include "s3c/columnar/columnar.h"

namespace s3c::columnar {
namespace {

template <typename ArrayT>
std::shared_ptr<ArrayT> Done(ArrayBuilder& builder) {
  auto result = builder.FinishAs<ArrayT>();
  EXPECT_TRUE(result.ok()) << result.status().ToString();
  auto array = std::move(result).value();
  Status st = ValidateArray(*array, ValidateOptions{.full = true, .check_utf8 = true});
  EXPECT_TRUE(st.ok()) << st.ToString();
  return array;
}

TEST(BufferTest, AllocationsAre64ByteAlignedAndPadded) {
  for (int64_t size : {0, 1, 63, 64, 65, 1000}) {
    auto b = Buffer::Allocate(size);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(b->data()) % 64, 0u) << size;
    EXPECT_EQ(b->capacity() % 64, 0) << size;
    EXPECT_GE(b->capacity(), size);
    EXPECT_EQ(b->size(), size);
  }
  Int64Builder builder;
  for (int i = 0; i < 1000; ++i) builder.Append(i);
  builder.AppendNull();
  auto array = Done<Int64Array>(builder);
  for (const auto& buf : array->data()->buffers) {
    EXPECT_EQ(reinterpret_cast<uintptr_t>(buf->data()) % 64, 0u);
    EXPECT_EQ(buf->capacity() % 64, 0);
  }
  EXPECT_EQ(array->data()->buffers[1]->size(), 1001 * 8);
}

TEST(BufferTest, WrapKeepsOwnerAlive) {
  auto owner = std::make_shared<std::vector<uint8_t>>(std::vector<uint8_t>{1, 2, 3});
  auto b = Buffer::Wrap(owner->data(), 3, owner);
  EXPECT_EQ(owner.use_count(), 2);
  EXPECT_EQ(b->mutable_data(), nullptr);
  EXPECT_EQ(b->data()[2], 3);
  b.reset();
  EXPECT_EQ(owner.use_count(), 1);
}

TEST(ArrayTest, Int64WithNullsReadSliceValidatePrint) {
  Int64Builder builder;
  builder.Append(1);
  builder.AppendNull();
  builder.Append(3);
  builder.AppendNulls(2);
  builder.Append(-6);
  EXPECT_EQ(builder.length(), 6);
  EXPECT_EQ(builder.null_count(), 3);
  auto array = Done<Int64Array>(builder);
  EXPECT_EQ(array->length(), 6);
  EXPECT_EQ(array->null_count(), 3);
  EXPECT_EQ(array->Value(0), 1);
  EXPECT_TRUE(array->IsNull(1));
  EXPECT_EQ(array->Value(5), -6);
  EXPECT_EQ(array->ToString(), "[1, null, 3, null, null, -6]");

  auto slice = std::static_pointer_cast<Int64Array>(array->Slice(2, 3));
  EXPECT_EQ(slice->offset(), 2);
  EXPECT_EQ(slice->length(), 3);
  EXPECT_EQ(slice->null_count(), 2);
  EXPECT_EQ(slice->Value(0), 3);
  EXPECT_EQ(slice->ToString(), "[3, null, null]");
  EXPECT_TRUE(ValidateArray(*slice).ok());
  // Slices share buffers and are clamped.
  EXPECT_EQ(slice->data()->buffers[1], array->data()->buffers[1]);
  EXPECT_EQ(array->Slice(4, 100)->length(), 2);
  EXPECT_EQ(array->Slice(10)->length(), 0);
  // The builder is reusable after Finish.
  builder.Append(7);
  EXPECT_EQ(Done<Int64Array>(builder)->ToString(), "[7]");
}

TEST(ArrayTest, NoNullsMeansNoBitmap) {
  Int32Builder builder;
  std::vector<int32_t> values = {1, 2, 3, 4};
  builder.AppendValues(values);
  auto array = Done<Int32Array>(builder);
  EXPECT_EQ(array->data()->buffers[0], nullptr);
  EXPECT_EQ(array->null_count(), 0);
  EXPECT_EQ(array->values().size(), 4u);
  EXPECT_EQ(array->raw_values()[3], 4);
}

TEST(ArrayTest, BulkAppendWithValidBytes) {
  UInt16Builder builder;
  builder.Append(9);
  std::vector<uint16_t> values = {1, 2, 3, 4, 5};
  std::vector<uint8_t> valid = {1, 0, 1, 0, 1};
  builder.AppendValues(values, valid.data());
  builder.AppendValues(values);
  auto array = Done<UInt16Array>(builder);
  EXPECT_EQ(array->ToString(), "[9, 1, null, 3, null, 5, 1, 2, 3, 4, 5]");
  EXPECT_EQ(array->null_count(), 2);
}

TEST(ArrayTest, EveryFixedWidthTypeRoundTrips) {
  Int8Builder i8;
  i8.Append(-128);
  i8.AppendNull();
  EXPECT_EQ(Done<Int8Array>(i8)->ToString(), "[-128, null]");
  Int16Builder i16;
  i16.Append(32767);
  EXPECT_EQ(Done<Int16Array>(i16)->Value(0), 32767);
  UInt8Builder u8;
  u8.Append(255);
  EXPECT_EQ(Done<UInt8Array>(u8)->ToString(), "[255]");
  UInt32Builder u32;
  u32.Append(4000000000u);
  EXPECT_EQ(Done<UInt32Array>(u32)->ToString(), "[4000000000]");
  UInt64Builder u64;
  u64.Append(18446744073709551615ull);
  EXPECT_EQ(Done<UInt64Array>(u64)->ToString(), "[18446744073709551615]");
  Float32Builder f32;
  f32.Append(1.5f);
  f32.AppendNull();
  EXPECT_EQ(Done<Float32Array>(f32)->ToString(), "[1.5, null]");
  Float64Builder f64;
  f64.Append(0.1);
  f64.Append(-2e300);
  EXPECT_EQ(Done<Float64Array>(f64)->ToString(), "[0.1, -2e+300]");
  Date32Builder date;
  date.Append(19782);  // 2024-02-29
  date.Append(-1);
  EXPECT_EQ(Done<Date32Array>(date)->ToString(), "[2024-02-29, 1969-12-31]");
  Time32Builder t32(Time32(TimeUnit::kSecond));
  t32.Append(3661);
  EXPECT_EQ(Done<Time32Array>(t32)->ToString(), "[01:01:01]");
  Time64Builder t64(Time64(TimeUnit::kNano));
  t64.Append(1);
  EXPECT_EQ(Done<Time64Array>(t64)->ToString(), "[00:00:00.000000001]");
  TimestampBuilder ts(Timestamp(TimeUnit::kMilli, "UTC"));
  ts.Append(1709210096789);
  ts.AppendNull();
  auto ts_array = Done<TimestampArray>(ts);
  EXPECT_EQ(ts_array->type(), Timestamp(TimeUnit::kMilli, "UTC"));
  EXPECT_EQ(ts_array->ToString(), "[2024-02-29T12:34:56.789Z, null]");
  TimestampBuilder ts_local(Timestamp(TimeUnit::kSecond));
  ts_local.Append(-1);
  EXPECT_EQ(Done<TimestampArray>(ts_local)->ToString(), "[1969-12-31T23:59:59]");
}

TEST(ArrayTest, BooleanArray) {
  BooleanBuilder builder;
  builder.Append(true);
  builder.Append(false);
  builder.AppendNull();
  std::vector<uint8_t> values(20, 1);
  builder.AppendValues(values);
  auto array = Done<BooleanArray>(builder);
  EXPECT_EQ(array->length(), 23);
  EXPECT_TRUE(array->Value(0));
  EXPECT_FALSE(array->Value(1));
  EXPECT_TRUE(array->IsNull(2));
  EXPECT_EQ(array->true_count(), 21);
  auto slice = std::static_pointer_cast<BooleanArray>(array->Slice(1, 3));
  EXPECT_EQ(slice->ToString(), "[false, null, true]");
  EXPECT_TRUE(ValidateArray(*slice).ok());
}

TEST(ArrayTest, Decimal128Array) {
  Decimal128Builder builder(Decimal128(10, 2));
  builder.Append(12345);
  builder.Append(-5);
  builder.AppendNull();
  auto array = Done<Decimal128Array>(builder);
  EXPECT_EQ(array->Value(0), 12345);
  EXPECT_EQ(array->ToString(), "[123.45, -0.05, null]");
  EXPECT_EQ(array->Slice(1)->ToString(), "[-0.05, null]");
}

TEST(ArrayTest, StringAndBinaryArrays) {
  StringBuilder builder;
  builder.Append("hello");
  builder.AppendNull();
  builder.Append("");
  builder.Append("w\"orld\n");
  auto array = Done<StringArray>(builder);
  EXPECT_EQ(array->GetView(0), "hello");
  EXPECT_TRUE(array->IsNull(1));
  EXPECT_EQ(array->value_length(2), 0);
  EXPECT_EQ(array->total_values_length(), 12);
  EXPECT_EQ(array->ToString(), R"(["hello", null, "", "w\"orld\n"])");
  auto slice = std::static_pointer_cast<StringArray>(array->Slice(2, 2));
  EXPECT_EQ(slice->GetView(1), "w\"orld\n");
  EXPECT_EQ(slice->raw_offsets()[0], 5);
  EXPECT_TRUE(ValidateArray(*slice).ok());

  std::vector<std::string_view> many = {"a", "bb", "ccc"};
  std::vector<uint8_t> valid = {1, 0, 1};
  LargeStringBuilder large;
  large.AppendValues(many, valid.data());
  auto large_array = Done<LargeStringArray>(large);
  EXPECT_EQ(large_array->ToString(), R"(["a", null, "ccc"])");
  EXPECT_EQ(large_array->raw_offsets()[3], 4);

  BinaryBuilder binary;
  binary.Append(std::string_view("\x00\xff", 2));
  EXPECT_EQ(Done<BinaryArray>(binary)->ToString(), "[x'00ff']");
}

TEST(ArrayTest, NullArrayAndArraysOfNulls) {
  NullBuilder builder;
  builder.AppendNull();
  builder.AppendNulls(2);
  auto array = Done<NullArray>(builder);
  EXPECT_EQ(array->length(), 3);
  EXPECT_EQ(array->null_count(), 3);
  EXPECT_TRUE(array->IsNull(0));
  EXPECT_EQ(array->ToString(), "[null, null, null]");
  for (const DataType& type : {Null(), Bool(), Int32(), Decimal128(5, 2), String(), LargeString(),
                               Binary(), Timestamp(TimeUnit::kNano), List(Int64()),
                               Struct({Field("a", String())}), Map(String(), Int32())}) {
    auto nulls = MakeArrayOfNulls(type, 4);
    EXPECT_EQ(nulls->null_count(), 4) << type.ToString();
    EXPECT_EQ(nulls->ToString(), "[null, null, null, null]") << type.ToString();
    Status st = ValidateArray(*nulls);
    EXPECT_TRUE(st.ok()) << type.ToString() << ": " << st.ToString();
  }
}

TEST(ArrayTest, MakeBuilderCoversEveryType) {
  for (const DataType& type : {Null(),
                               Bool(),
                               Int8(),
                               Int16(),
                               Int32(),
                               Int64(),
                               UInt8(),
                               UInt16(),
                               UInt32(),
                               UInt64(),
                               Float32(),
                               Float64(),
                               Decimal128(5, 2),
                               String(),
                               LargeString(),
                               Binary(),
                               Date32(),
                               Time32(TimeUnit::kSecond),
                               Time64(TimeUnit::kMicro),
                               Timestamp(TimeUnit::kNano, "UTC"),
                               List(Int64()),
                               Struct({Field("a", String())}),
                               Map(String(), Int32())}) {
    auto builder = MakeBuilder(type);
    builder->AppendNull();
    builder->AppendNulls(2);
    auto result = builder->Finish();
    ASSERT_TRUE(result.ok()) << type.ToString() << ": " << result.status().ToString();
    EXPECT_EQ((*result)->type(), type);
    EXPECT_EQ((*result)->length(), 3);
    EXPECT_EQ((*result)->null_count(), 3);
    EXPECT_TRUE(ValidateArray(**result).ok()) << type.ToString();
  }
}

TEST(ArrayTest, EqualityIgnoresOffsetsAndNullSlots) {
  Int64Builder a;
  a.Append(0);
  a.Append(1);
  a.AppendNull();
  auto left = Done<Int64Array>(a)->Slice(1);
  Int64Builder b;
  b.Append(1);
  b.AppendNull();
  auto right = Done<Int64Array>(b);
  EXPECT_TRUE(ArrayEquals(*left, *right));
  EXPECT_TRUE(left->Equals(*right));
  Int64Builder c;
  c.Append(1);
  c.Append(0);
  EXPECT_FALSE(ArrayEquals(*left, *Done<Int64Array>(c)));
  Float64Builder nan1, nan2;
  nan1.Append(std::nan(""));
  nan2.Append(std::nan(""));
  EXPECT_TRUE(ArrayEquals(*Done<Float64Array>(nan1), *Done<Float64Array>(nan2)));
  Int32Builder other_type;
  other_type.Append(1);
  other_type.AppendNull();
  EXPECT_FALSE(ArrayEquals(*right, *Done<Int32Array>(other_type)));
}

TEST(RecordBatchTest, MakeSliceLookupPrint) {
  Int64Builder ids;
  StringBuilder names;
  for (int i = 0; i < 5; ++i) {
    ids.Append(i);
    if (i == 2) {
      names.AppendNull();
    } else {
      names.Append(std::string(1, static_cast<char>('a' + i)));
    }
  }
  auto schema = MakeSchema({Field("id", Int64(), false), Field("name", String())});
  auto batch = RecordBatch::Make(schema, {*ids.Finish(), *names.Finish()});
  ASSERT_TRUE(batch.ok()) << batch.status().ToString();
  EXPECT_EQ((*batch)->num_rows(), 5);
  EXPECT_EQ((*batch)->num_columns(), 2);
  EXPECT_EQ((*batch)->GetColumnByName("name")->ToString(), R"(["a", "b", null, "d", "e"])");
  EXPECT_EQ((*batch)->GetColumnByName("nope"), nullptr);
  auto slice = (*batch)->Slice(1, 2);
  EXPECT_EQ(slice->num_rows(), 2);
  EXPECT_EQ(slice->ToString(), "2 rows\nid: int64 not null: [1, 2]\nname: string: [\"b\", null]\n");
  EXPECT_TRUE(ValidateRecordBatch(*slice).ok());
  EXPECT_TRUE(RecordBatchEquals(*slice, *(*batch)->Slice(1, 2)));
  EXPECT_FALSE(RecordBatchEquals(*slice, *(*batch)->Slice(2, 2)));

  Int64Builder short_ids;
  short_ids.Append(1);
  auto bad = RecordBatch::Make(schema, {*short_ids.Finish(), (*batch)->column(1)});
  ASSERT_FALSE(bad.ok());
  EXPECT_EQ(bad.status().message(), "column 'name' has 5 rows, expected 1");
  auto wrong_type = RecordBatch::Make(schema, {(*batch)->column(1), (*batch)->column(1)});
  ASSERT_FALSE(wrong_type.ok());
  EXPECT_EQ(wrong_type.status().message(), "column 'id' has type string but the schema says int64");
  auto wrong_count = RecordBatch::Make(schema, {(*batch)->column(0)});
  EXPECT_EQ(wrong_count.status().message(), "schema has 2 fields but 1 columns were given");
}

}  // namespace
}  // namespace s3c::columnar
