// s3c run FILE [--pipeline NAME] [--dry-run] [--full-refresh] [--set path=value ...] [--json]: loads a pipeline
// file as `s3c validate` does, then runs it (pipeline/pipeline_runner.h) and prints the report:
// per pipeline the rows read and written and each destination's outcome, then the requests per
// S3 operation, the retries and the estimated request cost. --json prints the report as JSON on
// stdout; the text report goes to stderr (stdout stays free for --json). The global S3 options
// (--endpoint-url, --region, --profile, ...) are the defaults of endpoints that set none. On a
// terminal a progress bar shows the running pipeline's bytes, objects and rows read, the
// throughput and the time left (pipeline_run.h).
#include <CLI/CLI.hpp>

#include "commands.h"
#include "pipeline_file_flags.h"
#include "pipeline_run.h"

namespace s3c::cli {
namespace {

struct RunCommand {
  PipelineFileFlags file;
  std::string pipeline;
  bool dry_run = false;
  bool full_refresh = false;
  bool json = false;
};

Status RunRun(CliContext& ctx, const RunCommand& cmd) {
  S3C_ASSIGN_OR_RETURN(pipeline::PipelineFile file, LoadPipelineFile(ctx, cmd.file));

  pipeline::RunOptions options;
  options.pipeline = cmd.pipeline;
  options.dry_run = cmd.dry_run;
  options.full_refresh = cmd.full_refresh;
  return RunPipelineAndReport(ctx, file, std::move(options), cmd.json);
}

}  // namespace

void AddRunCommand(CLI::App& app, CommandFn* chosen) {
  auto cmd = std::make_shared<RunCommand>();
  CLI::App* sub = app.add_subcommand("run", "Run a pipeline file (YAML): sources to destinations");
  AddPipelineFileFlags(*sub, cmd->file);
  sub->add_option("--pipeline", cmd->pipeline, "Run only this pipeline of the file");
  sub->add_flag("--dry-run", cmd->dry_run,
                "Check every mode and list every source; read and write nothing");
  sub->add_flag("--full-refresh", cmd->full_refresh,
                "Incremental sources: ignore the saved state, read everything, then save the new "
                "state over it");
  sub->add_flag("--json", cmd->json, "Print the run report as JSON on stdout");
  sub->callback([cmd, chosen] { *chosen = [cmd](CliContext& ctx) { return RunRun(ctx, *cmd); }; });
}

}  // namespace s3c::cli
