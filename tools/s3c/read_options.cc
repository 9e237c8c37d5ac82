// The CLI11 binding of the read settings (read_options.h): AddReadFlags, AddLakeFlags, and the
// builders with the settings named as flags.
#include "read_options.h"

#include <CLI/CLI.hpp>

#include "s3c/formats/option_names.h"

namespace s3c::cli {

void AddReadFlags(CLI::App& cmd, ReadFlags& f, const std::string& input_compression_flag) {
  cmd.add_option("--format", f.format, "csv, tsv, json, jsonl, parquet or text (default: from the name)");
  cmd.add_option(input_compression_flag, f.compression,
                 "Input compression: gzip, bzip2, xz, zstd, lz4, snappy, zip, none (default: "
                 "detected from magic bytes, then the name)");
  cmd.add_option("--columns", f.columns, "Read only these columns: a,b,c");
  auto* g = cmd.add_option_group("CSV/TSV");
  g->add_option("--delimiter", f.delimiter, "One character; 'tab' or '\\t' for a tab");
  g->add_option("--quote", f.quote, "Quote character ('none' disables quoting)");
  g->add_option("--escape", f.escape, "Escape character, e.g. '\\' (default: doubled quotes)");
  g->add_option("--header", f.header, std::string(formats::kHeaderModeWords))
      ->capture_default_str();
  g->add_option("--skip-rows", f.skip_rows, "Lines to drop before the header");
  g->add_option("--comment", f.comment, "Lines starting with this are skipped");
  // One value per --null (repeat the flag): a greedy list would swallow the URI after it.
  g->add_option("--null", f.null_strings, "A text that means null (repeatable; default: empty)")
      ->allow_extra_args(false);
  g->add_option("--encoding", f.encoding, std::string(formats::kTextEncodingWords))
      ->capture_default_str();
  g->add_option("--invalid-utf8", f.invalid_utf8, std::string(formats::kInvalidUtf8PolicyWords))
      ->capture_default_str();
  g->add_option("--ragged", f.ragged,
                "Rows with too many/few fields: " + std::string(formats::kRaggedPolicyWords))
      ->capture_default_str();
  g->add_flag("--trim", f.trim, "Strip spaces around unquoted fields");
  cmd.add_option("--threads", f.threads, std::string(formats::kParseThreadsHelp))
      ->capture_default_str();
  auto* t = cmd.add_option_group("Text, JSON and Parquet");
  t->add_flag("--skip-empty-lines", f.skip_empty_lines, "Text: drop empty lines");
  t->add_option("--line-numbers", f.line_numbers, "Text: add a line-number column of this name");
  t->add_flag("--flatten", f.flatten, "JSON: nested objects become dotted columns");
  t->add_flag("--binary-as-string", f.binary_as_string,
              "Parquet: read binary columns without a string annotation (older Spark, Impala) "
              "as text");
  auto* s = cmd.add_option_group("Schema");
  s->add_option("--schema", f.schema, "Every column: 'id:int64, name:string, at:timestamp[ms]'");
  s->add_option("--types", f.types, "Types for some columns; the others are inferred");
  s->add_flag("--all-strings", f.all_strings, "Read every column as text");
  s->add_option("--infer-rows", f.infer_rows, "Rows sampled per file for inference (-1 = all)")
      ->capture_default_str();
  s->add_option("--infer-files", f.infer_files, "Files whose schemas are united (-1 = all)")
      ->capture_default_str();
  s->add_flag("--infer-decimals", f.infer_decimals, "Infer decimal(p,s) instead of double");
  auto* b = cmd.add_option_group("Bad records");
  b->add_option("--bad-records", f.bad_records, std::string(formats::kBadRecordPolicyWords))
      ->capture_default_str();
  b->add_option("--max-errors", f.max_errors, "Fail after this many rejected rows (-1 = no limit)");
  b->add_option("--max-error-ratio", f.max_error_ratio, "Fail when rejected/read exceeds this");
  b->add_option("--quarantine", f.quarantine, "JSON Lines file or object for rejected rows");
  AddLakeFlags(cmd, f);
}

void AddLakeFlags(CLI::App& cmd, ReadFlags& f) {
  auto* g = cmd.add_option_group("Lake: filter, partitions, listing");
  g->add_option("--where", f.where,
                "Keep rows where this SQL condition is true; also prunes partitions and "
                "Parquet row groups: \"dt >= '2024-03-01' AND amount > 10\"");
  g->add_option("--partitioning", f.partitioning,
                "hive (key=value folders), none, or a template such as '{year}/{month}/{day}'")
      ->capture_default_str();
  g->add_option("--partition-types", f.partition_types,
                "Types of partition columns: 'day:date,hour:int' (int, date, timestamp, string)");
  // One glob per --exclude (repeat the flag): a greedy list would swallow the URI after it.
  g->add_option("--exclude", f.exclude, "Skip keys matching this glob (repeatable)")
      ->allow_extra_args(false);
  g->add_option("--regex", f.regex, "Read only keys this regular expression (RE2) finds");
  g->add_option("--min-size", f.min_size, "Skip objects smaller than this (e.g. 1KiB)");
  g->add_option("--max-size", f.max_size, "Skip objects larger than this (e.g. 5GiB)");
  g->add_option("--modified-after", f.modified_after,
                "Only objects modified after this: 2024-03-05, 2024-03-05T10:00:00Z or 7d (ago)");
  g->add_option("--modified-before", f.modified_before, "Only objects modified before this");
  g->add_option("--max-files", f.max_files,
                "Fail before reading if the listing finds more objects than this");
  g->add_option("--max-bytes", f.max_bytes,
                "Fail before reading if the objects found hold more than this (e.g. 10GiB)");
  auto* p = cmd.add_option_group("Lake: parallel scan");
  p->add_option("--objects-in-flight", f.objects_in_flight,
                "Objects read at once (default: twice the cores, at least 4; 1 = one after "
                "another)")
      ->check(CLI::NonNegativeNumber);
  p->add_option("--decode-threads", f.decode_threads,
                "Objects decoded at once (default: the cores)")
      ->check(CLI::NonNegativeNumber);
  p->add_option("--memory", f.memory,
                "Read-ahead and decoded rows held ahead of the output (default 128MiB)");
  p->add_flag("--unordered", f.unordered,
              "Output rows as objects produce them instead of in object order");
  cmd.add_flag("--ignore-commits", f.ignore_commits,
               "Read every object of a prefix s3c wrote, not only the files its commit records "
               "claim");
}

Result<dataset::DatasetReadOptions> BuildReadOptions(const ReadFlags& flags) {
  return pipeline::BuildReadOptions(flags, pipeline::SettingNames(pipeline::SettingSpelling::kFlag));
}

Result<dataset::LakeReadOptions> BuildLakeReadOptions(const ReadFlags& flags, WallTime now) {
  return pipeline::BuildLakeReadOptions(flags, now,
                                        pipeline::SettingNames(pipeline::SettingSpelling::kFlag));
}

}  // namespace s3c::cli
