// The flags of the read settings that `s3c read`, `s3c schema` and `s3c convert` share
// (docs/cli.md). The settings themselves, their text and their builders live in the library
// (s3c/pipeline/read_settings.h), shared with pipeline files; this file binds them to CLI11
// flags (the flag is "--" + the setting's key with '_' -> '-') and builds them with the
// settings named as flags ("--header: ...").
#pragma once

#include <string>

#include "s3c/common/clock.h"
#include "s3c/dataset/dataset_reader.h"
#include "s3c/dataset/lake_read.h"
#include "s3c/pipeline/read_settings.h"
#include "s3c/pipeline/setting_names.h"

namespace CLI {
class App;
}

namespace s3c::cli {

using ReadFlags = pipeline::ReadSettings;
using pipeline::PrefixError;
using pipeline::SplitColumns;

// input_compression_flag: "--compression" for read/schema; convert uses
// "--input-compression" because its --compression names the output's.
void AddReadFlags(CLI::App& cmd, ReadFlags& flags,
                  const std::string& input_compression_flag = "--compression");

// The lake flags (--where, --partitioning, --partition-types, --exclude, --regex, sizes,
// modified times, --max-files, --max-bytes, the parallel scan), added by AddReadFlags.
void AddLakeFlags(CLI::App& cmd, ReadFlags& flags);

// pipeline::BuildReadOptions / BuildLakeReadOptions with the settings named as flags.
Result<dataset::DatasetReadOptions> BuildReadOptions(const ReadFlags& flags);
Result<dataset::LakeReadOptions> BuildLakeReadOptions(const ReadFlags& flags, WallTime now);

}  // namespace s3c::cli
