// s3c plan FILE [--pipeline NAME] [--json] [--set path=value ...]: loads a pipeline file as
// `s3c run` does and prints its cost plan without reading any data (pipeline/run_plan.h): per
// pipeline the objects and bytes its source's run reads, the requests per S3 operation (the
// listing, the reads, what the plan alone sent, each destination's estimate) and the estimated
// cost in USD at the file's `prices:`. --json prints the plan as JSON instead. The requests
// the plan itself sent (listings, Parquet footers) are what --stats counts.
#include <CLI/CLI.hpp>

#include "commands.h"
#include "output.h"
#include "pipeline_file_flags.h"
#include "s3c/pipeline/run_plan.h"

namespace s3c::cli {
namespace {

struct PlanCommand {
  PipelineFileFlags file;
  std::string pipeline;
  bool json = false;
};

Status RunPlan(CliContext& ctx, const PlanCommand& cmd) {
  S3C_ASSIGN_OR_RETURN(pipeline::PipelineFile file, LoadPipelineFile(ctx, cmd.file));
  pipeline::PlanOptions options;
  options.pipeline = cmd.pipeline;
  options.env = &ctx.env();
  options.store_defaults = &ctx.resolver_options();
  Result<pipeline::RunPlan> plan = pipeline::PlanPipelineFile(file, options);
  if (!plan.ok()) return file.secrets.Redact(plan.status());
  StoreRequestStats sent;
  sent.bytes_downloaded = plan->plan_bytes;
  for (const auto& [op, n] : plan->plan_requests) {
    sent.requests[op] = n;
    sent.total_requests += n;
  }
  ctx.AddRequests(sent);
  if (cmd.json) return WriteStdout(file.secrets.Redact(pipeline::RunPlanJson(*plan)) + "\n");
  if (ctx.options().quiet) return Status::OK();
  return WriteStdout(file.secrets.Redact(pipeline::RunPlanText(*plan)));
}

}  // namespace

void AddPlanCommand(CLI::App& app, CommandFn* chosen) {
  auto cmd = std::make_shared<PlanCommand>();
  CLI::App* sub = app.add_subcommand(
      "plan", "Plan a pipeline file's run: objects, bytes, requests and cost, reading no data");
  AddPipelineFileFlags(*sub, cmd->file);
  sub->add_option("--pipeline", cmd->pipeline, "Plan only this pipeline of the file");
  sub->add_flag("--json", cmd->json, "Print the plan as JSON on stdout");
  sub->callback(
      [cmd, chosen] { *chosen = [cmd](CliContext& ctx) { return RunPlan(ctx, *cmd); }; });
}

}  // namespace s3c::cli
