// The filter language (s3c::expr) against DuckDB: for seeded tables written as Parquet (by
// s3c's writer; DuckDB must first read back the same rows and types) and a few hundred seeded
// expressions (src/expr/expr_test_gen.h), the rows s3c's filter keeps are exactly the ids of
// DuckDB's `SELECT id FROM read_parquet(..) WHERE <expr> ORDER BY id`.
//
// Where s3c differs from DuckDB on purpose, the difference is a named exception below with its
// reason and an expression that shows it; the generator never produces those constructs, and a
// test asserts each exception still shows a difference (an exception that no longer differs
// must be removed).
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "expr/expr_test_gen.h"
#include "s3c/expr/evaluate.h"
#include "s3c/formats/parquet/parquet_writer.h"
#include "s3c/io/local_file.h"
#include "support/duckdb_oracle.h"
#include "support/rgw_env.h"

namespace s3c::expr {
namespace {

using s3c::testing::DuckDbQueries;
using s3c::testing::SqlQuote;

constexpr int kTables = 4;
constexpr int64_t kRows = 300;
constexpr int kExpressionsPerTable = 100;

struct Table {
  std::string path;
  std::shared_ptr<columnar::RecordBatch> batch;
};

Status WriteParquet(const std::string& path, const columnar::RecordBatch& batch) {
  S3C_ASSIGN_OR_RETURN(auto out, OpenLocalOutput(path));
  formats::parquet::ParquetWriteOptions options;
  options.row_group_rows = 64;  // several row groups, as real files have
  S3C_ASSIGN_OR_RETURN(
      auto writer, formats::parquet::OpenParquetWriter(std::move(out), batch.schema(), options));
  S3C_RETURN_IF_ERROR(writer->Write(batch));
  return writer->Close();
}

std::string Query(const Table& table, const std::string& where) {
  return fmt::format("SELECT id FROM read_parquet({}) WHERE {} ORDER BY id", SqlQuote(table.path),
                     where);
}

// DuckDB's result as row ids ("error: ..." when the query failed).
std::vector<std::string> DuckDbIds(const Result<s3c::testing::OracleTable>& result) {
  if (!result.ok()) return {"error: " + result.status().message()};
  std::vector<std::string> ids;
  for (const std::string& row : result->rows) {
    std::vector<std::string> cells = s3c::testing::SplitCanonicalRow(row);
    ids.push_back(cells.empty() ? row : cells[0].substr(1, cells[0].size() - 2));  // "\"7\""
  }
  return ids;
}

// s3c's kept rows as ids, in the same form.
std::vector<std::string> S3cIds(const Table& table, const std::string& where) {
  auto filter = Filter::Bind(where, *table.batch->schema());
  if (!filter.ok()) return {"error: " + filter.status().message()};
  auto rows = Select(**filter, *table.batch, EvalContext::At(std::chrono::system_clock::now()));
  if (!rows.ok()) return {"error: " + rows.status().message()};
  std::vector<std::string> ids;
  for (int64_t row : *rows) ids.push_back(std::to_string(row));  // id == row number
  return ids;
}

struct Exception {
  const char* name;
  const char* reason;
  const char* example;  // an expression over the generated table that shows the difference
};

const std::vector<Exception> kExceptions = {
    {"decimal_literals",
     "DuckDB types 0.1 as DECIMAL and does exact decimal arithmetic; s3c's literals with a "
     "fraction are doubles (the generator uses only quarters, exact in both)",
     "(3 * 0.1) = 0.3"},
    {"integer_overflow",
     "s3c computes integers in 64 bits and fails on overflow; DuckDB, from the column's "
     "statistics, evaluates a product that may overflow without failing (and widens INTEGER "
     "products to BIGINT)",
     "(i * 922337203685477580) > 0"},
    {"no_short_circuit",
     "DuckDB evaluates the right side of AND only on rows the left side kept; s3c evaluates "
     "every operand on every row, so an operand that fails on some row fails the batch",
     "(f = 1.5) AND (CAST(f AS INTEGER) = 2)"},
    {"duckdb_date_trunc_fold",
     "DuckDB's optimizer rewrites date_trunc(part, x) <> c, for a constant c that is not on a "
     "part boundary, to TRUE -- also where x is NULL, where SQL gives NULL (so CASE takes THEN "
     "and IS NOT NULL holds); s3c keeps three-valued logic",
     "(date_trunc('quarter', d) <> DATE '2023-01-30') IS NOT NULL"},
    {"case_mapping_coverage",
     "s3c's lower/upper/ILIKE map ASCII, Latin-1, Latin Extended-A, Greek and Cyrillic "
     "letters; DuckDB maps every Unicode letter (here Armenian)",
     "lower('Ա') = 'ա'"},
};

class ExprDifferential : public ::testing::Test {
 protected:
  void SetUp() override {
    S3C_REQUIRE_DUCKDB();
    for (int t = 0; t < kTables; ++t) {
      Table table{fmt::format("{}/t{}.parquet", dir_.path(), t),
                  s3c::expr::testing::RandomTable(kRows, 1000 + static_cast<uint64_t>(t))};
      Status written = WriteParquet(table.path, *table.batch);
      ASSERT_TRUE(written.ok()) << written.ToString();
      tables_.push_back(std::move(table));
    }
  }

  s3c::testing::TempDir dir_;
  std::vector<Table> tables_;
};

TEST_F(ExprDifferential, DuckDbReadsTheSameTables) {
  std::vector<std::string> sqls;
  for (const Table& table : tables_) {
    sqls.push_back(fmt::format("SELECT * FROM read_parquet({}) ORDER BY id", SqlQuote(table.path)));
  }
  auto results = DuckDbQueries(sqls);
  ASSERT_EQ(results.size(), tables_.size());
  for (size_t t = 0; t < tables_.size(); ++t) {
    ASSERT_TRUE(results[t].ok()) << results[t].status().ToString();
    EXPECT_TRUE(s3c::testing::RowsEqual(results[t]->rows,
                                        s3c::testing::CanonicalRows(*tables_[t].batch),
                                        s3c::testing::ColumnNames(*results[t])));
  }
}

TEST_F(ExprDifferential, KeptRowsEqualDuckDbWhere) {
  std::vector<std::pair<size_t, std::string>> cases;
  for (size_t t = 0; t < tables_.size(); ++t) {
    testing::ExpressionGenerator generator(77 + t);
    for (int k = 0; k < kExpressionsPerTable; ++k) cases.emplace_back(t, generator.Boolean());
  }
  std::vector<std::string> sqls;
  for (const auto& [t, where] : cases) sqls.push_back(Query(tables_[t], where));
  auto results = DuckDbQueries(sqls);
  ASSERT_EQ(results.size(), cases.size());
  int equal = 0, nonempty = 0, partial = 0;
  for (size_t k = 0; k < cases.size(); ++k) {
    const auto& [t, where] = cases[k];
    std::vector<std::string> expected = DuckDbIds(results[k]);
    std::vector<std::string> actual = S3cIds(tables_[t], where);
    if (expected == actual) {
      ++equal;
    } else {
      ADD_FAILURE() << "table " << t << ": " << where << "\n  DuckDB keeps " << expected.size()
                    << ": " << fmt::format("{}", fmt::join(expected, " ")) << "\n  s3c keeps "
                    << actual.size() << ": " << fmt::format("{}", fmt::join(actual, " "));
    }
    if (!expected.empty()) ++nonempty;
    if (!expected.empty() && expected.size() < static_cast<size_t>(kRows)) ++partial;
  }
  std::cout << equal << " of " << cases.size() << " expressions keep the same rows (" << partial
            << " keep some but not all rows)\n";
  // The generated expressions must exercise the filter: most keep some rows but not all.
  EXPECT_GT(partial, static_cast<int>(cases.size()) / 2);
  EXPECT_GT(nonempty, static_cast<int>(cases.size()) / 2);
}

TEST_F(ExprDifferential, EveryExceptionIsStillNeeded) {
  std::vector<std::string> sqls;
  for (const Exception& e : kExceptions) sqls.push_back(Query(tables_[0], e.example));
  auto results = DuckDbQueries(sqls);
  ASSERT_EQ(results.size(), kExceptions.size());
  for (size_t k = 0; k < kExceptions.size(); ++k) {
    std::vector<std::string> duckdb = DuckDbIds(results[k]);
    std::vector<std::string> s3c = S3cIds(tables_[0], kExceptions[k].example);
    EXPECT_NE(duckdb, s3c) << "exception " << kExceptions[k].name << " (" << kExceptions[k].reason
                           << ") no longer shows a difference: remove it";
  }
}

}  // namespace
}  // namespace s3c::expr
