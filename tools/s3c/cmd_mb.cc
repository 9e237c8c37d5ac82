// s3c mb s3://bucket: creates a bucket in the configured region (succeeds if you own it).
#include <fmt/format.h>

#include <CLI/CLI.hpp>

#include "commands.h"
#include "output.h"

namespace s3c::cli {
namespace {

Status RunMb(CliContext& ctx, const std::string& uri) {
  S3C_ASSIGN_OR_RETURN(StoreLocation loc, ctx.Resolve(uri));
  if (!loc.is_s3() || !loc.key.empty()) {
    return InvalidArgumentError(fmt::format("mb needs s3://BUCKET, got {}", uri));
  }
  S3C_RETURN_IF_ERROR(ctx.stores().CreateBucket(loc.bucket));
  if (ctx.options().quiet) return Status::OK();
  return WriteStdout(fmt::format("make_bucket: {}\n", loc.bucket));
}

}  // namespace

void AddMbCommand(CLI::App& app, CommandFn* chosen) {
  auto uri = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("mb", "Create a bucket");
  cmd->add_option("uri", *uri, "s3://bucket")->required();
  cmd->callback([uri, chosen] { *chosen = [uri](CliContext& ctx) { return RunMb(ctx, *uri); }; });
}

}  // namespace s3c::cli
