// s3c run FILE [--pipeline NAME] [--dry-run] [--set path=value ...] [--json]: loads a pipeline
// file as `s3c validate` does, then runs it (pipeline/pipeline_runner.h) and prints the report:
// per pipeline the rows read and written and each destination's outcome, then the requests per
// S3 operation, the retries and the estimated request cost. --json prints the report as JSON on
// stdout; the text report goes to stderr (stdout stays free for --json). The global S3 options
// (--endpoint-url, --region, --profile, ...) are the defaults of endpoints that set none.
#include <CLI/CLI.hpp>
#include <cstdio>

#include "commands.h"
#include "interrupt.h"
#include "output.h"
#include "pipeline_file_flags.h"
#include "s3c/pipeline/pipeline_runner.h"

namespace s3c::cli {
namespace {

struct RunCommand {
  PipelineFileFlags file;
  std::string pipeline;
  bool dry_run = false;
  bool json = false;
};

Status RunRun(CliContext& ctx, const RunCommand& cmd) {
  S3C_ASSIGN_OR_RETURN(pipeline::PipelineFile file, LoadPipelineFile(ctx, cmd.file));

  pipeline::RunOptions options;
  options.pipeline = cmd.pipeline;
  options.dry_run = cmd.dry_run;
  options.env = &ctx.env();
  options.store_defaults = &ctx.resolver_options();
  options.cancelled = [] { return Interrupted(); };
  pipeline::RunReport report;
  Result<pipeline::RunReport> ran = pipeline::RunPipelineFile(file, options, &report);
  if (ran.ok()) report = std::move(*ran);
  ctx.AddRequests(report.requests);
  for (const auto& p : report.pipelines) ctx.CountObjects(static_cast<uint64_t>(p.objects_read));
  const std::string shown = file.secrets.Redact(pipeline::RunReportText(report));
  if (!ctx.options().quiet) std::fprintf(stderr, "%s", shown.c_str());
  if (cmd.json) {
    S3C_RETURN_IF_ERROR(WriteStdout(file.secrets.Redact(pipeline::RunReportJson(report)) + "\n"));
  }
  // The error keeps its context (the request's operation and object), redacted as the rest.
  return ran.ok() ? Status::OK() : file.secrets.Redact(ran.status());
}

}  // namespace

void AddRunCommand(CLI::App& app, CommandFn* chosen) {
  auto cmd = std::make_shared<RunCommand>();
  CLI::App* sub = app.add_subcommand("run", "Run a pipeline file (YAML): sources to destinations");
  AddPipelineFileFlags(*sub, cmd->file);
  sub->add_option("--pipeline", cmd->pipeline, "Run only this pipeline of the file");
  sub->add_flag("--dry-run", cmd->dry_run,
                "Check every mode and list every source; read and write nothing");
  sub->add_flag("--json", cmd->json, "Print the run report as JSON on stdout");
  sub->callback([cmd, chosen] { *chosen = [cmd](CliContext& ctx) { return RunRun(ctx, *cmd); }; });
}

}  // namespace s3c::cli
