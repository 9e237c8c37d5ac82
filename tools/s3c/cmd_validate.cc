// s3c validate FILE [--set path=value ...]: loads a pipeline file as `s3c run` will (YAML,
// overrides, interpolation from the environment, every check) and prints either a short
// summary of what would run or every error, one per line with its position. Touches no store.
// Secrets are "***" in both.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>

#include "commands.h"
#include "output.h"
#include "s3c/io/local_file.h"
#include "s3c/pipeline/pipeline_file.h"

namespace s3c::cli {
namespace {

struct ValidateCommand {
  std::string file;
  std::vector<std::string> overrides;
};

Status RunValidate(CliContext& ctx, const ValidateCommand& cmd) {
  S3C_ASSIGN_OR_RETURN(std::unique_ptr<InputStream> in, OpenLocalInput(cmd.file));
  S3C_ASSIGN_OR_RETURN(std::string text, in->ReadAll());
  pipeline::LoadOptions options;
  options.origin = cmd.file;
  options.env = &ctx.env();
  options.overrides = cmd.overrides;
  options.now = SystemClock::Instance().Now();
  Result<pipeline::PipelineFile> file = pipeline::LoadPipeline(text, options);
  if (!file.ok()) {
    // Every error on its own line (already positioned and redacted), then one line for the
    // exit status.
    const std::string& errors = file.status().message();
    std::fprintf(stderr, "%s\n", errors.c_str());
    size_t count = 1 + static_cast<size_t>(std::count(errors.begin(), errors.end(), '\n'));
    return Status(file.status().code(),
                  fmt::format("{}: {} error{}", cmd.file, count, count == 1 ? "" : "s"));
  }
  if (ctx.options().quiet) return Status::OK();
  return WriteStdout(pipeline::PipelineSummary(*file));
}

}  // namespace

void AddValidateCommand(CLI::App& app, CommandFn* chosen) {
  auto cmd = std::make_shared<ValidateCommand>();
  CLI::App* sub = app.add_subcommand(
      "validate", "Check a pipeline file (every error at once) and summarize what it would run");
  sub->add_option("file", cmd->file, "The pipeline file (YAML)")->required();
  // One override per --set (repeat the flag): a greedy list would swallow the file name.
  sub->add_option("--set", cmd->overrides,
                  "Override a value by its dotted path before checking: "
                  "--set sources.NAME.uri=s3://b/k (repeatable)")
      ->allow_extra_args(false);
  sub->callback([cmd, chosen] {
    *chosen = [cmd](CliContext& ctx) { return RunValidate(ctx, *cmd); };
  });
}

}  // namespace s3c::cli
