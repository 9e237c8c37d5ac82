// DuckDB (tests/support/duckdb_oracle.h) as an independent reader of what the writer produces:
// the canonical rows and the column types DuckDB reads equal the rows and types written, and
// parquet_metadata() shows the codec, encodings and statistics meant.
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <cmath>
#include <filesystem>
#include <limits>
#include <set>

#include "formats/parquet/writer_test_data.h"
#include "s3c/columnar/builder_binary.h"
#include "s3c/columnar/builder_primitive.h"
#include "s3c/formats/parquet/parquet_writer.h"
#include "support/duckdb_oracle.h"
#include "support/duckdb_types.h"

namespace s3c::formats::parquet {
namespace {

using columnar::RecordBatch;
using testing::CanonicalRows;
using testing::DuckDbQueries;
using testing::SqlQuote;

struct WrittenFile {
  std::string label;
  std::string path;
  std::vector<std::shared_ptr<RecordBatch>> batches;
};

// Types whose Parquet form DuckDB reads as another type (duckdb_types.h), with the reason.
const std::vector<testing::TypeException> kTypeExceptions = {
    {"timestamp[s]", "TIMESTAMP",
     "Parquet has no seconds unit: the writer stores TIMESTAMP(MILLIS), which DuckDB reads as "
     "its microsecond TIMESTAMP (as below)"},
    {"timestamp[ms]", "TIMESTAMP",
     "DuckDB reads TIMESTAMP(MILLIS, isAdjustedToUTC=false) as its microsecond TIMESTAMP, not "
     "TIMESTAMP_MS"},
    {"time64[ns]", "TIME", "DuckDB reads TIME(NANOS) as its microsecond TIME, not TIME_NS"},
    {"null", "INTEGER",
     "a null column is written as INT32 with the UNKNOWN (always null) logical type; DuckDB "
     "reads the physical type"},
};

// Reads every file in one DuckDB process, compares rows and types; adds the type exceptions
// applied to `used` (may be nullptr).
void ExpectDuckDbReadsAll(const std::vector<WrittenFile>& files, std::set<size_t>* used = nullptr) {
  std::vector<std::string> sqls;
  for (const auto& f : files)
    sqls.push_back("SELECT * FROM read_parquet(" + SqlQuote(f.path) + ")");
  auto results = DuckDbQueries(sqls);
  ASSERT_EQ(results.size(), files.size());
  for (size_t i = 0; i < files.size(); ++i) {
    ASSERT_TRUE(results[i].ok()) << files[i].label << ": " << results[i].status().ToString();
    EXPECT_TRUE(testing::RowsEqual(results[i]->rows, CanonicalRows(files[i].batches),
                                   testing::ColumnNames(*results[i])))
        << files[i].label;
    EXPECT_TRUE(testing::TypesEqual(results[i]->columns, *files[i].batches.front()->schema(),
                                    kTypeExceptions, used))
        << files[i].label;
  }
}

std::vector<std::shared_ptr<RecordBatch>> Batches(const std::shared_ptr<columnar::Schema>& schema,
                                                  int count, int64_t rows, uint64_t seed) {
  std::vector<std::shared_ptr<RecordBatch>> out;
  for (int i = 0; i < count; ++i) {
    out.push_back(testdata::MicrosecondNanos(testdata::RandomBatch(schema, rows, seed + i)));
  }
  return out;
}

WrittenFile Write(const std::string& label, std::vector<std::shared_ptr<RecordBatch>> batches,
                  const ParquetWriteOptions& o) {
  WrittenFile f{label, testdata::TempPath(label), std::move(batches)};
  Status st = testdata::WriteParquet(f.path, f.batches, o);
  EXPECT_TRUE(st.ok()) << label << ": " << st.ToString();
  return f;
}

const char* DuckDbCodecName(BlockCodec c) {
  switch (c) {
    case BlockCodec::kNone:
      return "UNCOMPRESSED";
    case BlockCodec::kSnappy:
      return "SNAPPY";
    case BlockCodec::kGzip:
      return "GZIP";
    case BlockCodec::kZstd:
      return "ZSTD";
    case BlockCodec::kLz4Raw:
      return "LZ4_RAW";
    case BlockCodec::kBrotli:
      return "BROTLI";
  }
  return "?";
}

TEST(ParquetWriterDuckDb, EveryTypeCodecPageVersionAndDictionaryMode) {
  S3C_REQUIRE_DUCKDB();
  auto flat = Batches(testdata::FlatSchema(), 2, 600, 101);
  auto nested = Batches(testdata::NestedSchema(), 2, 400, 201);
  std::vector<WrittenFile> files;
  std::vector<std::string> meta_sqls;
  std::vector<BlockCodec> meta_codecs;
  for (const auto& mode : testdata::EveryWriteMode()) {
    files.push_back(Write("flat-" + mode.label, flat, mode.options));
    files.push_back(Write("nested-" + mode.label, nested, mode.options));
    meta_sqls.push_back(fmt::format("SELECT DISTINCT compression FROM parquet_metadata({})",
                                    SqlQuote(files.back().path)));
    meta_codecs.push_back(mode.options.codec);
  }
  std::set<size_t> used;
  ExpectDuckDbReadsAll(files, &used);
  // Every type of the writer is in these files: each exception must still be needed.
  EXPECT_TRUE(testing::EveryExceptionUsed(kTypeExceptions, used));
  auto metas = DuckDbQueries(meta_sqls);
  for (size_t i = 0; i < metas.size(); ++i) {
    ASSERT_TRUE(metas[i].ok()) << metas[i].status().ToString();
    ASSERT_EQ(metas[i]->rows.size(), 1u);
    EXPECT_EQ(metas[i]->rows[0], fmt::format("[\"{}\"]", DuckDbCodecName(meta_codecs[i])));
  }
}

TEST(ParquetWriterDuckDb, ExplicitEncodingsAreReadAndShown) {
  S3C_REQUIRE_DUCKDB();
  auto flat = Batches(testdata::FlatSchema(), 2, 500, 301);
  auto nested = Batches(testdata::NestedSchema(), 1, 300, 401);
  struct Case {
    std::string encoding;
    std::vector<std::string> columns;
  };
  const std::vector<Case> cases = {
      {"DELTA_BINARY_PACKED",
       {"i8", "i16", "i32", "i64", "u8", "u16", "u32", "u64", "dec5", "dec15", "date", "t_s",
        "t_ms", "t_us", "t_ns", "ts_s", "ts_ns", "ts_ms_utc", "req_i64"}},
      {"DELTA_LENGTH_BYTE_ARRAY", {"s", "ls", "bin", "req_s"}},
      {"DELTA_BYTE_ARRAY", {"s", "ls", "bin", "req_s"}},
      // DuckDB reads BYTE_STREAM_SPLIT only for FLOAT and DOUBLE ("only supported for FLOAT or
      // DOUBLE data"); INT32/INT64/FIXED_LEN_BYTE_ARRAY are covered by parquet_writer_test.
      {"BYTE_STREAM_SPLIT", {"f32", "f64"}},
      // Booleans are PLAIN in v1 pages and RLE in v2 pages whatever the option says.
      {"PLAIN", {"s", "f64", "dec38", "u64"}},
  };
  std::vector<WrittenFile> files;
  std::vector<std::string> meta_sqls;
  std::vector<const Case*> meta_cases;
  for (const Case& c : cases) {
    for (bool v2 : {false, true}) {
      ParquetWriteOptions o;
      o.codec = BlockCodec::kSnappy;
      o.data_page_v2 = v2;
      o.dictionary = false;
      o.page_bytes = 2048;
      for (const auto& col : c.columns) o.column_encodings.emplace_back(col, c.encoding);
      std::string label = fmt::format("{}-{}", c.encoding, v2 ? "v2" : "v1");
      files.push_back(Write("flat-" + label, flat, o));
      std::string in;
      for (const auto& col : c.columns) in += (in.empty() ? "" : ", ") + SqlQuote(col);
      meta_sqls.push_back(
          fmt::format("SELECT DISTINCT path_in_schema, encodings FROM parquet_metadata({}) "
                      "WHERE path_in_schema IN ({}) ORDER BY 1",
                      SqlQuote(files.back().path), in));
      meta_cases.push_back(&c);
      ParquetWriteOptions on = o;
      on.column_encodings.clear();
      if (c.encoding == "BYTE_STREAM_SPLIT") {
        on.column_encodings.emplace_back("st.c.list.element", c.encoding);
      } else {
        for (const char* col : {"l_i", "st", "m", "l_st", "l_l", "m_l", "st_req"}) {
          on.column_encodings.emplace_back(col, c.encoding);
        }
      }
      files.push_back(Write("nested-" + label, nested, on));
    }
  }
  ExpectDuckDbReadsAll(files);
  auto metas = DuckDbQueries(meta_sqls);
  for (size_t i = 0; i < metas.size(); ++i) {
    ASSERT_TRUE(metas[i].ok()) << metas[i].status().ToString();
    EXPECT_EQ(metas[i]->rows.size(), meta_cases[i]->columns.size());
    for (const std::string& row : metas[i]->rows) {
      EXPECT_NE(row.find(meta_cases[i]->encoding), std::string::npos) << row;
      EXPECT_EQ(row.find("RLE_DICTIONARY"), std::string::npos) << row;
    }
  }
}

TEST(ParquetWriterDuckDb, DictionaryFallbackShowsBothEncodings) {
  S3C_REQUIRE_DUCKDB();
  auto schema = columnar::MakeSchema(
      {columnar::Field("s", columnar::String()), columnar::Field("i", columnar::Int64())});
  ParquetWriteOptions o;
  o.dictionary_page_bytes = 2000;
  o.page_bytes = 1000;
  o.column_encodings = {{"s", "DELTA_LENGTH_BYTE_ARRAY"}};
  auto f = Write("fallback", {testdata::RandomBatch(schema, 5000, 501)}, o);
  ExpectDuckDbReadsAll({f});
  auto r = testing::DuckDbQuery(fmt::format(
      "SELECT path_in_schema, encodings FROM parquet_metadata({}) ORDER BY 1", SqlQuote(f.path)));
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  ASSERT_EQ(r->rows.size(), 2u);
  EXPECT_NE(r->rows[0].find("RLE_DICTIONARY"), std::string::npos) << r->rows[0];
  EXPECT_NE(r->rows[0].find("PLAIN"), std::string::npos) << r->rows[0];
  EXPECT_NE(r->rows[1].find("RLE_DICTIONARY"), std::string::npos) << r->rows[1];
  EXPECT_NE(r->rows[1].find("DELTA_LENGTH_BYTE_ARRAY"), std::string::npos) << r->rows[1];
}

TEST(ParquetWriterDuckDb, RowGroupsPageIndexAndCrc) {
  S3C_REQUIRE_DUCKDB();
  ParquetWriteOptions o;
  o.row_group_rows = 300;
  o.page_index = true;
  o.page_crc = true;
  o.page_bytes = 1024;
  std::vector<WrittenFile> files;
  files.push_back(Write("rg-flat", Batches(testdata::FlatSchema(), 2, 500, 601), o));
  o.data_page_v2 = true;
  files.push_back(Write("rg-nested", Batches(testdata::NestedSchema(), 2, 500, 701), o));
  ExpectDuckDbReadsAll(files);
  auto r =
      DuckDbQueries({fmt::format("SELECT count(DISTINCT row_group_id), sum(DISTINCT "
                                 "row_group_num_rows) FROM parquet_metadata({})",
                                 SqlQuote(files[0].path))});
  ASSERT_TRUE(r[0].ok()) << r[0].status().ToString();
  // 1000 rows in groups of 300: 300, 300, 300, 100 (distinct sizes 300 + 100).
  EXPECT_EQ(r[0]->rows, (std::vector<std::string>{"[\"4\",\"400\"]"}));
}

}  // namespace
}  // namespace s3c::formats::parquet

namespace s3c::formats::parquet {
namespace {

std::shared_ptr<RecordBatch> StatsBatch() {
  using namespace s3c::columnar;  // NOLINT
  Int32Builder i32;
  for (int v : {-5, 3, 0, 7}) i32.Append(v);
  UInt64Builder u64;
  for (uint64_t v : {uint64_t{0}, std::numeric_limits<uint64_t>::max(), uint64_t{5}, uint64_t{9}}) {
    u64.Append(v);
  }
  UInt32Builder u32;
  for (uint32_t v : {1u, 4'000'000'000u, 2u, 3u}) u32.Append(v);
  StringBuilder s;
  s.Append("b");
  s.Append("a");
  s.Append("\xc3\xa9");  // é sorts after ASCII byte-wise
  s.AppendNull();
  Float64Builder f64;
  for (double v : {0.0, 1.5, std::nan(""), 0.25}) f64.Append(v);
  Float32Builder f32;
  for (float v : {-0.0f, -1.0f, -0.5f}) f32.Append(v);
  f32.AppendNull();
  Decimal128Builder dec(Decimal128(30, 4));
  for (int64_t v : {-123400, 50000, 0, 7}) dec.Append(v);
  Int64Builder allnull;
  allnull.AppendNulls(4);
  auto schema = MakeSchema({Field("i32", Int32()), Field("u64", UInt64()), Field("u32", UInt32()),
                            Field("s", String()), Field("f64", Float64()), Field("f32", Float32()),
                            Field("dec", Decimal128(30, 4)), Field("allnull", Int64())});
  return *RecordBatch::Make(
      schema, {*i32.Finish(), *u64.Finish(), *u32.Finish(), *s.Finish(), *f64.Finish(),
               *f32.Finish(), *dec.Finish(), *allnull.Finish()});
}

TEST(ParquetWriterDuckDb, StatisticsInLogicalOrder) {
  S3C_REQUIRE_DUCKDB();
  for (bool dictionary : {true, false}) {
    ParquetWriteOptions o;
    o.dictionary = dictionary;
    auto f = Write("stats", {StatsBatch()}, o);
    auto r = testing::DuckDbQuery(
        fmt::format("SELECT path_in_schema, stats_min_value, stats_max_value, stats_null_count, "
                    "stats_min IS NOT NULL FROM parquet_metadata({}) ORDER BY column_id",
                    SqlQuote(f.path)));
    ASSERT_TRUE(r.ok()) << r.status().ToString();
    EXPECT_EQ(r->rows, (std::vector<std::string>{
                           "[\"i32\",\"-5\",\"7\",\"0\",true]",
                           "[\"u64\",\"0\",\"18446744073709551615\",\"0\",false]",
                           "[\"u32\",\"1\",\"4000000000\",\"0\",false]",
                           "[\"s\",\"a\",\"é\",\"1\",false]",
                           "[\"f64\",\"-0.0\",\"1.5\",\"0\",true]",
                           "[\"f32\",\"-1.0\",\"0.0\",\"1\",true]",
                           "[\"dec\",\"-12.3400\",\"5.0000\",\"0\",false]",
                           "[\"allnull\",null,null,\"4\",false]",
                       }));
  }
}

}  // namespace
}  // namespace s3c::formats::parquet
