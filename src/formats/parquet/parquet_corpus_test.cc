// Differential test over the parquet-testing corpus: every data file is read completely by
// s3c and by DuckDB (tests/oracle, one node process for all files) and the canonical rows must
// be equal; encrypted files give the "encrypted Parquet is not supported" error; files with a
// *_expect.csv beside them also match it. The bad_data files must fail wherever DuckDB fails.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "formats/parquet/parquet_test_files.h"
#include "support/duckdb_oracle.h"
#include "support/corpus.h"

namespace s3c::formats::parquet {
namespace {

namespace fs = std::filesystem;

// Files s3c does not read, each with its reason. They must fail with a clear error naming the
// file (never crash); the entry's text must appear in the error message.
const std::map<std::string, std::string> kUnsupported = {};

// Files where DuckDB itself is not a usable oracle, with the reason; s3c must read them (or
// fail cleanly) without crashing, and is not compared.
const std::map<std::string, std::string> kNoOracle = {};

// Files s3c reads with a documented difference from DuckDB; only the row count is compared.
const std::map<std::string, std::string> kKnownDifferences = {};

// Files whose page checksums are deliberately wrong (parquet-testing README).
const std::set<std::string> kCorruptChecksum = {
    "datapage_v1-corrupt-checksum.parquet",
    "rle-dict-uncompressed-corrupt-checksum.parquet",
};

bool IsEncrypted(const std::string& path) {
  return path.size() > 10 && path.compare(path.size() - 10, 10, ".encrypted") == 0;
}

// ---- *_expect.csv ----

std::vector<std::vector<std::string>> ParseCsv(const std::string& text,
                                               std::vector<std::vector<bool>>* quoted) {
  std::vector<std::vector<std::string>> rows;
  std::vector<std::string> row;
  std::vector<bool> row_quoted;
  std::string field;
  bool in_quotes = false, was_quoted = false, any = false;
  auto end_field = [&] {
    row.push_back(field);
    row_quoted.push_back(was_quoted);
    field.clear();
    was_quoted = false;
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    any = true;
    if (in_quotes) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        field += '"';
        ++i;
      } else if (c == '"') {
        in_quotes = false;
      } else {
        field += c;
      }
    } else if (c == '"') {
      in_quotes = was_quoted = true;
    } else if (c == ',') {
      end_field();
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_field();
      rows.push_back(std::move(row));
      quoted->push_back(std::move(row_quoted));
      row.clear();
      row_quoted.clear();
      any = false;
    } else {
      field += c;
    }
  }
  if (any) {
    end_field();
    rows.push_back(std::move(row));
    quoted->push_back(std::move(row_quoted));
  }
  return rows;
}

// A canonical element ("\"12\"", "\"abc\"", null) as the plain text a CSV holds; nullopt for
// null.
std::optional<std::string> PlainText(const std::string& json) {
  if (json == "null") return std::nullopt;
  if (json.size() < 2 || json.front() != '"') return json;
  std::string out;
  for (size_t i = 1; i + 1 < json.size(); ++i) {
    if (json[i] == '\\' && i + 2 < json.size()) {
      const char e = json[++i];
      out += e == 'n' ? '\n' : e == 't' ? '\t' : e;
    } else {
      out += json[i];
    }
  }
  return out;
}

void CompareWithExpectCsv(const std::string& csv_path, const FileReadOutcome& read) {
  std::ifstream in(csv_path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  std::vector<std::vector<bool>> quoted;
  auto rows = ParseCsv(ss.str(), &quoted);
  ASSERT_FALSE(rows.empty());
  ASSERT_EQ(static_cast<int64_t>(rows.size() - 1), read.rows);
  ASSERT_EQ(rows[0].size(), static_cast<size_t>(read.schema->num_fields()));
  // Columns match by position: the CSV headers are not always the file's names (one has
  // " c_customer_id" for c_customer_id, another "c_birth_day" for "c_birth_day:").
  size_t r = 1;
  int differences = 0;
  for (const auto& batch : read.batches) {
    for (int64_t i = 0; i < batch->num_rows(); ++i, ++r) {
      for (int c = 0; c < batch->num_columns(); ++c) {
        const auto want = (rows[r][static_cast<size_t>(c)].empty() && !quoted[r][c])
                              ? std::nullopt
                              : std::optional<std::string>(rows[r][static_cast<size_t>(c)]);
        const auto got = PlainText(testing::CanonicalValue(*batch->column(c), i));
        if (want != got && ++differences <= 10) {
          ADD_FAILURE() << csv_path << " row " << r << " column " << rows[0][c] << ": expected "
                        << want.value_or("null") << ", s3c read " << got.value_or("null");
        }
      }
    }
  }
}

TEST(ParquetCorpusTest, EveryDataFileEqualsDuckDb) {
  S3C_CORPUS_DIR_OR_SKIP(dir, "parquet-testing/data");
  S3C_REQUIRE_DUCKDB();
  const std::vector<std::string> files = ListParquetFiles(dir);
  ASSERT_GT(files.size(), 50u);

  std::vector<std::string> plain;
  std::vector<std::string> queries;
  for (const std::string& f : files) {
    if (IsEncrypted(f)) {
      SCOPED_TRACE(f);
      FileReadOutcome out = ReadWholeFile(f);
      EXPECT_EQ(out.status.code(), StatusCode::kInvalidArgument) << out.status.ToString();
      EXPECT_NE(out.status.message().find("encrypted Parquet is not supported"), std::string::npos)
          << out.status.ToString();
      continue;
    }
    plain.push_back(f);
    queries.push_back("SELECT * FROM read_parquet(" + testing::SqlQuote(f) + ")");
  }
  const auto oracle = testing::DuckDbQueries(queries);
  ASSERT_EQ(oracle.size(), plain.size());

  int equal = 0, unsupported = 0, no_oracle = 0, known = 0;
  std::vector<std::string> duckdb_failed;
  for (size_t i = 0; i < plain.size(); ++i) {
    const std::string& path = plain[i];
    const std::string name = fs::path(path).filename().string();
    SCOPED_TRACE(path);
    FileReadOutcome read = ReadWholeFile(path);
    if (auto it = kUnsupported.find(name); it != kUnsupported.end()) {
      ++unsupported;
      EXPECT_FALSE(read.status.ok()) << "listed as unsupported but reads: update kUnsupported";
      EXPECT_NE(read.status.message().find(name), std::string::npos) << read.status.ToString();
      continue;
    }
    if (kNoOracle.count(name)) {
      ++no_oracle;
      continue;
    }
    if (!oracle[i].ok()) {
      // DuckDB cannot read it: only "no crash" (we got here) is checked.
      duckdb_failed.push_back(name + " (" + oracle[i].status().message().substr(0, 120) + ")");
      continue;
    }
    if (kCorruptChecksum.count(name)) {
      // DuckDB does not verify page CRCs: we must refuse by default and match without it.
      EXPECT_EQ(read.status.code(), StatusCode::kDataLoss) << read.status.ToString();
      EXPECT_NE(read.status.message().find("CRC"), std::string::npos) << read.status.ToString();
      ParquetReadOptions no_crc;
      no_crc.verify_page_crc = false;
      read = ReadWholeFile(path, no_crc);
    }
    if (!read.status.ok()) {
      ADD_FAILURE() << read.status.ToString();
      continue;
    }
    const auto rows = testing::CanonicalRows(read.batches);
    if (kKnownDifferences.count(name)) {
      ++known;
      EXPECT_EQ(rows.size(), oracle[i]->rows.size());
      continue;
    }
    const auto result = testing::RowsEqual(oracle[i]->rows, rows, testing::ColumnNames(*oracle[i]));
    EXPECT_TRUE(result);
    if (result) ++equal;
    std::string csv = path.substr(0, path.size() - 8) + "_expect.csv";
    if (fs::exists(csv)) CompareWithExpectCsv(csv, read);
  }
  std::cout << "[ corpus ] " << equal << " of " << plain.size()
            << " unencrypted files equal DuckDB; " << unsupported << " unsupported, " << no_oracle
            << " without oracle, " << known << " with a known difference, " << duckdb_failed.size()
            << " DuckDB cannot read:";
  for (const auto& f : duckdb_failed) std::cout << "\n  " << f;
  std::cout << std::endl;
}

TEST(ParquetCorpusTest, BadDataFailsWhereDuckDbFails) {
  S3C_CORPUS_DIR_OR_SKIP(dir, "parquet-testing/bad_data");
  S3C_REQUIRE_DUCKDB();
  const std::vector<std::string> files = ListParquetFiles(dir);
  ASSERT_GE(files.size(), 8u);
  std::vector<std::string> queries;
  for (const auto& f : files) {
    queries.push_back("SELECT * FROM read_parquet(" + testing::SqlQuote(f) + ")");
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
    }
  }
}

}  // namespace
}  // namespace s3c::formats::parquet
