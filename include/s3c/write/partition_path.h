// Hive partition folders as s3c writes them (`col=value/`), read back by dataset's Hive
// partitioning (dataset/partitioning.h: every %XX is decoded), by DuckDB (hive_partitioning),
// Spark and Hive.
//
// Escaping follows Hive's FileUtils.escapePathName, which Spark copies: the bytes 0x01-0x1F and
// 0x7F and the characters  " # % ' * / : = ? \ { [ ] ^  become %XX (upper-case hex), and so do
// bytes that are not well-formed UTF-8 (a binary value: S3 keys are UTF-8); everything else,
// UTF-8 included, stays as is. So a value never adds a folder level ('/') nor a second '=' and
// decodes back to itself. A NULL value is written __HIVE_DEFAULT_PARTITION__ (as Hive,
// Spark and DuckDB do); an empty string too, because an empty folder name is not portable
// (Hive and Spark write it so, and read it back as NULL).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace s3c::write {

inline constexpr std::string_view kHiveNullPartition = "__HIVE_DEFAULT_PARTITION__";

// The escaped spelling of a partition value or column name (above).
std::string EscapeHivePathValue(std::string_view value);

// "col=value" for one folder level (no trailing '/'); nullopt or "" = __HIVE_DEFAULT_PARTITION__.
std::string HivePartitionSegment(std::string_view column, const std::optional<std::string>& value);

}  // namespace s3c::write
