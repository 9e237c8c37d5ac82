// AddWriteFlags and WriteFlagNames (write_options.h).
#include "write_options.h"

#include <CLI/CLI.hpp>

#include "batch_output.h"
#include "s3c/formats/option_names.h"

namespace s3c::cli {

void AddWriteFlags(CLI::App& cmd, pipeline::WriteSettings& w) {
  w.mode.clear();
  cmd.add_option("--to", w.format, "csv, tsv, json, jsonl or parquet (default: from DST's name)");
  cmd.add_option("--compression", w.compression,
                 "Text formats: gzip, bzip2, xz, zstd, lz4, snappy, none (default: from DST's "
                 "name). Parquet: " +
                     std::string(formats::kParquetCodecWords) + " (default: snappy)");
  cmd.add_option("--level", w.level, "Compression level (codec default when unset)");
  cmd.add_option("--row-group-rows", w.row_group_rows, "Parquet rows per row group")
      ->capture_default_str();
  cmd.add_flag("--page-v2", w.page_v2, "Parquet: write data pages v2");
  AddJsonOutputFlags(cmd, &w.json_non_finite);
  auto* d = cmd.add_option_group("Dataset (DST a folder or prefix)");
  d->add_option("--mode", w.mode,
                "When DST holds data: error, ignore, append, replace, overwrite_partitions "
                "(default: replace for one file, error for a dataset)");
  d->add_option("--partition-by", w.partition_by,
                "Hive folders col=value/ by these columns: a,b (or repeat the flag)")
      ->delimiter(',')
      ->allow_extra_args(false);
  d->add_option("--file-name", w.file_name,
                "Data file name template (default part-{run}-{task}-{part}{ext})");
  d->add_option("--max-file-size", w.max_file_size, "Roll to a new file above this size (128MiB)");
  d->add_option("--max-rows-per-file", w.max_rows_per_file,
                "Roll to a new file after this many rows (-1: no limit)")
      ->capture_default_str();
  d->add_option("--max-partitions", w.max_partitions,
                "Partitions open at once (-1: the writer's default)")
      ->capture_default_str();
  d->add_option("--write-memory", w.memory, "Write memory budget (default 192MiB)");
}

pipeline::SettingNames WriteFlagNames() {
  pipeline::SettingNames names(pipeline::SettingSpelling::kFlag);
  names.Spell("format", "--to").Spell("memory", "--write-memory");
  return names;
}

}  // namespace s3c::cli
