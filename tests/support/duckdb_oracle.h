// DuckDB (npm @duckdb/node-api, pinned in tests/oracle/package-lock.json) as an independent
// oracle for the format tests: the same file read by s3c and by DuckDB must give the same rows.
//
// Queries run in a node process (tests/oracle/duckdb_rows.mjs) with one in-memory DuckDB and
// `SET threads=1` in force at the start of every query. Results come back in the CANONICAL row
// form below, which CanonicalRows() also builds for s3c batches, so comparing two row lists is
// comparing strings and no value formatting can differ between the two sides.
//
// CANONICAL form: each row is the text of one JSON array with one element per column:
//   null                      -> null
//   bool                      -> true / false
//   every integer type, hugeint -> JSON string of the decimal digits: "-12"
//   decimal(p, s)             -> string with exactly s digits after the point: "-1.50", "0.00"
//                                (a negative scale has no point: "12300")
//   float32, float64          -> "f:" + 16 lowercase hex digits of the IEEE-754 binary64 bits
//                                (float32 widened to double first; every NaN is "f:nan")
//   string / varchar / enum   -> JSON string (escaped as s3c::AppendJsonString does)
//   binary / blob             -> "x:" + lowercase hex of the bytes
//   uuid                      -> its text "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"
//   date                      -> "d:" + days since 1970-01-01
//   time (any unit)           -> "t:" + microseconds since midnight; a sub-microsecond rest
//                                follows as ".nnn" (time64[ns], DuckDB TIME_NS)
//   timestamp (any unit, any time zone; DuckDB TIMESTAMP_S/_MS/_NS, TIMESTAMP, TIMESTAMPTZ)
//                             -> "ts:" + nanoseconds since the epoch (UTC) as decimal digits
//   list (DuckDB LIST, ARRAY) -> JSON array of the items
//   struct                    -> JSON array of the members in field order
//   map                       -> JSON array of [key, value] pairs in entry order
// Types without an s3c counterpart (INTERVAL, TIME WITH TIME ZONE, UNION, BIT) come back as
// DuckDB's own text.
#pragma once

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "s3c/columnar/array.h"
#include "s3c/columnar/record_batch.h"
#include "s3c/common/status.h"

namespace s3c::testing {

struct OracleColumn {
  std::string name;
  std::string type;  // DuckDB's type text: "BIGINT", "DECIMAL(10,2)", "VARCHAR[]"
};

struct OracleTable {
  std::vector<OracleColumn> columns;
  std::vector<std::string> rows;  // canonical row texts, in result order
};

// True when node and the pinned @duckdb/node-api package work (checked once per process by
// running one query); otherwise `why` says what is missing and how to install it.
bool DuckDbAvailable(std::string* why);
// True when $S3C_REQUIRE_DUCKDB=1 (make test sets it): a missing oracle then fails tests.
bool DuckDbRequired();

// Runs one query. A DuckDB error is InvalidArgument with DuckDB's message; a broken node
// process is Unavailable.
Result<OracleTable> DuckDbQuery(const std::string& sql);
// Runs many queries in one node process (startup costs ~0.2 s); one result per query, in order.
std::vector<Result<OracleTable>> DuckDbQueries(const std::vector<std::string>& sqls);

// `text` as a SQL string literal: 'it''s'. For file paths and values in generated SQL.
std::string SqlQuote(std::string_view text);
// `name` as a SQL identifier: "a ""b""" (as DuckDB also spells struct field names in types).
std::string SqlIdentifier(std::string_view name);

// The canonical rows of s3c batches (same texts DuckDbQuery returns for equal values).
std::vector<std::string> CanonicalRows(const columnar::RecordBatch& batch);
std::vector<std::string> CanonicalRows(
    const std::vector<std::shared_ptr<columnar::RecordBatch>>& batches);
// The canonical JSON text of element i of `array`.
std::string CanonicalValue(const columnar::Array& array, int64_t i);

// The top-level elements of one canonical row as JSON texts ("[\"1\",null]" -> "\"1\"", "null").
std::vector<std::string> SplitCanonicalRow(std::string_view row);

// Empty when the lists are equal; otherwise a readable report: the row counts when they differ
// and, for the first `max_differences` differing rows, the 1-based row number, each differing
// column (by name when `column_names` has it) and both values.
std::string DescribeRowDifferences(const std::vector<std::string>& expected,
                                   const std::vector<std::string>& actual,
                                   const std::vector<std::string>& column_names = {},
                                   size_t max_differences = 10);

// For EXPECT_TRUE / ASSERT_TRUE: success when equal, else the report above.
::testing::AssertionResult RowsEqual(const std::vector<std::string>& duckdb_rows,
                                     const std::vector<std::string>& s3c_rows,
                                     const std::vector<std::string>& column_names = {});

// Column names of a DuckDB result, for DescribeRowDifferences.
std::vector<std::string> ColumnNames(const OracleTable& table);

}  // namespace s3c::testing

// Skips the test with the reason when the oracle is missing, or fails it when
// $S3C_REQUIRE_DUCKDB=1 (so `make test` cannot silently turn differential tests into skips).
#define S3C_REQUIRE_DUCKDB()                                   \
  do {                                                         \
    std::string s3c_duckdb_why_;                               \
    if (!::s3c::testing::DuckDbAvailable(&s3c_duckdb_why_)) {  \
      if (::s3c::testing::DuckDbRequired()) {                  \
        FAIL() << "S3C_REQUIRE_DUCKDB=1: " << s3c_duckdb_why_; \
      }                                                        \
      GTEST_SKIP() << s3c_duckdb_why_;                         \
    }                                                          \
  } while (0)
