// s3c cat URI: writes an object's raw bytes to stdout (streamed, with read-ahead).
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands.h"
#include "output.h"

namespace s3c::cli {
namespace {

Status RunCat(CliContext& ctx, const std::string& uri) {
  S3C_ASSIGN_OR_RETURN(StoreLocation loc, ctx.Resolve(uri));
  if (loc.is_stdio() || loc.key.empty() || loc.folder_like) {
    return InvalidArgumentError(fmt::format("cat needs an object, got {}", uri));
  }
  S3C_ASSIGN_OR_RETURN(auto in, loc.store->OpenInput(loc.key));
  std::string buf(1 << 20, '\0');
  while (true) {
    S3C_ASSIGN_OR_RETURN(size_t n, in->Read(buf.data(), buf.size()));
    if (n == 0) break;
    S3C_RETURN_IF_ERROR(WriteStdout(std::string_view(buf.data(), n)));
  }
  ctx.CountObjects(1);
  return Status::OK();
}

}  // namespace

void AddCatCommand(CLI::App& app, CommandFn* chosen) {
  auto uri = std::make_shared<std::string>();
  CLI::App* cmd = app.add_subcommand("cat", "Write an object's bytes to standard output");
  cmd->add_option("uri", *uri, "s3://bucket/key or a local file")->required();
  cmd->callback([uri, chosen] { *chosen = [uri](CliContext& ctx) { return RunCat(ctx, *uri); }; });
}

}  // namespace s3c::cli
