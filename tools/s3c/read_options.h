// The options `s3c read`, `s3c schema` and `s3c convert` share: format, compression,
// projection, CSV dialect, text and JSON switches, schema, inference budget and the bad-record
// policy (docs/cli.md). Kept as flag text here, with the vocabulary's default words
// (option_names.h); BuildReadOptions maps each to the formats registry's vocabulary and
// prefixes its errors with the flag.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "s3c/common/clock.h"
#include "s3c/dataset/dataset_reader.h"
#include "s3c/dataset/lake_read.h"
#include "s3c/formats/option_names.h"

namespace CLI {
class App;
}

namespace s3c::cli {

struct ReadFlags {
  std::string format;
  std::string compression;
  std::string columns;        // "a,b"
  // CSV / TSV dialect
  std::string delimiter;
  std::string quote;
  std::string escape;
  std::string header{formats::kDefaultHeaderMode};
  int64_t skip_rows = 0;
  std::string comment;
  std::vector<std::string> null_strings;
  std::string encoding{formats::kDefaultTextEncoding};
  std::string invalid_utf8{formats::kDefaultInvalidUtf8Policy};
  std::string ragged{formats::kDefaultRaggedPolicy};
  bool trim = false;
  int threads = formats::kDefaultParseThreads;  // CSV/TSV and JSON Lines
  // Text
  bool skip_empty_lines = false;
  std::string line_numbers;    // column name for line numbers
  // JSON
  bool flatten = false;
  // Parquet
  bool binary_as_string = false;  // unannotated BYTE_ARRAY columns read as string
  // Schema and inference
  std::string schema;          // full user schema (schema_spec.h)
  std::string types;           // partial: types for some columns, the rest inferred
  bool all_strings = false;
  int64_t infer_rows = 1000;
  int64_t infer_files = 8;
  bool infer_decimals = false;
  // Bad records
  std::string bad_records{formats::kDefaultBadRecordPolicy};
  int64_t max_errors = -1;
  double max_error_ratio = 1.0;
  std::string quarantine;      // URI of the JSON Lines file receiving rejected records
  // Lake: row filter, partitions, listing filters and limits (lake_options.cc)
  std::string where;
  std::string partitioning = "hive";  // hive | none | a template
  std::string partition_types;        // "day:date,hour:int"
  std::vector<std::string> exclude;   // globs
  std::string regex;
  std::string min_size, max_size;     // byte sizes ("10MiB")
  std::string modified_after, modified_before;  // dates, timestamps or ages ("7d")
  int64_t max_files = -1;
  std::string max_bytes;
  // Lake: the parallel scan (0 = the default of dataset::ParallelReadOptions)
  int objects_in_flight = 0;
  int decode_threads = 0;
  std::string memory;                 // byte size ("512MiB")
  bool unordered = false;
};

// input_compression_flag: "--compression" for read/schema; convert uses
// "--input-compression" because its --compression names the output's.
void AddReadFlags(CLI::App& cmd, ReadFlags& flags,
                  const std::string& input_compression_flag = "--compression");

// InvalidArgument naming the flag when a value is not accepted. The quarantine callback is
// not set here (the command owns the quarantine writer).
Result<dataset::DatasetReadOptions> BuildReadOptions(const ReadFlags& flags);

// The lake flags (--where, --partitioning, --partition-types, --exclude, --regex, sizes,
// modified times, --max-files, --max-bytes), added by AddReadFlags.
void AddLakeFlags(CLI::App& cmd, ReadFlags& flags);

// BuildReadOptions plus the lake flags and --columns; `now` fixes now() / current_date and the
// ages of --modified-after / --modified-before for the run.
Result<dataset::LakeReadOptions> BuildLakeReadOptions(const ReadFlags& flags, WallTime now);

// `result`, with its error message prefixed by `prefix` (e.g. "--header: "): the library's
// vocabulary errors quote the value, the CLI names the flag.
template <typename T>
Result<T> PrefixError(std::string_view prefix, Result<T> result) {
  if (result.ok()) return result;
  return Status(result.status().code(), std::string(prefix) + result.status().message());
}

// "a, b" -> {"a", "b"}; empty -> {}.
std::vector<std::string> SplitColumns(const std::string& text);

}  // namespace s3c::cli
