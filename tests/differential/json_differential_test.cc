// The JSON / JSON Lines reader and writers against DuckDB's read_json on the same seeded files
// (differential tests against DuckDB; tests/support/duckdb_oracle.h).
#include <gtest/gtest.h>

#include "differential_util.h"
#include "s3c/codec/codec.h"
#include "s3c/columnar/schema.h"
#include "s3c/formats/json/json_reader.h"
#include "s3c/formats/json/json_writer.h"
#include "support/duckdb_oracle.h"
#include "support/duckdb_types.h"
#include "support/rgw_env.h"

namespace s3c::testing {
namespace {

namespace col = columnar;

// What s3c infers for the generated keys (differential_util.h).
std::shared_ptr<col::Schema> JsonSchema() {
  return col::MakeSchema({
      col::Field("id", col::Int64()),
      col::Field("name", col::String()),
      col::Field("n", col::Int64()),
      col::Field("x", col::Float64()),
      col::Field("big", col::String()),
      col::Field("day", col::Date32()),
      col::Field("moment", col::Timestamp(col::TimeUnit::kMicro)),
      col::Field("ok", col::Bool()),
      col::Field("tags", col::List(col::String())),
      col::Field("pt",
                 col::Struct({col::Field("x", col::Int64()), col::Field("y", col::Float64())})),
  });
}

// DuckDB is given the types instead of inferring them, because its inference differs on
// purpose: integers near the int64 limits become HUGEINT (s3c: int64), integers beyond 64 bits
// become DOUBLE (s3c keeps their exact text as a string, so `big` is VARCHAR here: DuckDB then
// keeps the number's text too), and timestamps are inferred only from a sample.
const char kDuckColumns[] =
    "{'id': 'BIGINT', 'name': 'VARCHAR', 'n': 'BIGINT', 'x': 'DOUBLE', 'big': 'VARCHAR', "
    "'day': 'DATE', 'moment': 'TIMESTAMP', 'ok': 'BOOLEAN', 'tags': 'VARCHAR[]', "
    "'pt': 'STRUCT(x BIGINT, y DOUBLE)'}";

std::string DuckReadJson(const std::string& path, const char* format) {
  return "SELECT * FROM read_json(" + SqlQuote(path) + ", format=" + SqlQuote(format) +
         ", columns=" + kDuckColumns + ")";
}

Result<Batches> S3cReadJson(const std::string& path, formats::JsonFormat format,
                            std::shared_ptr<col::Schema>* schema = nullptr) {
  formats::JsonReadOptions o;
  o.object_name = path;
  o.format = format;
  o.batch_rows = 500;
  o.inference.max_rows = -1;
  o.inference.max_bytes = -1;
  S3C_ASSIGN_OR_RETURN(auto input, OpenDecompressedFile(path));
  S3C_ASSIGN_OR_RETURN(auto reader, formats::OpenJsonReader(std::move(input), o));
  if (schema != nullptr) *schema = reader->schema();
  return ReadAll(*reader);
}

// The JSON Lines text as one top-level JSON array.
std::string AsJsonArray(const std::string& lines) {
  std::string out = "[\n";
  size_t pos = 0;
  bool first = true;
  while (pos < lines.size()) {
    size_t end = lines.find('\n', pos);
    out += (first ? "  " : ",\n  ") + lines.substr(pos, end - pos);
    first = false;
    pos = end + 1;
  }
  return out + "\n]\n";
}

TEST(JsonDifferential, JsonLinesRowsMatchDuckDb) {
  S3C_REQUIRE_DUCKDB();
  TempDir dir;
  const std::string path = dir.path() + "/data.jsonl";
  ASSERT_TRUE(WriteFile(path, GenerateJsonLines({.seed = 21, .rows = 3000})).ok());
  auto duck = DuckDbQuery(DuckReadJson(path, "newline_delimited"));
  ASSERT_TRUE(duck.ok()) << duck.status().ToString();
  std::shared_ptr<col::Schema> schema;
  auto ours = S3cReadJson(path, formats::JsonFormat::kJsonLines, &schema);
  ASSERT_TRUE(ours.ok()) << ours.status().ToString();
  EXPECT_TRUE(schema->Equals(*JsonSchema())) << schema->ToString();
  EXPECT_EQ(duck->rows.size(), 3000U);
  EXPECT_TRUE(RowsEqual(duck->rows, CanonicalRows(*ours), ColumnNames(*duck)));
  EXPECT_TRUE(TypesEqual(duck->columns, *schema));
}

TEST(JsonDifferential, TopLevelArrayAndCompressedInputsMatchDuckDb) {
  S3C_REQUIRE_DUCKDB();
  TempDir dir;
  const std::string lines = GenerateJsonLines({.seed = 22, .rows = 1500});
  struct Input {
    std::string path;
    const char* duck_format;
    formats::JsonFormat format;
  };
  std::vector<Input> inputs;
  inputs.push_back({dir.path() + "/array.json", "array", formats::JsonFormat::kAuto});
  ASSERT_TRUE(WriteFile(inputs.back().path, AsJsonArray(lines)).ok());
  for (Codec codec : {Codec::kGzip, Codec::kZstd}) {
    auto packed = Compress(codec, lines);
    ASSERT_TRUE(packed.ok()) << packed.status().ToString();
    inputs.push_back({dir.path() + "/data.jsonl" + CodecExtension(codec), "newline_delimited",
                      formats::JsonFormat::kJsonLines});
    ASSERT_TRUE(WriteFile(inputs.back().path, *packed).ok());
  }
  std::vector<std::string> sqls;
  for (const Input& in : inputs) sqls.push_back(DuckReadJson(in.path, in.duck_format));
  auto duck = DuckDbQueries(sqls);
  for (size_t i = 0; i < inputs.size(); ++i) {
    SCOPED_TRACE(inputs[i].path);
    ASSERT_TRUE(duck[i].ok()) << duck[i].status().ToString();
    std::shared_ptr<col::Schema> schema;
    auto ours = S3cReadJson(inputs[i].path, inputs[i].format, &schema);
    ASSERT_TRUE(ours.ok()) << ours.status().ToString();
    EXPECT_EQ(duck[i]->rows.size(), 1500U);
    EXPECT_TRUE(RowsEqual(duck[i]->rows, CanonicalRows(*ours), ColumnNames(*duck[i])));
    EXPECT_TRUE(TypesEqual(duck[i]->columns, *schema));
  }
}

TEST(JsonDifferential, WriterOutputReadsBackInDuckDbUnchanged) {
  S3C_REQUIRE_DUCKDB();
  TempDir dir;
  const std::string source = dir.path() + "/source.jsonl";
  ASSERT_TRUE(WriteFile(source, GenerateJsonLines({.seed = 23, .rows = 2000})).ok());
  std::shared_ptr<col::Schema> schema;
  auto batches = S3cReadJson(source, formats::JsonFormat::kJsonLines, &schema);
  ASSERT_TRUE(batches.ok()) << batches.status().ToString();
  const std::vector<std::string> expected = CanonicalRows(*batches);
  std::vector<std::string> sqls;
  for (bool lines : {true, false}) {
    const std::string path = dir.path() + (lines ? "/out.jsonl" : "/out.json");
    Status st = WriteBatches(path, *batches, [&](std::unique_ptr<OutputStream> out) {
      return formats::OpenJsonWriter(std::move(out), schema, {.lines = lines});
    });
    ASSERT_TRUE(st.ok()) << st.ToString();
    sqls.push_back(DuckReadJson(path, lines ? "newline_delimited" : "array"));
  }
  auto duck = DuckDbQueries(sqls);
  for (size_t i = 0; i < duck.size(); ++i) {
    SCOPED_TRACE(i == 0 ? "JSON Lines" : "JSON array");
    ASSERT_TRUE(duck[i].ok()) << duck[i].status().ToString();
    EXPECT_TRUE(RowsEqual(duck[i]->rows, expected, ColumnNames(*duck[i])));
    EXPECT_TRUE(TypesEqual(duck[i]->columns, *schema));
  }
}

}  // namespace
}  // namespace s3c::testing
