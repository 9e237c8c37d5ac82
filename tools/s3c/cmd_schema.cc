// s3c schema URI: the inferred (or Parquet-declared) schema of an object, prefix or glob, with
// per-file drift when several files are read.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands.h"
#include "output.h"
#include "read_options.h"
#include "s3c/formats/schema_json.h"

namespace s3c::cli {
namespace {

struct SchemaCommand {
  std::string uri;
  bool json = false;
  bool verbose = false;
  ReadFlags flags;
};

// Parquet details (physical and logical types, row groups, codecs, sizes) for --verbose.
Result<std::string> ParquetDetails(ObjectStore& store, const ObjectInfo& object) {
  S3C_ASSIGN_OR_RETURN(auto file, store.OpenRandomAccess(object.key, object));
  formats::parquet::ParquetReadOptions options;
  options.object_name = store.UriFor(object.key);
  options.whole_object_bytes = 0;  // the footer alone
  S3C_ASSIGN_OR_RETURN(auto reader, formats::parquet::ParquetFileReader::Open(
                                        std::shared_ptr<RandomAccessFile>(std::move(file)),
                                        options));
  return reader->Describe();
}

Status RunSchema(CliContext& ctx, const SchemaCommand& cmd) {
  S3C_ASSIGN_OR_RETURN(dataset::LakeReadOptions lake_options,
                       BuildLakeReadOptions(cmd.flags, SystemClock::Instance().Now()));
  S3C_ASSIGN_OR_RETURN(dataset::LakeRead lake, dataset::ListLake(ctx.stores(), cmd.uri,
                                                                 lake_options));
  if (lake.listing.objects.empty()) {
    return NotFoundError(fmt::format("{}: the filters leave no object", cmd.uri));
  }
  dataset::DatasetReadOptions& options = lake_options.scan.dataset;
  options.root_prefix = lake.listing.root_prefix;
  ObjectStore* store = lake.input.store;
  S3C_ASSIGN_OR_RETURN(dataset::DatasetSchema schema,
                       dataset::InferDatasetSchema(*store, lake.listing.objects, options));
  const formats::Schema& united = *schema.united.schema;
  const formats::Schema partitions(schema.partitions);
  if (cmd.json) {
    return WriteStdout(fmt::format(
        "{{\"columns\":{},\"partitions\":{},\"files\":{},\"drift\":{},\"objects_total\":{}}}\n",
        formats::SchemaColumnsJson(united), formats::SchemaColumnsJson(partitions),
        formats::NamedSchemasJson(schema.files), formats::SchemaDriftJson(schema.united.drift),
        schema.objects_total));
  }
  std::string out;
  for (int i = 0; i < united.num_fields(); ++i) out += united.field(i).ToString() + "\n";
  for (int i = 0; i < partitions.num_fields(); ++i) {
    out += partitions.field(i).ToString() + " (partition)\n";
  }
  if (static_cast<int64_t>(schema.files.size()) < schema.objects_total) {
    out += fmt::format("\nschemas of the first {} of {} files (--infer-files -1 reads all)\n",
                       schema.files.size(), schema.objects_total);
  }
  if (schema.files.size() > 1) {
    out += fmt::format("\n{} files; drift:\n", schema.files.size());
    if (schema.united.drift.empty()) out += "  none\n";
    for (const formats::SchemaDrift& d : schema.united.drift) out += "  " + d.ToString() + "\n";
  }
  if (cmd.verbose) {
    for (const ObjectInfo& object : lake.listing.objects) {
      S3C_ASSIGN_OR_RETURN(formats::FileFormat format, dataset::FormatOf(object, options.format));
      if (format != formats::FileFormat::kParquet) continue;
      S3C_ASSIGN_OR_RETURN(std::string details, ParquetDetails(*store, object));
      out += "\n" + store->UriFor(object.key) + "\n" + details;
    }
  }
  return WriteStdout(out);
}

}  // namespace

void AddSchemaCommand(CLI::App& app, CommandFn* chosen) {
  auto cmd = std::make_shared<SchemaCommand>();
  CLI::App* sub = app.add_subcommand("schema", "Print the schema of a file, object, prefix or glob");
  sub->add_option("uri", cmd->uri, "s3://bucket/key, s3://bucket/prefix/, a glob, or a local path")
      ->required();
  sub->add_flag("--json", cmd->json, "Print JSON: columns, per-file columns and drift");
  sub->add_flag("--verbose", cmd->verbose,
                "Parquet: physical and logical types, row groups, codecs and sizes");
  AddReadFlags(*sub, cmd->flags);
  sub->callback(
      [cmd, chosen] { *chosen = [cmd](CliContext& ctx) { return RunSchema(ctx, *cmd); }; });
}

}  // namespace s3c::cli
