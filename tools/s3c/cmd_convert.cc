// s3c convert SRC DST: a pipeline of one step (pipeline/single_step.h), run by the same runner
// as `s3c run` (pipeline/pipeline_runner.h). SRC (an object, prefix or glob, any format) is read
// with the read flags and --where; DST is written with the write flags, which are a pipeline
// destination's keys spelt as flags (write_options.h):
//   - DST a file or object name: one object, published only when every row is written (an S3
//     destination is a multipart upload completed at the end and aborted on any error). Mode
//     replace by default (an existing file is overwritten, as cp and aws s3 cp do); --mode
//     error or ignore keeps an existing one.
//   - DST ending in '/', a bucket root or an existing local folder: a dataset (a pipeline's
//     path_prefix): data files (Hive folders with --partition-by, rolled by --max-rows-per-file
//     / --max-file-size) published by one commit (`_s3c/commits/`, `_SUCCESS`). Mode error by
//     default (a second run refuses to touch what the first wrote, as a Spark or DuckDB COPY
//     writer does); --mode chooses ignore, append, replace or overwrite_partitions.
//   - DST '-' (or a device, a FIFO): the rows stream to it, nothing to check or publish.
// The run report goes to stderr unless --quiet; --json prints it on stdout.
#include <CLI/CLI.hpp>

#include "batch_output.h"
#include "commands.h"
#include "pipeline_run.h"
#include "read_options.h"
#include "s3c/io/local_file.h"
#include "s3c/pipeline/single_step.h"
#include "write_options.h"

namespace s3c::cli {
namespace {

struct ConvertCommand {
  std::string src;
  std::string dst;
  ReadFlags flags;
  pipeline::WriteSettings write;
  bool json = false;
};

// Standard output through WriteStdout (a closed pipe is Cancelled: `| head` exits quietly); a
// device or FIFO as a local output.
Result<std::unique_ptr<OutputStream>> OpenStream(const std::string& stream_path) {
  if (stream_path == "-") return MakeStdoutStream();
  return OpenLocalOutput(stream_path);
}

Status RunConvert(CliContext& ctx, const ConvertCommand& cmd) {
  S3C_ASSIGN_OR_RETURN(StoreLocation dst, ctx.Resolve(cmd.dst));
  if (cmd.json && dst.is_stdio() && dst.stream_path == "-") {
    return InvalidArgumentError(
        "--json prints the report on stdout, where DST '-' writes the rows: give DST a file "
        "name, or drop --json");
  }
  pipeline::SingleStep step;
  step.source_uri = cmd.src;
  step.read = cmd.flags;
  // The filter is the pipeline's `where` (it prunes partitions and row groups all the same).
  step.where = step.read.where;
  step.read.where.clear();
  step.destination_uri = cmd.dst;
  step.dataset = !dst.is_stdio() && dst.folder_like;
  step.write = cmd.write;
  if (step.write.mode.empty()) step.write.mode = step.dataset ? "error" : "replace";
  pipeline::SettingNames read_names(pipeline::SettingSpelling::kFlag);
  read_names.Spell("compression", "--input-compression");
  S3C_ASSIGN_OR_RETURN(pipeline::PipelineFile file,
                       pipeline::SingleStepPipeline(step, SystemClock::Instance().Now(),
                                                    read_names, WriteFlagNames()));
  pipeline::RunOptions options;
  options.open_stream = OpenStream;
  return RunPipelineAndReport(ctx, file, std::move(options), cmd.json);
}

}  // namespace

void AddConvertCommand(CLI::App& app, CommandFn* chosen) {
  auto cmd = std::make_shared<ConvertCommand>();
  CLI::App* sub = app.add_subcommand(
      "convert", "Rewrite data in another format, compression or layout (a one-step pipeline)");
  sub->add_option("src", cmd->src, "Input: object, prefix, glob or local path")->required();
  sub->add_option("dst", cmd->dst,
                  "Output: a file or object, a folder or prefix ending in '/' (a dataset), or "
                  "'-' for stdout")
      ->required();
  AddWriteFlags(*sub, cmd->write);
  sub->add_flag("--json", cmd->json, "Print the run report as JSON on stdout");
  AddReadFlags(*sub, cmd->flags, "--input-compression");
  sub->callback(
      [cmd, chosen] { *chosen = [cmd](CliContext& ctx) { return RunConvert(ctx, *cmd); }; });
}

}  // namespace s3c::cli
