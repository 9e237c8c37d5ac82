#include "s3c/formats/json/json_writer.h"

#include <gtest/gtest.h>

#include "s3c/columnar/builder_binary.h"
#include "s3c/columnar/builder_nested.h"
#include "s3c/columnar/builder_primitive.h"
#include "s3c/columnar/compare.h"
#include "s3c/formats/json/json_reader.h"
#include "s3c/io/local_file.h"

namespace s3c::formats {
namespace {

namespace col = columnar;

class StringSink final : public OutputStream {
 public:
  StringSink(std::string* committed, bool* aborted) : committed_(committed), aborted_(aborted) {}
  Status Write(const void* data, size_t n) override {
    pending_.append(static_cast<const char*>(data), n);
    return Status::OK();
  }
  Status Close() override {
    *committed_ = pending_;
    return Status::OK();
  }
  void Abort() override { *aborted_ = true; }

 private:
  std::string pending_;
  std::string* committed_;
  bool* aborted_;
};

std::string WriteAll(const std::vector<std::shared_ptr<RecordBatch>>& batches, bool lines,
                     std::shared_ptr<Schema> schema = nullptr) {
  std::string out;
  bool aborted = false;
  if (schema == nullptr) schema = batches.at(0)->schema();
  auto w = OpenJsonWriter(std::make_unique<StringSink>(&out, &aborted), schema, {lines, 16});
  EXPECT_TRUE(w.ok());
  for (const auto& b : batches) EXPECT_TRUE((*w)->Write(*b).ok());
  EXPECT_TRUE((*w)->Close().ok());
  EXPECT_FALSE(aborted);
  return out;
}

std::shared_ptr<RecordBatch> SampleBatch() {
  col::Int64Builder ints;
  ints.Append(1);
  ints.AppendNull();
  ints.Append(-9223372036854775807 - 1);
  col::Float64Builder floats;
  floats.Append(0.1);
  floats.Append(1.0);
  floats.Append(-2.5e300);
  col::StringBuilder strings;
  strings.Append("tab\t\"q\" \\ \x01 \xc3\xa9");
  strings.Append("");
  strings.AppendNull();
  col::BooleanBuilder bools;
  bools.Append(true);
  bools.Append(false);
  bools.AppendNull();
  col::ListBuilder lists(col::List(col::Int64()));
  auto* items = lists.value_builder_as<col::Int64Builder>();
  lists.Append();
  items->Append(1);
  items->Append(2);
  lists.Append();
  lists.AppendNull();
  col::DataType st = col::Struct({col::Field("x", col::Int64()), col::Field("y", col::String())});
  col::StructBuilder structs(st);
  structs.Append();
  structs.field_builder_as<col::Int64Builder>(0)->Append(7);
  structs.field_builder_as<col::StringBuilder>(1)->Append("s");
  structs.AppendNull();
  structs.Append();
  structs.field_builder_as<col::Int64Builder>(0)->AppendNull();
  structs.field_builder_as<col::StringBuilder>(1)->Append("t");
  std::vector<std::shared_ptr<col::Array>> cols;
  for (col::ArrayBuilder* b : std::initializer_list<col::ArrayBuilder*>{&ints, &floats, &strings,
                                                                        &bools, &lists, &structs}) {
    cols.push_back(*b->Finish());
  }
  auto schema = col::MakeSchema({col::Field("i", col::Int64()), col::Field("f", col::Float64()),
                                 col::Field("s", col::String()), col::Field("b", col::Bool()),
                                 col::Field("l", col::List(col::Int64())), col::Field("st", st)});
  return *RecordBatch::Make(schema, std::move(cols));
}

std::vector<std::shared_ptr<RecordBatch>> ReadBack(const std::string& text,
                                                   std::shared_ptr<Schema> schema) {
  JsonReadOptions o;
  if (schema != nullptr) {
    o.schema_mode = JsonSchemaMode::kFull;
    o.schema = std::move(schema);
  }
  auto r = OpenJsonReader(MakeStringInput(text), o);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  std::vector<std::shared_ptr<RecordBatch>> out;
  for (;;) {
    auto b = (*r)->Next();
    EXPECT_TRUE(b.ok()) << b.status().ToString();
    if (!b.ok() || *b == nullptr) break;
    out.push_back(*b);
  }
  return out;
}

TEST(JsonWriterTest, WritesJsonLines) {
  std::string out = WriteAll({SampleBatch()}, true);
  EXPECT_EQ(out,
            "{\"i\":1,\"f\":0.1,\"s\":\"tab\\t\\\"q\\\" \\\\ \\u0001 \xc3\xa9\",\"b\":true,"
            "\"l\":[1,2],\"st\":{\"x\":7,\"y\":\"s\"}}\n"
            "{\"i\":null,\"f\":1.0,\"s\":\"\",\"b\":false,\"l\":[],\"st\":null}\n"
            "{\"i\":-9223372036854775808,\"f\":-2.5e+300,\"s\":null,\"b\":null,\"l\":null,"
            "\"st\":{\"x\":null,\"y\":\"t\"}}\n");
}

TEST(JsonWriterTest, WritesAnArray) {
  auto batch = SampleBatch()->Slice(1, 1);
  EXPECT_EQ(WriteAll({batch}, false),
            "[\n{\"i\":null,\"f\":1.0,\"s\":\"\",\"b\":false,\"l\":[],\"st\":null}\n]\n");
  EXPECT_EQ(WriteAll({}, false, batch->schema()), "[]\n");
}

TEST(JsonWriterTest, RoundTripsWithInferenceAndAcrossBatches) {
  auto batch = SampleBatch();
  for (bool lines : {true, false}) {
    std::string text = WriteAll({batch, batch->Slice(1)}, lines);
    auto back = ReadBack(text, nullptr);
    ASSERT_EQ(back.size(), 1u);
    EXPECT_TRUE(back[0]->schema()->Equals(*batch->schema())) << back[0]->schema()->ToString();
    auto expected_rows = back[0]->Slice(0, 3);
    EXPECT_TRUE(col::RecordBatchEquals(*expected_rows, *batch)) << back[0]->ToString() << "\nvs\n"
                                                                << batch->ToString();
    EXPECT_TRUE(col::RecordBatchEquals(*back[0]->Slice(3), *batch->Slice(1)));
  }
}

TEST(JsonWriterTest, TemporalValuesAsIso8601AndRoundTrip) {
  col::Date32Builder dates;
  dates.Append(0);
  dates.Append(19752);  // 2024-01-30
  dates.Append(-1);
  col::TimestampBuilder ts(col::Timestamp(col::TimeUnit::kMicro, "UTC"));
  ts.Append(1706616000123456);
  ts.Append(0);
  ts.Append(-1);
  col::TimestampBuilder naive(col::Timestamp(col::TimeUnit::kMilli));
  naive.Append(1500);
  naive.AppendNull();
  naive.Append(86400000);
  auto schema = col::MakeSchema({col::Field("d", col::Date32()),
                                 col::Field("t", col::Timestamp(col::TimeUnit::kMicro, "UTC")),
                                 col::Field("n", col::Timestamp(col::TimeUnit::kMilli))});
  auto batch = *RecordBatch::Make(schema, {*dates.Finish(), *ts.Finish(), *naive.Finish()});
  std::string text = WriteAll({batch}, true);
  EXPECT_EQ(text,
            "{\"d\":\"1970-01-01\",\"t\":\"2024-01-30T12:00:00.123456Z\","
            "\"n\":\"1970-01-01T00:00:01.500\"}\n"
            "{\"d\":\"2024-01-30\",\"t\":\"1970-01-01T00:00:00Z\",\"n\":null}\n"
            "{\"d\":\"1969-12-31\",\"t\":\"1969-12-31T23:59:59.999999Z\","
            "\"n\":\"1970-01-02T00:00:00\"}\n");
  auto back = ReadBack(text, schema);
  ASSERT_EQ(back.size(), 1u);
  EXPECT_TRUE(col::RecordBatchEquals(*back[0], *batch)) << back[0]->ToString();
}

TEST(JsonWriterTest, RejectsOtherSchemasAndAbortsWhenNotClosed) {
  std::string out;
  bool aborted = false;
  auto batch = SampleBatch();
  {
    auto w = OpenJsonWriter(std::make_unique<StringSink>(&out, &aborted),
                            col::MakeSchema({col::Field("other", col::Int64())}));
    ASSERT_TRUE(w.ok());
    Status s = (*w)->Write(*batch);
    EXPECT_EQ(s.code(), StatusCode::kInvalidArgument);
  }
  EXPECT_TRUE(aborted);
  EXPECT_EQ(out, "");
}

}  // namespace
}  // namespace s3c::formats
