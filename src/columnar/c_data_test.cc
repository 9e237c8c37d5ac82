#include <gtest/gtest.h>

#include "s3c/columnar/c_bridge.h"
#include "s3c/columnar/columnar.h"

namespace s3c::columnar {
namespace {

// Counts release calls of exported structs by interposing on their callbacks.
int g_array_releases = 0;
void (*g_original_array_release)(ArrowArray*) = nullptr;
void CountingArrayRelease(ArrowArray* a) {
  ++g_array_releases;
  g_original_array_release(a);
}
int g_schema_releases = 0;
void (*g_original_schema_release)(ArrowSchema*) = nullptr;
void CountingSchemaRelease(ArrowSchema* s) {
  ++g_schema_releases;
  g_original_schema_release(s);
}

// Exports `array` (and its type), imports it back and checks equality and release counts.
void RoundTrip(const std::shared_ptr<Array>& array) {
  SCOPED_TRACE(array->type().ToString() + " " + array->ToString());
  ArrowArray c_array;
  ArrowSchema c_schema;
  ASSERT_TRUE(ExportArray(*array, &c_array, &c_schema).ok());
  g_array_releases = g_schema_releases = 0;
  g_original_array_release = c_array.release;
  c_array.release = &CountingArrayRelease;
  g_original_schema_release = c_schema.release;
  c_schema.release = &CountingSchemaRelease;
  EXPECT_EQ(c_array.offset, array->offset());
  EXPECT_EQ(c_array.null_count, array->null_count());

  auto imported = ImportArray(&c_array, &c_schema);
  ASSERT_TRUE(imported.ok()) << imported.status().ToString();
  EXPECT_EQ(c_array.release, nullptr);
  EXPECT_EQ(c_schema.release, nullptr);
  EXPECT_EQ(g_schema_releases, 1);
  // A null-type array has no buffers to keep the producer's memory alive, so it is released
  // at import; everything else is released when the last reference goes.
  const bool has_buffers = array->type_id() != TypeId::kNull;
  EXPECT_EQ(g_array_releases, has_buffers ? 0 : 1);
  EXPECT_EQ((*imported)->type(), array->type());
  EXPECT_TRUE(ArrayEquals(**imported, *array))
      << (*imported)->ToString() << " vs " << array->ToString();
  Status st = ValidateArray(**imported);
  EXPECT_TRUE(st.ok()) << st.ToString();
  // Zero copy: the imported array reads the producer's memory.
  if (!array->data()->buffers.empty() && array->data()->buffers.back()) {
    EXPECT_EQ((*imported)->data()->buffers.back()->data(), array->data()->buffers.back()->data());
  }
  auto slice = (*imported)->Slice(1);
  imported = Status(UnknownError("dropped"));
  EXPECT_EQ(g_array_releases, has_buffers ? 0 : 1);  // the slice still holds it
  slice.reset();
  EXPECT_EQ(g_array_releases, 1);
}

template <typename B, typename F>
std::shared_ptr<Array> Build(B builder, F fill) {
  fill(builder);
  return *builder.Finish();
}

std::vector<std::shared_ptr<Array>> ArraysOfEveryType() {
  std::vector<std::shared_ptr<Array>> out;
  auto add = [&out](std::shared_ptr<Array> a) {
    out.push_back(a);
    out.push_back(a->Slice(1));  // with an offset
  };
  add(MakeArrayOfNulls(Null(), 3));
  add(Build(BooleanBuilder(), [](auto& b) { b.Append(true), b.AppendNull(), b.Append(false); }));
  add(Build(Int8Builder(), [](auto& b) { b.Append(-1), b.AppendNull(), b.Append(7); }));
  add(Build(Int16Builder(), [](auto& b) { b.Append(-1), b.Append(2), b.AppendNull(); }));
  add(Build(Int32Builder(), [](auto& b) { b.Append(-1), b.Append(2), b.Append(3); }));
  add(Build(Int64Builder(), [](auto& b) { b.AppendNull(), b.Append(2), b.Append(3); }));
  add(Build(UInt8Builder(), [](auto& b) { b.Append(255), b.AppendNull(), b.Append(3); }));
  add(Build(UInt16Builder(), [](auto& b) { b.Append(1), b.AppendNull(), b.Append(3); }));
  add(Build(UInt32Builder(), [](auto& b) { b.Append(1), b.AppendNull(), b.Append(3); }));
  add(Build(UInt64Builder(), [](auto& b) { b.Append(1), b.AppendNull(), b.Append(3); }));
  add(Build(Float32Builder(), [](auto& b) { b.Append(1.5f), b.AppendNull(), b.Append(3); }));
  add(Build(Float64Builder(), [](auto& b) { b.Append(1.5), b.AppendNull(), b.Append(-3); }));
  add(Build(Decimal128Builder(Decimal128(20, 3)),
            [](auto& b) { b.Append(-123456), b.AppendNull(), b.Append(1); }));
  add(Build(StringBuilder(), [](auto& b) { b.Append("ab"), b.AppendNull(), b.Append("cde"); }));
  add(Build(LargeStringBuilder(), [](auto& b) { b.Append("x"), b.AppendNull(), b.Append("yz"); }));
  add(Build(BinaryBuilder(), [](auto& b) { b.Append("\x01"), b.Append(""), b.AppendNull(); }));
  add(Build(Date32Builder(), [](auto& b) { b.Append(1), b.AppendNull(), b.Append(-1); }));
  add(Build(Time32Builder(Time32(TimeUnit::kSecond)),
            [](auto& b) { b.Append(1), b.AppendNull(), b.Append(2); }));
  add(Build(Time32Builder(Time32(TimeUnit::kMilli)),
            [](auto& b) { b.Append(1), b.AppendNull(), b.Append(2); }));
  add(Build(Time64Builder(Time64(TimeUnit::kMicro)),
            [](auto& b) { b.Append(1), b.AppendNull(), b.Append(2); }));
  add(Build(Time64Builder(Time64(TimeUnit::kNano)),
            [](auto& b) { b.Append(1), b.AppendNull(), b.Append(2); }));
  for (TimeUnit unit : {TimeUnit::kSecond, TimeUnit::kMilli, TimeUnit::kMicro, TimeUnit::kNano}) {
    add(Build(TimestampBuilder(Timestamp(unit)),
              [](auto& b) { b.Append(1), b.AppendNull(), b.Append(2); }));
  }
  add(Build(TimestampBuilder(Timestamp(TimeUnit::kMicro, "America/New_York")),
            [](auto& b) { b.Append(1), b.AppendNull(), b.Append(2); }));
  // list<struct<x: int64, label: string>>
  ListBuilder list(List(Struct({Field("x", Int64()), Field("label", String(), false)})));
  auto* st = list.value_builder_as<StructBuilder>();
  list.Append();
  st->Append();
  st->field_builder_as<Int64Builder>(0)->Append(1);
  st->field_builder_as<StringBuilder>(1)->Append("a");
  list.AppendNull();
  list.Append();
  st->AppendNull();
  st->Append();
  st->field_builder_as<Int64Builder>(0)->AppendNull();
  st->field_builder_as<StringBuilder>(1)->Append("c");
  add(*list.Finish());
  MapBuilder map(Map(String(), List(Int32()), /*keys_sorted=*/true));
  auto* items = map.item_builder_as<ListBuilder>();
  map.Append();
  map.key_builder_as<StringBuilder>()->Append("k");
  items->Append();
  items->value_builder_as<Int32Builder>()->Append(5);
  map.AppendNull();
  map.Append();
  map.key_builder_as<StringBuilder>()->Append("z");
  items->AppendNull();
  add(*map.Finish());
  return out;
}

TEST(CDataTest, RoundTripsEveryTypeWithNullsAndOffsets) {
  for (const auto& array : ArraysOfEveryType()) RoundTrip(array);
}

TEST(CDataTest, FormatStrings) {
  EXPECT_EQ(*FormatString(Int64()), "l");
  EXPECT_EQ(*FormatString(UInt8()), "C");
  EXPECT_EQ(*FormatString(Decimal128(19, 10)), "d:19,10");
  EXPECT_EQ(*FormatString(Date32()), "tdD");
  EXPECT_EQ(*FormatString(Time64(TimeUnit::kNano)), "ttn");
  EXPECT_EQ(*FormatString(Timestamp(TimeUnit::kSecond)), "tss:");
  EXPECT_EQ(*FormatString(Timestamp(TimeUnit::kMicro, "UTC")), "tsu:UTC");
  EXPECT_EQ(*FormatString(Map(String(), Int32())), "+m");
  EXPECT_FALSE(FormatString(Decimal128(0, 0)).ok());
}

TEST(CDataTest, SchemaWithMetadataRoundTrips) {
  Schema schema({Field("id", Int64(), false, {{"k1", "v1"}, {"", "empty key"}}),
                 Field("m", Map(String(), Float64())),
                 Field("l", List(Field("elem", Timestamp(TimeUnit::kNano, "UTC"), false)))},
                {{"origin", "s3c"}});
  ArrowSchema c_schema;
  ASSERT_TRUE(ExportSchema(schema, &c_schema).ok());
  EXPECT_STREQ(c_schema.format, "+s");
  EXPECT_EQ(c_schema.n_children, 3);
  EXPECT_STREQ(c_schema.children[0]->name, "id");
  EXPECT_EQ(c_schema.children[0]->flags, 0);
  EXPECT_EQ(c_schema.children[1]->flags, ARROW_FLAG_NULLABLE);
  EXPECT_STREQ(c_schema.children[1]->children[0]->format, "+s");
  EXPECT_STREQ(c_schema.children[1]->children[0]->children[0]->name, "key");
  auto imported = ImportSchema(&c_schema);
  ASSERT_TRUE(imported.ok()) << imported.status().ToString();
  EXPECT_EQ(c_schema.release, nullptr);
  EXPECT_TRUE((*imported)->Equals(schema, /*check_metadata=*/true));
}

TEST(CDataTest, RecordBatchRoundTrip) {
  Int64Builder ids;
  StringBuilder names;
  for (int i = 0; i < 4; ++i) {
    ids.Append(i);
    names.Append(std::string(static_cast<size_t>(i), 'x'));
  }
  auto batch = *RecordBatch::Make(MakeSchema({Field("id", Int64()), Field("name", String())}),
                                  {*ids.Finish(), *names.Finish()});
  auto slice = batch->Slice(1, 2);
  ArrowArray c_array;
  ArrowSchema c_schema;
  ASSERT_TRUE(ExportRecordBatch(*slice, &c_array, &c_schema).ok());
  EXPECT_EQ(c_array.length, 2);
  EXPECT_EQ(c_array.n_children, 2);
  EXPECT_EQ(c_array.children[0]->offset, 1);
  auto imported = ImportRecordBatch(&c_array, &c_schema);
  ASSERT_TRUE(imported.ok()) << imported.status().ToString();
  EXPECT_TRUE(RecordBatchEquals(**imported, *slice)) << (*imported)->ToString();
}

// A producer written directly against the C structs: release must be called exactly once.
struct Producer {
  int64_t values[3] = {10, 20, 30};
  uint8_t validity = 0b101;
  const void* buffers[2] = {&validity, values};
  int releases = 0;
};

void ProducerRelease(ArrowArray* a) {
  ++static_cast<Producer*>(a->private_data)->releases;
  a->release = nullptr;
}

ArrowArray ProducerArray(Producer* p, int64_t null_count) {
  ArrowArray a{};
  a.length = 3;
  a.null_count = null_count;
  a.n_buffers = 2;
  a.buffers = p->buffers;
  a.release = &ProducerRelease;
  a.private_data = p;
  return a;
}

TEST(CDataTest, ImportTakesOwnershipAndReleasesOnce) {
  Producer producer;
  ArrowArray a = ProducerArray(&producer, -1);  // unknown null count
  auto imported = ImportArray(&a, Int64());
  ASSERT_TRUE(imported.ok()) << imported.status().ToString();
  EXPECT_EQ(a.release, nullptr);
  EXPECT_EQ((*imported)->null_count(), 1);
  EXPECT_EQ((*imported)->ToString(), "[10, null, 30]");
  EXPECT_EQ(producer.releases, 0);
  imported = Status(UnknownError("dropped"));
  EXPECT_EQ(producer.releases, 1);
}

TEST(CDataTest, FailedImportStillReleasesOnce) {
  Producer producer;
  ArrowArray a = ProducerArray(&producer, 1);
  a.n_buffers = 3;
  auto imported = ImportArray(&a, Int64());
  ASSERT_FALSE(imported.ok());
  EXPECT_EQ(imported.status().message(), "int64 array with 3 buffers, expected 2");
  EXPECT_EQ(producer.releases, 1);
  EXPECT_EQ(a.release, nullptr);

  Producer second;
  ArrowArray b = ProducerArray(&second, 1);
  ArrowSchema unsupported;
  ASSERT_TRUE(ExportType(Int64(), &unsupported).ok());
  // Swap in a format we do not support: release must still run for both structs.
  const char* saved = unsupported.format;
  unsupported.format = "e";
  auto result = ImportArray(&b, &unsupported);
  EXPECT_EQ(result.status().code(), StatusCode::kUnimplemented);
  EXPECT_EQ(result.status().message(), "unsupported format string 'e'");
  EXPECT_EQ(second.releases, 1);
  EXPECT_EQ(unsupported.release, nullptr);
  (void)saved;
}

TEST(CDataTest, ExportReleaseFreesOurReferences) {
  Int64Builder b;
  b.Append(1);
  auto array = *b.Finish();
  const auto& values = array->data()->buffers[1];
  long before = values.use_count();
  ArrowArray c_array;
  ASSERT_TRUE(ExportArray(*array, &c_array).ok());
  EXPECT_GT(array->data().use_count(), 1);
  c_array.release(&c_array);
  EXPECT_EQ(c_array.release, nullptr);
  EXPECT_EQ(array->data().use_count(), 1);
  EXPECT_EQ(values.use_count(), before);
}

}  // namespace
}  // namespace s3c::columnar
