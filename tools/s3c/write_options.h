// The flags of the write settings of `s3c convert` (docs/cli.md): the CLI11 binding of
// pipeline::WriteSettings (s3c/pipeline/write_settings.h), which a pipeline file's destination
// sets with the same keys. A flag is "--" + the key with '_' -> '-', except two whose keys
// convert's read flags already spell: the key `format` is --to (--format is the input's) and
// `memory` is --write-memory (--memory is the read's scan budget). WriteFlagNames names them so.
#pragma once

#include "s3c/pipeline/setting_names.h"
#include "s3c/pipeline/write_settings.h"

namespace CLI {
class App;
}

namespace s3c::cli {

// Binds every write setting. `settings.mode` is left "" unless --mode is given: the command
// picks the default for its target.
void AddWriteFlags(CLI::App& cmd, pipeline::WriteSettings& settings);

// The settings named as AddWriteFlags spells them ("--to: ...", "--max-rows-per-file ...").
pipeline::SettingNames WriteFlagNames();

}  // namespace s3c::cli
