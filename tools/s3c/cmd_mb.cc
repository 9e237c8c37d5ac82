// s3c mb s3://bucket: creates a bucket in the configured region (succeeds if you own it).
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands.h"
#include "output.h"
#include "s3c/s3/s3_client.h"

namespace s3c::cli {
namespace {

Status RunMb(CliContext& ctx, const std::string& uri) {
  S3C_ASSIGN_OR_RETURN(Location loc, ctx.Resolve(uri));
  if (!loc.is_s3() || !loc.key.empty()) {
    return InvalidArgumentError(fmt::format("mb needs s3://BUCKET, got {}", uri));
  }
  S3C_ASSIGN_OR_RETURN(S3Client * s3, ctx.s3());
  S3C_RETURN_IF_ERROR(s3->CreateBucket(loc.bucket));
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
