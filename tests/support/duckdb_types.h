// Column TYPES in the DuckDB differential tests: the rows of duckdb_oracle.h compare values
// only (an int32 and an int64 column holding 7 give the same canonical "7"), so the tests also
// compare each column's type: s3c's columnar type, spelled as DuckDB spells types, against the
// type text DuckDB's result gives (OracleColumn::type).
//
// The spelling is the type DuckDB gives the same Arrow type when it imports it:
//   bool BOOLEAN; int8..int64 TINYINT SMALLINT INTEGER BIGINT; uint8..uint64 UTINYINT USMALLINT
//   UINTEGER UBIGINT; float32 FLOAT; float64 DOUBLE; decimal128(p, s) DECIMAL(p,s);
//   string, large_string VARCHAR; binary BLOB; date32 DATE; time32[s|ms], time64[us] TIME;
//   time64[ns] TIME_NS; timestamp[s|ms|us|ns] TIMESTAMP_S TIMESTAMP_MS TIMESTAMP TIMESTAMP_NS;
//   timestamp with any time zone TIMESTAMP WITH TIME ZONE; null "NULL";
//   list<T> T[]; struct STRUCT("a" T, "b" U) (names in double quotes, '"' doubled);
//   map<K, V> MAP(K, V).
//
// Where the two sides differ on purpose, a test lists the difference as a TypeException with its
// reason; an exception replaces the spelling of s3c's (sub)type wherever it occurs, and a test
// asserts that each of its exceptions was needed (an exception that no longer applies fails).
#pragma once

#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "s3c/columnar/data_type.h"
#include "s3c/columnar/schema.h"
#include "support/duckdb_oracle.h"

namespace s3c::testing {

struct TypeException {
  std::string s3c;     // s3c's type as DataType::ToString gives it: "timestamp[ns, tz=UTC]"
  std::string duckdb;  // what DuckDB calls that data instead: "TIMESTAMP WITH TIME ZONE"
  std::string reason;  // why the two differ
};

// DuckDB's spelling of `type` (see above), with the `exceptions` whose s3c text equals a
// (sub)type's ToString() spelled as their `duckdb` text; the index of each exception applied is
// added to `applied` (may be nullptr).
std::string DuckDbTypeName(const columnar::DataType& type,
                           const std::vector<TypeException>& exceptions = {},
                           std::set<size_t>* applied = nullptr);

// Success when every column of `duckdb` has s3c's field at the same position with the same
// name and DuckDbTypeName(field type, exceptions) equal to DuckDB's type; else a report of every
// differing column. The exceptions applied to columns that then compared equal are added to
// `used` (may be nullptr).
::testing::AssertionResult TypesEqual(const std::vector<OracleColumn>& duckdb,
                                      const columnar::Schema& s3c,
                                      const std::vector<TypeException>& exceptions = {},
                                      std::set<size_t>* used = nullptr);

// The columns a `DESCRIBE <query>` result lists (its column_name and column_type), for a query
// whose own rows the binding cannot return.
std::vector<OracleColumn> DescribedColumns(const OracleTable& describe);

// Success when every exception's index is in `used`; else names the ones never needed.
::testing::AssertionResult EveryExceptionUsed(const std::vector<TypeException>& exceptions,
                                              const std::set<size_t>& used);

}  // namespace s3c::testing
