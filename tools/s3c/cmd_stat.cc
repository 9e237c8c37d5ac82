// s3c stat URI [--json]: size, ETag and last-modified time of one object (one HEAD on S3).
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands.h"
#include "output.h"
#include "s3c/common/time_format.h"

namespace s3c::cli {
namespace {

struct StatArgs {
  std::string uri;
  bool json = false;
};

Status RunStat(CliContext& ctx, const StatArgs& args) {
  S3C_ASSIGN_OR_RETURN(StoreLocation loc, ctx.Resolve(args.uri));
  if (loc.is_stdio() || loc.key.empty()) {
    return InvalidArgumentError(fmt::format("stat needs an object, got {}", args.uri));
  }
  S3C_ASSIGN_OR_RETURN(ObjectInfo info, loc.store->Stat(loc.key));
  std::string uri = loc.UriOf(info.key);
  if (args.json) {
    return WriteStdout(fmt::format(
        "{{\"uri\":{},\"key\":{},\"size\":{},\"etag\":{},\"last_modified\":{}}}\n",
        JsonQuote(uri), JsonQuote(info.key), info.size, JsonQuote(info.etag),
        JsonQuote(FormatIso8601(info.last_modified))));
  }
  return WriteStdout(fmt::format("uri:           {}\nsize:          {}\netag:          {}\n"
                                 "last_modified: {}\n",
                                 uri, info.size, info.etag, FormatIso8601(info.last_modified)));
}

}  // namespace

void AddStatCommand(CLI::App& app, CommandFn* chosen) {
  auto args = std::make_shared<StatArgs>();
  CLI::App* cmd = app.add_subcommand("stat", "Show one object's size, ETag and time");
  cmd->add_option("uri", args->uri, "s3://bucket/key or a local file")->required();
  cmd->add_flag("--json", args->json, "Print a JSON object");
  cmd->callback([args, chosen] { *chosen = [args](CliContext& ctx) { return RunStat(ctx, *args); }; });
}

}  // namespace s3c::cli
