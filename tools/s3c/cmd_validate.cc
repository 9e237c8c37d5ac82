// s3c validate FILE [--set path=value ...]: loads a pipeline file as `s3c run` will (YAML,
// overrides, interpolation from the environment, every check) and prints either a short
// summary of what would run or every error, one per line with its position. Touches no store.
// Secrets are "***" in both.
#include <CLI/CLI.hpp>

#include "commands.h"
#include "output.h"
#include "pipeline_file_flags.h"

namespace s3c::cli {
namespace {

Status RunValidate(CliContext& ctx, const PipelineFileFlags& flags) {
  S3C_ASSIGN_OR_RETURN(pipeline::PipelineFile file, LoadPipelineFile(ctx, flags));
  if (ctx.options().quiet) return Status::OK();
  return WriteStdout(pipeline::PipelineSummary(file));
}

}  // namespace

void AddValidateCommand(CLI::App& app, CommandFn* chosen) {
  auto flags = std::make_shared<PipelineFileFlags>();
  CLI::App* sub = app.add_subcommand(
      "validate", "Check a pipeline file (every error at once) and summarize what it would run");
  AddPipelineFileFlags(*sub, *flags);
  sub->callback(
      [flags, chosen] { *chosen = [flags](CliContext& ctx) { return RunValidate(ctx, *flags); }; });
}

}  // namespace s3c::cli
