// s3c state show|reset|set FILE [--pipeline NAME] [--json] [--set path=value ...]: the
// incremental state of a pipeline file's pipelines (pipeline/state_admin.h). show prints, for
// each pipeline reading an incremental source (or the one named), where its state is and what
// the next run starts from; reset replaces it with an empty state (the next run reads
// everything); set NAME=VALUE... changes watermark or last_key. reset and set print the state
// saved. --json prints JSON on stdout instead of text.
#include <CLI/CLI.hpp>

#include "commands.h"
#include "output.h"
#include "pipeline_file_flags.h"
#include "s3c/pipeline/state_admin.h"

namespace s3c::cli {
namespace {

struct StateCommand {
  std::string action;  // show | reset | set
  PipelineFileFlags file;
  std::string pipeline;
  std::vector<std::string> assignments;  // set: name=value
  bool json = false;
};

Status RunState(CliContext& ctx, const StateCommand& cmd) {
  S3C_ASSIGN_OR_RETURN(pipeline::PipelineFile file, LoadPipelineFile(ctx, cmd.file));
  pipeline::StateAdminOptions options;
  options.pipeline = cmd.pipeline;
  options.env = &ctx.env();
  options.store_defaults = &ctx.resolver_options();
  std::vector<pipeline::StateView> views;
  Status done;
  if (cmd.action == "show") {
    Result<std::vector<pipeline::StateView>> shown = pipeline::ShowStates(file, options);
    done = shown.status();
    if (shown.ok()) views = std::move(*shown);
  } else {
    Result<pipeline::StateView> saved = cmd.action == "reset"
                                            ? pipeline::ResetState(file, options)
                                            : pipeline::SetState(file, cmd.assignments, options);
    done = saved.status();
    if (saved.ok()) views.push_back(std::move(*saved));
  }
  if (!done.ok()) return file.secrets.Redact(done);  // a message may quote a key's value
  return WriteStdout(cmd.json ? pipeline::StateViewsJson(views) : pipeline::StateViewsText(views));
}

}  // namespace

void AddStateCommand(CLI::App& app, CommandFn* chosen) {
  auto cmd = std::make_shared<StateCommand>();
  CLI::App* sub = app.add_subcommand(
      "state", "Show, reset or set the incremental state of a pipeline file's pipelines");
  sub->add_option("action", cmd->action, "show, reset or set")
      ->required()
      ->check(CLI::IsMember({"show", "reset", "set"}));
  AddPipelineFileFlags(*sub, cmd->file);
  sub->add_option("assignments", cmd->assignments,
                  "set: watermark=<time> (last_modified), last_key=<key> (key) or "
                  "cursor_value=<value> (cursor)");
  sub->add_option("--pipeline", cmd->pipeline, "Only this pipeline (reset and set: required "
                                               "when several keep state)");
  sub->add_flag("--json", cmd->json, "Print the state as JSON on stdout");
  sub->callback(
      [cmd, chosen] { *chosen = [cmd](CliContext& ctx) { return RunState(ctx, *cmd); }; });
}

}  // namespace s3c::cli
