// s3c read URI: decodes rows of one object, a prefix or a glob and prints them.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "batch_output.h"
#include "commands.h"
#include "data_run.h"
#include "output.h"

namespace s3c::cli {
namespace {

struct ReadCommand {
  std::string uri;
  std::string output = "table";
  int64_t limit = -1;
  std::string json_non_finite = "tokens";
  ReadFlags flags;
};

constexpr int64_t kDefaultTableRows = 50;

Status RunRead(CliContext& ctx, const ReadCommand& cmd) {
  bool table = cmd.output == "table";
  formats::FileFormat out_format = formats::FileFormat::kCsv;
  if (!table) {
    S3C_ASSIGN_OR_RETURN(out_format, formats::ParseFileFormat(cmd.output));
    if (out_format == formats::FileFormat::kParquet || out_format == formats::FileFormat::kText) {
      return InvalidArgumentError(fmt::format(
          "--output {}: use table, csv, tsv, json or jsonl (s3c convert writes Parquet)",
          cmd.output));
    }
  }
  int64_t limit = cmd.limit >= 0 ? cmd.limit : (table ? kDefaultTableRows : -1);
  S3C_ASSIGN_OR_RETURN(DataRun run, OpenDataRun(ctx, cmd.uri, cmd.flags));
  std::shared_ptr<formats::Schema> schema = run.reader->schema();
  // Pruning and listing filters left no object: no columns, nothing to print.
  if (schema->num_fields() == 0) return FinishDataRun(ctx, run, 0);
  std::unique_ptr<formats::BatchWriter> writer;
  if (!table) {
    formats::FormatWriteOptions write_options;
    S3C_RETURN_IF_ERROR(ApplyJsonOutputFlags(cmd.json_non_finite, &write_options));
    // --threads also bounds the output's rendering (1: this thread alone).
    S3C_ASSIGN_OR_RETURN(writer,
                         formats::OpenParallelTextWriter(MakeStdoutStream(), out_format, schema,
                                                         write_options, cmd.flags.threads));
  }
  std::vector<std::shared_ptr<formats::RecordBatch>> kept;
  int64_t rows = 0;
  bool more = false;
  while (limit < 0 || rows < limit) {
    S3C_ASSIGN_OR_RETURN(auto batch, run.reader->Next());
    if (!batch) break;
    if (limit >= 0 && rows + batch->num_rows() > limit) {
      batch = batch->Slice(0, limit - rows);
      more = true;
    }
    rows += batch->num_rows();
    if (writer) {
      S3C_RETURN_IF_ERROR(writer->Write(*batch));
    } else {
      kept.push_back(std::move(batch));
    }
  }
  if (writer) {
    S3C_RETURN_IF_ERROR(writer->Close());
  } else {
    S3C_RETURN_IF_ERROR(WriteStdout(RenderTable(*schema, kept)));
    if (more && cmd.limit < 0 && !ctx.options().quiet) {
      std::fprintf(stderr, "s3c: showing the first %lld rows (--limit N for more)\n",
                   static_cast<long long>(limit));
    }
  }
  return FinishDataRun(ctx, run, rows);
}

}  // namespace

void AddReadCommand(CLI::App& app, CommandFn* chosen) {
  auto cmd = std::make_shared<ReadCommand>();
  CLI::App* sub = app.add_subcommand("read", "Decode rows of a file, object, prefix or glob");
  sub->add_option("uri", cmd->uri, "s3://bucket/key, s3://bucket/prefix/, a glob, or a local path")
      ->required();
  sub->add_option("-o,--output", cmd->output, "table, csv, tsv, json or jsonl")
      ->capture_default_str();
  sub->add_option("-n,--limit", cmd->limit, "Rows to print (default: all; 50 for table)");
  AddJsonOutputFlags(*sub, &cmd->json_non_finite);
  AddReadFlags(*sub, cmd->flags);
  sub->callback([cmd, chosen] { *chosen = [cmd](CliContext& ctx) { return RunRead(ctx, *cmd); }; });
}

}  // namespace s3c::cli
