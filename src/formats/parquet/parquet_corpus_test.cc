// Differential test over the parquet-testing corpus (data/, recursively): every unencrypted
// file is read completely by s3c and by DuckDB (tests/oracle, one node process for all files)
// and the canonical rows and the column types must be equal. Encrypted files give the
// "encrypted Parquet is not supported" error; files with a *_expect.csv beside them also match
// it. Where DuckDB cannot give the rows of `SELECT *`, a listed rule says what it is compared
// with instead (parquet_corpus_test_rules.h), and every count is exact, so that a file that starts or
// stops being read, by either side, fails the test.
#include <fmt/format.h>
#include <gtest/gtest.h>
#include <sys/resource.h>

#include <chrono>
#include <filesystem>
#include <iostream>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "formats/parquet/parquet_corpus_test_rules.h"
#include "formats/parquet/parquet_corpus_test_expect_csv.h"
#include "formats/parquet/parquet_test_files.h"
#include "s3c/auth/crypto.h"
#include "s3c/columnar/array_binary.h"
#include "s3c/columnar/array_nested.h"
#include "s3c/columnar/array_primitive.h"
#include "s3c/common/strings.h"
#include "support/corpus.h"
#include "support/duckdb_oracle.h"
#include "support/duckdb_types.h"

namespace s3c::formats::parquet {
namespace {

namespace fs = std::filesystem;
using testing::OracleTable;
using testing::SqlQuote;

// The corpus as stored in ../shared/corpora (parquet-testing/data, subfolders included).
constexpr size_t kFiles = 88;
constexpr int kEncrypted = 13;
constexpr int kEqualSelectStar = 59;  // SELECT * rows and types equal (2 of them without CRCs)
constexpr int kEqualThroughWkb = 10;  // geospatial/: GEOMETRY columns as st_aswkb
constexpr int kEqualStandIn = 5;      // kStandIns
constexpr int kLargeStrings = 1;      // compared by LargeStringMapEqualsDuckDb

bool IsEncrypted(const std::string& path) { return path.ends_with(".encrypted"); }

// One file and what its s3c rows are compared with.
struct Comparison {
  std::string path;
  std::string sql;  // DuckDB query giving the expected rows and types
  enum Kind { kSelectStar, kThroughWkb, kStandIn } kind = kSelectStar;
  size_t file = 0;  // index of the file's queries in the first round
};

// Reads `c.path` with s3c and compares rows and types with DuckDB's result; true when equal.
bool CompareWithDuckDb(const Comparison& c, const OracleTable& oracle, std::set<size_t>* used) {
  const std::string name = fs::path(c.path).filename().string();
  FileReadOutcome read = ReadWholeFile(c.path);
  if (kCorruptChecksum.count(name)) {
    // DuckDB does not verify page CRCs: s3c must refuse by default and match without it.
    EXPECT_EQ(read.status.code(), StatusCode::kDataLoss) << read.status.ToString();
    EXPECT_NE(read.status.message().find("CRC"), std::string::npos) << read.status.ToString();
    ParquetReadOptions no_crc;
    no_crc.verify_page_crc = false;
    read = ReadWholeFile(c.path, no_crc);
  }
  if (!read.status.ok()) {
    ADD_FAILURE() << read.status.ToString();
    return false;
  }
  const auto rows = testing::RowsEqual(oracle.rows, testing::CanonicalRows(read.batches),
                                       testing::ColumnNames(oracle));
  const auto types = testing::TypesEqual(oracle.columns, *read.schema, kTypeExceptions, used);
  EXPECT_TRUE(rows) << c.sql;
  EXPECT_TRUE(types) << c.sql;
  const std::string csv = c.path.substr(0, c.path.size() - 8) + "_expect.csv";
  if (fs::exists(csv)) CompareWithExpectCsv(csv, read);
  return rows && types;
}

// How file `path` is compared, from DuckDB's answers to SELECT * and DESCRIBE; nullopt (after
// a test failure) when no rule covers DuckDB's failure.
std::optional<Comparison> PlanComparison(const std::string& path,
                                         const Result<OracleTable>& select_star,
                                         const Result<OracleTable>& describe) {
  const std::string name = fs::path(path).filename().string();
  const auto stand_in = kStandIns.find(name);
  if (select_star.ok()) {
    if (stand_in != kStandIns.end()) {
      ADD_FAILURE() << "DuckDB reads " << name << " now: remove its entry from kStandIns ("
                    << stand_in->second.reason << ")";
    }
    return Comparison{path, "", Comparison::kSelectStar};
  }
  const std::string& error = select_star.status().message();
  if (stand_in != kStandIns.end()) {
    EXPECT_NE(error.find(stand_in->second.duckdb_error), std::string::npos)
        << name << ": DuckDB fails otherwise than kStandIns says: " << error;
    return Comparison{path, StandInSql(stand_in->second, fs::path(path).parent_path().string()),
                      Comparison::kStandIn};
  }
  if (error.find(kGeometryError) != std::string::npos && describe.ok()) {
    if (auto sql = WkbProjection(path, testing::DescribedColumns(*describe))) {
      return Comparison{path, *sql, Comparison::kThroughWkb};
    }
  }
  ADD_FAILURE() << "DuckDB cannot read " << path << " and no rule says why: " << error;
  return std::nullopt;
}

TEST(ParquetCorpusTest, EveryDataFileEqualsDuckDb) {
  S3C_CORPUS_DIR_OR_SKIP(dir, "parquet-testing/data");
  S3C_REQUIRE_DUCKDB();
  const std::vector<std::string> files = ListParquetFiles(dir);
  EXPECT_EQ(files.size(), kFiles);

  int encrypted = 0, large = 0;
  std::vector<std::string> plain;
  std::vector<std::string> queries;  // per plain file: SELECT *, DESCRIBE
  for (const std::string& f : files) {
    SCOPED_TRACE(f);
    if (IsEncrypted(f)) {
      ++encrypted;
      FileReadOutcome out = ReadWholeFile(f);
      EXPECT_EQ(out.status.code(), StatusCode::kInvalidArgument) << out.status.ToString();
      EXPECT_NE(out.status.message().find("encrypted Parquet is not supported"), std::string::npos)
          << out.status.ToString();
    } else if (fs::path(f).filename() == kLargeStringMap) {
      ++large;  // 2 GiB of strings: its own test
    } else {
      plain.push_back(f);
      queries.push_back("SELECT * FROM read_parquet(" + SqlQuote(f) + ")");
      queries.push_back("DESCRIBE SELECT * FROM read_parquet(" + SqlQuote(f) + ")");
    }
  }
  const auto first = testing::DuckDbQueries(queries);
  ASSERT_EQ(first.size(), 2 * plain.size());

  std::vector<Comparison> plans;
  std::vector<std::string> second;  // the queries of the comparisons not through SELECT *
  for (size_t i = 0; i < plain.size(); ++i) {
    SCOPED_TRACE(plain[i]);
    auto plan = PlanComparison(plain[i], first[2 * i], first[2 * i + 1]);
    if (!plan) continue;
    plan->file = i;
    if (plan->kind != Comparison::kSelectStar) second.push_back(plan->sql);
    plans.push_back(std::move(*plan));
  }
  const auto answers = testing::DuckDbQueries(second);
  ASSERT_EQ(answers.size(), second.size());

  int equal[3] = {0, 0, 0};
  std::set<size_t> used;
  size_t next_answer = 0;
  for (const Comparison& c : plans) {
    SCOPED_TRACE(c.path);
    const Result<OracleTable>& oracle =
        c.kind == Comparison::kSelectStar ? first[2 * c.file] : answers[next_answer++];
    if (!oracle.ok()) {
      ADD_FAILURE() << c.sql << ": " << oracle.status().ToString();
      continue;
    }
    if (CompareWithDuckDb(c, *oracle, &used)) ++equal[c.kind];
  }
  EXPECT_EQ(encrypted, kEncrypted);
  EXPECT_EQ(large, kLargeStrings);
  EXPECT_EQ(equal[Comparison::kSelectStar], kEqualSelectStar);
  EXPECT_EQ(equal[Comparison::kThroughWkb], kEqualThroughWkb);
  EXPECT_EQ(equal[Comparison::kStandIn], kEqualStandIn);
  EXPECT_TRUE(testing::EveryExceptionUsed(kTypeExceptions, used));
  std::cout << "[ corpus ] " << files.size() << " files: " << equal[Comparison::kSelectStar]
            << " equal DuckDB's SELECT *, " << equal[Comparison::kThroughWkb]
            << " equal with GEOMETRY as WKB, " << equal[Comparison::kStandIn]
            << " equal a stand-in query (DuckDB cannot read them), " << large
            << " compared by LargeStringMapEqualsDuckDb, " << encrypted << " encrypted"
            << std::endl;
}

// large_string_map.brotli.parquet: two rows of map<string, int32>, each one entry whose key is
// 2^30 bytes, so the column chunk holds over 2 GiB of strings (over int32 offsets): s3c returns
// it in two batches. DuckDB reads it, but a JavaScript string cannot hold one key (V8 strings
// stop at 2^29 - 24 characters), so both sides are compared through each row's entry count,
// key length, key MD5 and value.
TEST(ParquetCorpusTest, LargeStringMapEqualsDuckDb) {
  S3C_CORPUS_DIR_OR_SKIP(dir, "parquet-testing/data");
  S3C_REQUIRE_DUCKDB();
  const std::string path = dir + "/" + kLargeStringMap;
  const std::string file = "read_parquet(" + SqlQuote(path) + ")";
  const auto oracle = testing::DuckDbQueries(
      {"DESCRIBE SELECT * FROM " + file,
       "SELECT cardinality(arr) AS n, strlen(k) AS key_bytes, md5(k) AS key_md5, v FROM "
       "(SELECT arr, map_keys(arr)[1] AS k, map_values(arr)[1] AS v FROM " +
           file + ")"});
  ASSERT_TRUE(oracle[0].ok()) << oracle[0].status().ToString();
  ASSERT_TRUE(oracle[1].ok()) << oracle[1].status().ToString();

  const auto start = std::chrono::steady_clock::now();
  FileReadOutcome read = ReadWholeFile(path);
  ASSERT_TRUE(read.status.ok()) << read.status.ToString();
  const std::chrono::duration<double> took = std::chrono::steady_clock::now() - start;
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);  // this process only: DuckDB ran in a child
  const double cpu = static_cast<double>(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) +
                     static_cast<double>(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6;
  std::cout << "[ large ] s3c read " << read.rows << " rows in " << read.batches.size()
            << " batches in " << took.count() << " s (process CPU so far " << cpu
            << " s); peak RSS " << usage.ru_maxrss / 1024 << " MiB" << std::endl;
  EXPECT_EQ(read.batches.size(), 2u);  // one row each: both keys need 2^31 bytes
  EXPECT_TRUE(testing::TypesEqual(testing::DescribedColumns(*oracle[0]), *read.schema));
  std::vector<std::string> rows;
  for (const auto& batch : read.batches) {
    const auto& map = static_cast<const columnar::MapArray&>(*batch->column(0));
    const auto& keys = static_cast<const columnar::StringArray&>(*map.keys());
    const auto& items = static_cast<const columnar::Int32Array&>(*map.items());
    for (int64_t r = 0; r < batch->num_rows(); ++r) {
      ASSERT_EQ(map.value_length(r), 1);
      const std::string_view key = keys.GetView(map.value_offset(r));
      EXPECT_GT(key.size(), size_t{(1 << 29) - 24});  // the reason no row text is compared
      rows.push_back(fmt::format("[\"1\",\"{}\",\"{}\",\"{}\"]", key.size(), HexEncode(Md5(key)),
                                 items.Value(map.value_offset(r))));
    }
  }
  EXPECT_TRUE(testing::RowsEqual(oracle[1]->rows, rows, testing::ColumnNames(*oracle[1])));
}

TEST(ParquetCorpusTest, BadDataFailsWhereDuckDbFails) {
  S3C_CORPUS_DIR_OR_SKIP(dir, "parquet-testing/bad_data");
  S3C_REQUIRE_DUCKDB();
  const std::vector<std::string> files = ListParquetFiles(dir);
  ASSERT_GE(files.size(), 8u);
  std::vector<std::string> queries;
  for (const auto& f : files) {
    queries.push_back("SELECT * FROM read_parquet(" + SqlQuote(f) + ")");
  }
  const auto oracle = testing::DuckDbQueries(queries);
  ASSERT_EQ(oracle.size(), files.size());
  for (size_t i = 0; i < files.size(); ++i) {
    const std::string name = fs::path(files[i]).filename().string();
    SCOPED_TRACE(name);
    FileReadOutcome read = ReadWholeFile(files[i]);
    std::cout << "[ bad_data ] " << name << ": DuckDB " << (oracle[i].ok() ? "reads it" : "fails")
              << ", s3c " << (read.status.ok() ? "reads it" : read.status.ToString()) << std::endl;
    if (!oracle[i].ok()) {
      EXPECT_FALSE(read.status.ok())
          << "s3c reads a file DuckDB rejects (" << oracle[i].status().message() << ")";
    } else if (read.status.ok()) {
      EXPECT_TRUE(testing::RowsEqual(oracle[i]->rows, testing::CanonicalRows(read.batches)));
      EXPECT_TRUE(testing::TypesEqual(oracle[i]->columns, *read.schema, kTypeExceptions));
    }
  }
}

}  // namespace
}  // namespace s3c::formats::parquet
