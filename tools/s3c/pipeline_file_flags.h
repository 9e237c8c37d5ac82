// What `s3c validate` and `s3c run` share: the pipeline file argument with its --set overrides,
// and loading it (YAML, overrides, interpolation from the command's environment, every check).
#pragma once

#include <string>
#include <vector>

#include "cli_context.h"
#include "s3c/pipeline/pipeline_file.h"

namespace CLI {
class App;
}

namespace s3c::cli {

struct PipelineFileFlags {
  std::string file;
  std::vector<std::string> overrides;  // --set path=value, in order
};

// The FILE argument and the repeatable --set option.
void AddPipelineFileFlags(CLI::App& cmd, PipelineFileFlags& flags);

// Reads and loads the file. When it does not validate, every error goes to stderr, one per line
// with its position (already redacted), and the Status says "FILE: N errors" (its code:
// InvalidArgument, exit 2); a missing file is NotFound (exit 3).
Result<pipeline::PipelineFile> LoadPipelineFile(CliContext& ctx, const PipelineFileFlags& flags);

}  // namespace s3c::cli
