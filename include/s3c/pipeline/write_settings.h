// The write settings of a pipeline destination and of `s3c convert` (its flags): format,
// compression, Parquet layout, JSON output, the write mode, partitioning, file names, rolling
// and the write memory. Kept as text like the read settings (read_settings.h); CheckWriteSettings
// accepts or refuses every word and number now, before anything runs, naming the setting
// through SettingNames. docs/pipelines.md lists them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "s3c/formats/format_registry.h"
#include "s3c/formats/option_names.h"
#include "s3c/pipeline/setting_names.h"
#include "s3c/write/modes.h"

namespace s3c::pipeline {

struct WriteSettings {
  std::string format;          // "" or "auto" = from the destination key's name
  std::string compression;     // text: a stream codec (default from the name); Parquet: a page codec
  int level = -1;              // compression level; -1 = the codec's default
  int64_t row_group_rows = 1 << 20;
  bool page_v2 = false;
  std::string json_non_finite{formats::kDefaultNonFiniteFloats};
  std::string mode{"error"};
  std::vector<std::string> partition_by;
  std::string file_name;       // a template (write/file_naming.h); "" = the writer's default
  std::string max_file_size;   // byte size; "" = no limit
  int64_t max_rows_per_file = -1;  // -1 = no limit
  int64_t max_partitions = -1;     // -1 = the writer's default
  std::string memory;          // byte size of the write memory budget; "" = the default
};

// What happens when the target already holds data (docs/pipelines.md): the write module's
// modes, words and messages.
using write::ParseWriteMode;
using write::WriteMode;
using write::WriteModeName;

// Where a destination writes: one object (`single_object`, named `name`) or a prefix that
// receives a dataset of many files.
struct WriteTarget {
  std::string name;  // the key or URI, for the format by name and for messages
  bool single_object = true;
};

// The settings as values: the format and its writer options (compression, level, Parquet
// layout, JSON non-finite floats; object names are the writer's), the mode, the rolling and
// memory limits (nullopt = not given).
struct CheckedWriteSettings {
  formats::FileFormat format = formats::FileFormat::kCsv;
  formats::FormatWriteOptions format_options;
  WriteMode mode = WriteMode::kError;
  std::string mode_name = "mode";  // the mode setting as the front end spells it ("--mode")
  std::vector<std::string> partition_by;
  std::string file_name;
  std::optional<uint64_t> max_file_size;
  std::optional<int64_t> max_rows_per_file;
  std::optional<int64_t> max_partitions;
  std::optional<uint64_t> memory;
};

// The first error, blamed on its setting: an unknown format, codec, mode or JSON spelling; a
// format that cannot be told from the name; numbers out of range; settings that need a dataset
// (partition_by, file_name, rolling) on a single object; overwrite_partitions without
// partition_by; a repeated partition column; a file_name template the write tasks refuse (write/file_naming.h).
Result<CheckedWriteSettings> CheckWriteSettings(const WriteSettings& settings,
                                                const WriteTarget& target,
                                                const SettingNames& names);

}  // namespace s3c::pipeline
