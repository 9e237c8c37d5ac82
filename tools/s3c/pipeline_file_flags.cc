// AddPipelineFileFlags and LoadPipelineFile (pipeline_file_flags.h).
#include "pipeline_file_flags.h"

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>

#include "s3c/io/local_file.h"

namespace s3c::cli {

void AddPipelineFileFlags(CLI::App& cmd, PipelineFileFlags& flags) {
  cmd.add_option("file", flags.file, "The pipeline file (YAML)")->required();
  // One override per --set (repeat the flag): a greedy list would swallow the file name.
  cmd.add_option("--set", flags.overrides,
                 "Override a value by its dotted path before checking: "
                 "--set sources.NAME.uri=s3://b/k (repeatable)")
      ->allow_extra_args(false);
}

Result<pipeline::PipelineFile> LoadPipelineFile(CliContext& ctx, const PipelineFileFlags& flags) {
  S3C_ASSIGN_OR_RETURN(std::unique_ptr<InputStream> in, OpenLocalInput(flags.file));
  S3C_ASSIGN_OR_RETURN(std::string text, in->ReadAll());
  pipeline::LoadOptions options;
  options.origin = flags.file;
  options.env = &ctx.env();
  options.overrides = flags.overrides;
  options.now = SystemClock::Instance().Now();
  Result<pipeline::PipelineFile> file = pipeline::LoadPipeline(text, options);
  if (file.ok()) return file;
  const std::string& errors = file.status().message();
  std::fprintf(stderr, "%s\n", errors.c_str());
  const size_t count = 1 + static_cast<size_t>(std::count(errors.begin(), errors.end(), '\n'));
  return Status(file.status().code(),
                fmt::format("{}: {} error{}", flags.file, count, count == 1 ? "" : "s"));
}

}  // namespace s3c::cli
