// The read settings that `s3c read`, `s3c schema`, `s3c convert` and a pipeline file's sources
// share: format, compression, projection, CSV dialect, text and JSON switches, schema,
// inference budget, the bad-record policy, and reading a lake (row filter, partitions, listing
// filters and limits, the parallel scan). docs/cli.md and docs/pipelines.md list them.
//
// Kept as text, with the vocabulary's default words (option_names.h), exactly as a person gave
// them: a CLI flag and a pipeline key set the same field (the key is the flag without its
// dashes, '-' -> '_'), and the builders below turn them into the library's options with the
// same messages, naming the setting through SettingNames ("--header: ..." on the CLI,
// "header: ..." in a file, which adds the key's position).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "s3c/common/clock.h"
#include "s3c/dataset/dataset_reader.h"
#include "s3c/dataset/lake_read.h"
#include "s3c/formats/option_names.h"
#include "s3c/pipeline/setting_names.h"

namespace s3c::pipeline {

struct ReadSettings {
  std::string format;         // "" = from the name and content
  std::string compression;    // "" = detected from magic bytes, then the name
  std::string columns;        // "a,b"
  // CSV / TSV dialect
  std::string delimiter;
  std::string quote;
  std::string escape;
  std::string header{formats::kDefaultHeaderMode};
  int64_t skip_rows = 0;
  std::string comment;
  std::vector<std::string> null_strings;  // key "null"
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
  // Lake: row filter, partitions, listing filters and limits (lake_settings.cc)
  std::string where;
  std::string partitioning = "hive";  // hive | none | a template
  std::string partition_types;        // "day:date,hour:int"
  std::vector<std::string> exclude;   // globs
  std::string regex;
  std::string min_size, max_size;     // byte sizes ("10MiB")
  std::string modified_after, modified_before;  // dates, timestamps or ages ("7d")
  int64_t max_files = -1;
  std::string max_bytes;
  // Cost limits, judged on the source's plan before any data is read (run_plan.h:
  // CheckPlanLimits); negative = none. Only a pipeline run judges them.
  int64_t max_requests = -1;
  double max_cost_usd = -1;
  // Lake: the parallel scan (0 = the default of dataset::ParallelReadOptions)
  int objects_in_flight = 0;
  int decode_threads = 0;
  std::string memory;                 // byte size ("512MiB")
  bool unordered = false;
  // Commits: read every object of a prefix, also one that holds commit records
  bool ignore_commits = false;
};

// The dataset options the settings give, InvalidArgument naming the setting (through `names`)
// when a value is not accepted; the first error in the order of the fields above. The
// quarantine callback is not set here (the caller owns the quarantine writer).
Result<dataset::DatasetReadOptions> BuildReadOptions(const ReadSettings& settings,
                                                     const SettingNames& names);

// The filter's syntax, before any request (its columns are bound once the schema is known):
// InvalidArgument "<where's name>: expected ... at LINE:COLUMN ..." for text that does not
// parse, recorded against `key` (a source's and a pipeline's `where`, the CLI's --where).
Status CheckWhereSyntax(const std::string& where, const SettingNames& names,
                        std::string_view key = "where");

// BuildReadOptions plus the lake settings and the columns; `now` fixes now() / current_date
// and the ages of modified_after / modified_before for the run.
Result<dataset::LakeReadOptions> BuildLakeReadOptions(const ReadSettings& settings, WallTime now,
                                                      const SettingNames& names);

}  // namespace s3c::pipeline
