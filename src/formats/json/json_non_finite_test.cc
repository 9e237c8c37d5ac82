// NaN and infinities: written as tokens, null or strings (JsonWriteOptions::non_finite) and read
// back from the tokens (JsonReadOptions::non_finite_tokens), at the top level and nested.
#include <gtest/gtest.h>

#include <cmath>
#include <limits>

#include "s3c/columnar/array_primitive.h"
#include "s3c/columnar/builder_nested.h"
#include "s3c/columnar/builder_primitive.h"
#include "s3c/columnar/compare.h"
#include "s3c/formats/json/json_reader.h"
#include "s3c/formats/json/json_writer.h"
#include "s3c/io/local_file.h"

namespace s3c::formats {
namespace {

namespace col = columnar;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr double kInf = std::numeric_limits<double>::infinity();

// Columns d (float64), f (float32) and l (list<float64>); rows: NaN, +inf, -inf, null, 1.5.
std::shared_ptr<RecordBatch> NonFiniteBatch() {
  col::Float64Builder d;
  col::Float32Builder f;
  col::ListBuilder l(col::List(col::Float64()));
  auto* items = l.value_builder_as<col::Float64Builder>();
  for (double v : {kNaN, kInf, -kInf}) {
    d.Append(v);
    f.Append(static_cast<float>(v));
    l.Append();
    items->Append(v);
  }
  d.AppendNull();
  f.AppendNull();
  l.AppendNull();
  d.Append(1.5);
  f.Append(1.5f);
  l.Append();
  items->Append(1.5);
  auto schema = col::MakeSchema({col::Field("d", col::Float64()), col::Field("f", col::Float32()),
                                 col::Field("l", col::List(col::Float64()))});
  return *RecordBatch::Make(schema, {*d.Finish(), *f.Finish(), *l.Finish()});
}

std::string Write(const RecordBatch& batch, NonFiniteFloats style) {
  std::string text;
  JsonWriteOptions o;
  o.non_finite = style;
  auto w = OpenJsonWriter(MakeStringOutput(&text), batch.schema(), o);
  EXPECT_TRUE(w.ok()) << w.status().ToString();
  EXPECT_TRUE((*w)->Write(batch).ok());
  EXPECT_TRUE((*w)->Close().ok());
  return text;
}

Result<std::shared_ptr<RecordBatch>> ReadOne(std::string text, JsonReadOptions o) {
  o.object_name = "s3://b/nan.jsonl";
  S3C_ASSIGN_OR_RETURN(auto reader, OpenJsonReader(MakeStringInput(std::move(text)), o));
  S3C_ASSIGN_OR_RETURN(auto batch, reader->Next());
  if (batch == nullptr) return NotFoundError("no rows");
  return batch;
}

TEST(JsonNonFinite, WriterSpellsThemPerStyle) {
  auto batch = NonFiniteBatch();
  EXPECT_EQ(Write(*batch, NonFiniteFloats::kTokens),
            "{\"d\":NaN,\"f\":NaN,\"l\":[NaN]}\n"
            "{\"d\":Infinity,\"f\":Infinity,\"l\":[Infinity]}\n"
            "{\"d\":-Infinity,\"f\":-Infinity,\"l\":[-Infinity]}\n"
            "{\"d\":null,\"f\":null,\"l\":null}\n"
            "{\"d\":1.5,\"f\":1.5,\"l\":[1.5]}\n");
  EXPECT_EQ(Write(*batch->Slice(0, 3), NonFiniteFloats::kNull),
            "{\"d\":null,\"f\":null,\"l\":[null]}\n"
            "{\"d\":null,\"f\":null,\"l\":[null]}\n"
            "{\"d\":null,\"f\":null,\"l\":[null]}\n");
  EXPECT_EQ(Write(*batch->Slice(0, 3), NonFiniteFloats::kStrings),
            "{\"d\":\"NaN\",\"f\":\"NaN\",\"l\":[\"NaN\"]}\n"
            "{\"d\":\"Infinity\",\"f\":\"Infinity\",\"l\":[\"Infinity\"]}\n"
            "{\"d\":\"-Infinity\",\"f\":\"-Infinity\",\"l\":[\"-Infinity\"]}\n");
}

TEST(JsonNonFinite, TokensReadBackAsTheSameValuesAndStayApartFromNull) {
  auto batch = NonFiniteBatch();
  const std::string text = Write(*batch, NonFiniteFloats::kTokens);
  // With the writer's schema (the flat fast path hands these records to the full parser).
  JsonReadOptions full;
  full.schema_mode = JsonSchemaMode::kFull;
  full.schema = batch->schema();
  auto same = ReadOne(text, full);
  ASSERT_TRUE(same.ok()) << same.status().ToString();
  EXPECT_TRUE(col::RecordBatchEquals(**same, *batch)) << (*same)->ToString();
  // Inferred: the tokens are float64 numbers, null stays null.
  auto inferred = ReadOne(text, {});
  ASSERT_TRUE(inferred.ok()) << inferred.status().ToString();
  EXPECT_EQ((*inferred)->schema()->field(0).type().ToString(), "double");
  const auto& d = static_cast<const col::Float64Array&>(*(*inferred)->column(0));
  EXPECT_TRUE(std::isnan(d.Value(0)));
  EXPECT_EQ(d.Value(1), kInf);
  EXPECT_EQ(d.Value(2), -kInf);
  EXPECT_TRUE(d.IsNull(3));
  EXPECT_FALSE(d.IsNull(0));
  EXPECT_EQ(d.Value(4), 1.5);
}

TEST(JsonNonFinite, StrictReadingAndMisspelledTokensAreErrors) {
  JsonReadOptions strict;
  strict.non_finite_tokens = false;
  auto r = ReadOne("{\"x\":1}\n{\"x\":NaN}\n", strict);
  ASSERT_FALSE(r.ok());
  EXPECT_NE(r.status().message().find("line 2"), std::string::npos) << r.status().ToString();
  for (const char* bad : {"{\"x\":nan}", "{\"x\":-Inf}", "{\"x\":Infinit}", "{\"x\":-NaN}"}) {
    auto b = ReadOne(bad, {});
    EXPECT_FALSE(b.ok()) << bad;
    if (!b.ok()) {
      EXPECT_NE(b.status().message().find("nan.jsonl"), std::string::npos) << b.status().ToString();
    }
  }
}

}  // namespace
}  // namespace s3c::formats
