// s3c convert SRC DST: reads SRC (an object, prefix or glob, any format) and writes one DST in
// another format, compressed or not. DST is published only when every row is written (an S3
// destination is a multipart upload completed at the end and aborted on any error).
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "batch_output.h"
#include "commands.h"
#include "data_run.h"
#include "read_options.h"
#include "s3c/formats/option_names.h"
#include "s3c/io/local_file.h"

namespace s3c::cli {
namespace {

struct ConvertCommand {
  std::string src;
  std::string dst;
  std::string to;
  std::string compression;
  int level = -1;
  int64_t row_group_rows = 1 << 20;
  bool page_v2 = false;
  std::string json_non_finite{formats::kDefaultNonFiniteFloats};
  ReadFlags flags;
};

// `named`: what DST's name says (its compression is the default of text formats).
Result<formats::FormatWriteOptions> WriteOptionsFor(const ConvertCommand& cmd,
                                                    formats::FileFormat format,
                                                    const formats::FormatFromNameResult& named,
                                                    const std::string& dst_name) {
  formats::FormatWriteOptions options;
  if (format == formats::FileFormat::kParquet) {
    if (!cmd.compression.empty()) {
      S3C_ASSIGN_OR_RETURN(
          options.parquet.codec,
          PrefixError("--compression ", formats::ParseParquetCodec(cmd.compression)));
    }
    options.parquet.compression_level = cmd.level;
    options.parquet.row_group_rows = cmd.row_group_rows;
    options.parquet.data_page_v2 = cmd.page_v2;
    options.parquet.object_name = dst_name;
    return options;
  }
  S3C_RETURN_IF_ERROR(ApplyJsonOutputFlags(cmd.json_non_finite, &options));
  if (!cmd.compression.empty()) {
    S3C_ASSIGN_OR_RETURN(options.compression, ParseCodecName(cmd.compression));
  } else {
    options.compression = named.compression;
  }
  options.compress.level = cmd.level;
  options.compress.name = dst_name;
  return options;
}

Status RunConvert(CliContext& ctx, const ConvertCommand& cmd) {
  S3C_ASSIGN_OR_RETURN(StoreLocation dst, ctx.Resolve(cmd.dst));
  if (!dst.is_stdio() && dst.folder_like) {
    return InvalidArgumentError(
        fmt::format("convert writes one file: {} names a folder; add a file name", cmd.dst));
  }
  std::string dst_name = dst.is_stdio() ? "stdout" : dst.UriOf(dst.key);
  // A stdio destination has no key: no format from its name, no compression.
  formats::FormatFromNameResult named = formats::OutputFormatFromName(dst.key);
  formats::FileFormat format;
  if (!cmd.to.empty()) {
    S3C_ASSIGN_OR_RETURN(format, formats::ParseFileFormat(cmd.to));
  } else if (named.format) {
    format = *named.format;
  } else {
    return InvalidArgumentError(fmt::format(
        "cannot tell the output format from '{}': give --to csv|tsv|json|jsonl|parquet", cmd.dst));
  }
  S3C_ASSIGN_OR_RETURN(formats::FormatWriteOptions write_options,
                       WriteOptionsFor(cmd, format, named, dst_name));
  S3C_ASSIGN_OR_RETURN(DataRun run, OpenDataRun(ctx, cmd.src, cmd.flags));
  std::unique_ptr<OutputStream> out;
  if (dst.is_stdio() && dst.stream_path == "-") {
    out = MakeStdoutStream();
  } else if (dst.is_stdio()) {
    S3C_ASSIGN_OR_RETURN(out, OpenLocalOutput(dst.stream_path));
  } else {
    S3C_ASSIGN_OR_RETURN(out, dst.store->OpenOutput(dst.key));
  }
  S3C_ASSIGN_OR_RETURN(auto writer, formats::OpenFormatWriter(std::move(out), format,
                                                              run.reader->schema(), write_options));
  int64_t rows = 0;
  while (true) {
    // An error returns here and destroys the writer unclosed: nothing is published.
    S3C_ASSIGN_OR_RETURN(auto batch, run.reader->Next());
    if (!batch) break;
    S3C_RETURN_IF_ERROR(writer->Write(*batch));
    rows += batch->num_rows();
  }
  S3C_RETURN_IF_ERROR(writer->Close());
  ctx.CountObjects(1);
  return FinishDataRun(ctx, run, rows);
}

}  // namespace

void AddConvertCommand(CLI::App& app, CommandFn* chosen) {
  auto cmd = std::make_shared<ConvertCommand>();
  CLI::App* sub = app.add_subcommand("convert", "Rewrite data in another format or compression");
  sub->add_option("src", cmd->src, "Input: object, prefix, glob or local path")->required();
  sub->add_option("dst", cmd->dst, "Output file or object ('-' for stdout)")->required();
  sub->add_option("--to", cmd->to, "csv, tsv, json, jsonl or parquet (default: from DST's name)");
  sub->add_option("--compression", cmd->compression,
                  "Text formats: gzip, bzip2, xz, zstd, lz4, snappy, none (default: from DST's "
                  "name). Parquet: " +
                      std::string(formats::kParquetCodecWords) + " (default: snappy)");
  sub->add_option("--level", cmd->level, "Compression level (codec default when unset)");
  sub->add_option("--row-group-rows", cmd->row_group_rows, "Parquet rows per row group")
      ->capture_default_str();
  sub->add_flag("--page-v2", cmd->page_v2, "Parquet: write data pages v2");
  AddJsonOutputFlags(*sub, &cmd->json_non_finite);
  AddReadFlags(*sub, cmd->flags, "--input-compression");
  sub->callback(
      [cmd, chosen] { *chosen = [cmd](CliContext& ctx) { return RunConvert(ctx, *cmd); }; });
}

}  // namespace s3c::cli
