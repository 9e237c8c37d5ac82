// The listed exceptions of the Parquet corpus test (parquet_corpus_test.cc), each with its
// reason. Every entry is checked: an entry that no longer applies (DuckDB reads a stand-in's
// file, fails with another error, or a type exception is never needed) fails the test.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "support/duckdb_oracle.h"
#include "support/duckdb_types.h"

namespace s3c::formats::parquet {

// More than 2 GiB of strings in one column chunk: LargeStringMapEqualsDuckDb compares it.
inline constexpr char kLargeStringMap[] = "large_string_map.brotli.parquet";

// Files whose page checksums are deliberately wrong (parquet-testing README): DuckDB does not
// check CRCs, s3c refuses them by default and is compared with verify_page_crc off.
inline const std::set<std::string> kCorruptChecksum = {
    "datapage_v1-corrupt-checksum.parquet",
    "rle-dict-uncompressed-corrupt-checksum.parquet",
};

// DuckDB reads the GEOMETRY and GEOGRAPHY columns of geospatial/ into its GEOMETRY type, whose
// values the node binding cannot convert (this error). Such files are compared through a
// projection with st_aswkb(column): the WKB bytes the file stores, which s3c reads as binary
// (it has no geometry type; the logical type annotates WKB in a BYTE_ARRAY).
inline constexpr char kGeometryError[] = "Unexpected type id";

// SELECT of every column of `path` with each GEOMETRY column as st_aswkb (under its own name);
// nullopt when no column is GEOMETRY.
inline std::optional<std::string> WkbProjection(const std::string& path,
                                                const std::vector<testing::OracleColumn>& columns) {
  std::string select;
  bool any = false;
  for (const testing::OracleColumn& c : columns) {
    const std::string name = testing::SqlIdentifier(c.name);
    // GEOMETRY, or GEOMETRY('<crs>') with the column's coordinate reference system.
    const bool geometry = c.type == "GEOMETRY" || c.type.starts_with("GEOMETRY(");
    any |= geometry;
    select +=
        (select.empty() ? "" : ", ") + (geometry ? "st_aswkb(" + name + ") AS " + name : name);
  }
  if (!any) return std::nullopt;
  return "SELECT " + select + " FROM read_parquet(" + testing::SqlQuote(path) + ")";
}

// Files DuckDB cannot read, each compared with a query whose rows and types DuckDB gives and
// that hold the file's data. `duckdb_error` must still be part of DuckDB's error on the file.
struct StandIn {
  std::string duckdb_error;
  std::string sql;  // "{dir}" stands for the file's folder
  std::string reason;
};

inline std::string StandInSql(const StandIn& s, const std::string& dir) {
  std::string sql = s.sql;
  for (size_t at; (at = sql.find("{dir}")) != std::string::npos;) {
    sql.replace(at, 5, dir);
  }
  return sql;
}

inline const std::map<std::string, StandIn> kStandIns = {
    {"byte_stream_split_extended.gzip.parquet",
     {"BYTE_STREAM_SPLIT encoding is only supported for FLOAT or DOUBLE data",
      "SELECT float16_plain, float16_plain AS float16_byte_stream_split, float_plain, "
      "float_plain AS float_byte_stream_split, double_plain, double_plain AS "
      "double_byte_stream_split, int32_plain, int32_plain AS int32_byte_stream_split, "
      "int64_plain, int64_plain AS int64_byte_stream_split, flba5_plain, flba5_plain AS "
      "flba5_byte_stream_split, decimal_plain, decimal_plain AS decimal_byte_stream_split FROM "
      "read_parquet('{dir}/byte_stream_split_extended.gzip.parquet')",
      "DuckDB decodes BYTE_STREAM_SPLIT only for FLOAT and DOUBLE; each *_byte_stream_split "
      "column holds the values of its PLAIN twin (parquet-testing README), which DuckDB reads"}},
    {"hadoop_lz4_compressed.parquet",
     {"Unsupported compression codec \"LZ4\"",
      "SELECT * FROM read_parquet('{dir}/lz4_raw_compressed.parquet')",
      "DuckDB has no LZ4 (Hadoop-framed) codec; the file holds the rows of "
      "lz4_raw_compressed.parquet (LZ4_RAW)"}},
    {"hadoop_lz4_compressed_larger.parquet",
     {"Unsupported compression codec \"LZ4\"",
      "SELECT * FROM read_parquet('{dir}/lz4_raw_compressed_larger.parquet')",
      "DuckDB has no LZ4 (Hadoop-framed) codec; the file holds the rows of "
      "lz4_raw_compressed_larger.parquet (LZ4_RAW)"}},
    {"non_hadoop_lz4_compressed.parquet",
     {"Unsupported compression codec \"LZ4\"",
      "SELECT * FROM read_parquet('{dir}/lz4_raw_compressed.parquet')",
      "DuckDB has no LZ4 codec (this file's blocks are raw LZ4 without Hadoop framing); it "
      "holds the rows of lz4_raw_compressed.parquet (LZ4_RAW)"}},
    {"map_no_value.parquet",
     {"MAP_KEY_VALUE requires two children",
      "SELECT * FROM (VALUES (MAP {1: NULL::INTEGER, 2: NULL, 3: NULL}, [1, 2, 3], [1, 2, 3]), "
      "(MAP {4: NULL::INTEGER, 5: NULL, 6: NULL}, [4, 5, 6], [4, 5, 6]), "
      "(MAP {7: NULL::INTEGER, 8: NULL, 9: NULL}, [7, 8, 9], [7, 8, 9])) "
      "t(my_map, my_map_no_v, my_list)",
      "DuckDB rejects a MAP whose key_value group has no value field; the rows are those "
      "map_no_value.md gives (the MAP without values read as the list of its keys)"}},
};

// s3c and DuckDB types that differ on purpose (duckdb_types.h).
inline const std::vector<testing::TypeException> kTypeExceptions = {
    {"timestamp[us, tz=UTC]", "TIMESTAMP",
     "the legacy converted type TIMESTAMP_MICROS without a logical type (nested_structs.rust): "
     "LogicalTypes.md makes it TIMESTAMP(isAdjustedToUTC=true, MICROS), an instant, which s3c "
     "follows; DuckDB reads it as a TIMESTAMP without time zone"},
    {"null", "INTEGER",
     "an INT32 leaf with the UNKNOWN (always null) logical type (null_list): s3c reads the "
     "logical type, the null type; DuckDB reads the physical type"},
};

}  // namespace s3c::formats::parquet
