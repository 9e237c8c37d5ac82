// The CSV reader and writer against DuckDB's read_csv on the same seeded files
// (differential tests against DuckDB; tests/support/duckdb_oracle.h).
#include <gtest/gtest.h>

#include "differential_util.h"
#include "s3c/codec/codec.h"
#include "s3c/columnar/schema.h"
#include "s3c/formats/csv/csv.h"
#include "support/duckdb_oracle.h"
#include "support/duckdb_types.h"
#include "support/rgw_env.h"

namespace s3c::testing {
namespace {

namespace col = columnar;
namespace csv = formats::csv;

// The generated columns with the type both sides must give them (differential_util.h).
std::shared_ptr<col::Schema> CsvSchema() {
  return col::MakeSchema({
      col::Field("id", col::Int64()),
      col::Field("big", col::Int64()),
      col::Field("amount", col::Float64()),
      col::Field("code", col::String()),
      col::Field("name", col::String()),
      col::Field("day", col::Date32()),
      col::Field("moment", col::Timestamp(col::TimeUnit::kMicro)),
      col::Field("moment_tz", col::Timestamp(col::TimeUnit::kMicro, "UTC")),
      col::Field("flag", col::Bool()),
  });
}
const char kDuckColumns[] =
    "{'id': 'BIGINT', 'big': 'BIGINT', 'amount': 'DOUBLE', 'code': 'VARCHAR', 'name': 'VARCHAR', "
    "'day': 'DATE', 'moment': 'TIMESTAMP', 'moment_tz': 'TIMESTAMPTZ', 'flag': 'BOOLEAN'}";

// read_csv with the dialect given and, unless `infer`, the column types given. Quoted empty
// fields are empty strings on both sides (s3c: quoted_empty_is_string; DuckDB:
// allow_quoted_nulls=false); an unquoted empty field is null on both.
std::string DuckReadCsv(const std::string& path, char delimiter, bool infer) {
  std::string sql = "SELECT * FROM read_csv(" + SqlQuote(path) +
                    ", header=true, delim=" + SqlQuote(std::string(1, delimiter)) +
                    ", quote='\"', escape='\"', allow_quoted_nulls=false";
  if (infer) return sql + ", auto_detect=true, sample_size=-1)";
  return sql + ", auto_detect=false, columns=" + kDuckColumns + ")";
}

Result<Batches> S3cReadCsv(const std::string& path, char delimiter, bool infer) {
  csv::CsvReadOptions o;
  o.dialect.delimiter = delimiter;
  o.batch_rows = 777;  // several batches, boundaries inside the file
  if (infer) {
    o.inference.max_rows = -1;  // the whole file, as DuckDB's sample_size=-1
    o.inference.max_bytes = -1;
  } else {
    o.schema_mode = csv::SchemaMode::kFull;
    o.schema = CsvSchema();
  }
  S3C_ASSIGN_OR_RETURN(auto input, OpenDecompressedFile(path));
  S3C_ASSIGN_OR_RETURN(auto reader, csv::OpenCsvReader(std::move(input), path, o));
  S3C_ASSIGN_OR_RETURN(Batches batches, ReadAll(*reader));
  if (!batches.empty() && !batches[0]->schema()->Equals(*reader->schema())) {
    return InternalError("batch schema differs from reader schema");
  }
  return batches;
}

TEST(CsvDifferential, InferredTypesAndRowsMatchDuckDbSniffer) {
  S3C_REQUIRE_DUCKDB();
  TempDir dir;
  const std::string path = dir.path() + "/inferred.csv";
  ASSERT_TRUE(WriteFile(path, GenerateCsv({.seed = 11, .rows = 3000})).ok());
  auto duck = DuckDbQuery(DuckReadCsv(path, ',', /*infer=*/true));
  ASSERT_TRUE(duck.ok()) << duck.status().ToString();
  auto ours = S3cReadCsv(path, ',', /*infer=*/true);
  ASSERT_TRUE(ours.ok()) << ours.status().ToString();
  ASSERT_FALSE(ours->empty());
  const col::Schema& schema = *(*ours)[0]->schema();
  EXPECT_TRUE(TypesEqual(duck->columns, schema));
  // The inferred schema is the one the explicit tests below force.
  EXPECT_TRUE(schema.Equals(*CsvSchema())) << schema.ToString();
  EXPECT_EQ(duck->rows.size(), 3000U);
  EXPECT_TRUE(RowsEqual(duck->rows, CanonicalRows(*ours), ColumnNames(*duck)));
}

TEST(CsvDifferential, CrlfSemicolonFileWithExplicitTypes) {
  S3C_REQUIRE_DUCKDB();
  TempDir dir;
  const std::string path = dir.path() + "/crlf.csv";
  ASSERT_TRUE(
      WriteFile(path,
                GenerateCsv({.seed = 12, .rows = 2500, .line_ending = "\r\n", .delimiter = ';'}))
          .ok());
  auto duck = DuckDbQuery(DuckReadCsv(path, ';', /*infer=*/false));
  ASSERT_TRUE(duck.ok()) << duck.status().ToString();
  auto ours = S3cReadCsv(path, ';', /*infer=*/false);
  ASSERT_TRUE(ours.ok()) << ours.status().ToString();
  EXPECT_EQ(duck->rows.size(), 2500U);
  EXPECT_TRUE(RowsEqual(duck->rows, CanonicalRows(*ours), ColumnNames(*duck)));
  EXPECT_TRUE(TypesEqual(duck->columns, *ours->front()->schema()));
}

TEST(CsvDifferential, GzipAndZstdInputsThroughTheCodecModule) {
  S3C_REQUIRE_DUCKDB();
  TempDir dir;
  std::string text = GenerateCsv({.seed = 13, .rows = 2000});
  std::vector<std::string> paths;
  std::vector<std::string> sqls;
  for (Codec codec : {Codec::kGzip, Codec::kZstd}) {
    auto packed = Compress(codec, text);
    ASSERT_TRUE(packed.ok()) << packed.status().ToString();
    paths.push_back(dir.path() + "/data.csv" + CodecExtension(codec));
    ASSERT_TRUE(WriteFile(paths.back(), *packed).ok());
    sqls.push_back(DuckReadCsv(paths.back(), ',', /*infer=*/false));
  }
  auto duck = DuckDbQueries(sqls);
  for (size_t i = 0; i < paths.size(); ++i) {
    SCOPED_TRACE(paths[i]);
    ASSERT_TRUE(duck[i].ok()) << duck[i].status().ToString();
    auto ours = S3cReadCsv(paths[i], ',', /*infer=*/false);
    ASSERT_TRUE(ours.ok()) << ours.status().ToString();
    EXPECT_EQ(duck[i]->rows.size(), 2000U);
    EXPECT_TRUE(RowsEqual(duck[i]->rows, CanonicalRows(*ours), ColumnNames(*duck[i])));
    EXPECT_TRUE(TypesEqual(duck[i]->columns, *ours->front()->schema()));
  }
}

TEST(CsvDifferential, WriterOutputReadsBackInDuckDbUnchanged) {
  S3C_REQUIRE_DUCKDB();
  TempDir dir;
  const std::string source = dir.path() + "/source.csv";
  ASSERT_TRUE(WriteFile(source, GenerateCsv({.seed = 14, .rows = 2000})).ok());
  auto batches = S3cReadCsv(source, ',', /*infer=*/false);
  ASSERT_TRUE(batches.ok()) << batches.status().ToString();
  const std::vector<std::string> expected = CanonicalRows(*batches);

  struct Variant {
    std::string file;
    csv::CsvWriteOptions options;
  };
  std::vector<Variant> variants(3);
  variants[0].file = "minimal.csv";
  variants[1].file = "all_quoted_crlf.csv";
  variants[1].options.quoting = csv::QuotingStyle::kAll;
  variants[1].options.line_ending = "\r\n";
  variants[2].file = "pipe.csv";
  variants[2].options.dialect.delimiter = '|';
  std::vector<std::string> sqls;
  for (const Variant& v : variants) {
    const std::string path = dir.path() + "/" + v.file;
    Status st = WriteBatches(path, *batches, [&](std::unique_ptr<OutputStream> out) {
      return csv::OpenCsvWriter(std::move(out), CsvSchema(), v.options);
    });
    ASSERT_TRUE(st.ok()) << st.ToString();
    sqls.push_back(DuckReadCsv(path, v.options.dialect.delimiter, /*infer=*/false));
  }
  auto duck = DuckDbQueries(sqls);
  for (size_t i = 0; i < variants.size(); ++i) {
    SCOPED_TRACE(variants[i].file);
    ASSERT_TRUE(duck[i].ok()) << duck[i].status().ToString();
    EXPECT_TRUE(RowsEqual(duck[i]->rows, expected, ColumnNames(*duck[i])));
    EXPECT_TRUE(TypesEqual(duck[i]->columns, *CsvSchema()));
  }
}

}  // namespace
}  // namespace s3c::testing
