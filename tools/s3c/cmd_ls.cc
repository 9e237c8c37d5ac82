// s3c ls URI [--recursive] [--json]: lists objects (and, without --recursive, common prefixes
// as "PRE name/"). --json prints one JSON object per line: {"key","size","etag",
// "last_modified"} or {"prefix"}.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands.h"
#include "output.h"
#include "s3c/common/time_format.h"

namespace s3c::cli {
namespace {

struct LsArgs {
  std::string uri;
  bool recursive = false;
  bool json = false;
};

std::string FormatEntry(const ObjectInfo& o, const std::string& shown, bool json) {
  if (json) {
    if (o.is_prefix) return fmt::format("{{\"prefix\":{}}}\n", JsonQuote(shown));
    return fmt::format("{{\"key\":{},\"size\":{},\"etag\":{},\"last_modified\":{}}}\n",
                       JsonQuote(shown), o.size, JsonQuote(o.etag),
                       JsonQuote(FormatIso8601(o.last_modified)));
  }
  if (o.is_prefix) return fmt::format("{:>30} {}\n", "PRE", shown);
  return fmt::format("{} {:>10} {}\n", FormatListingTime(o.last_modified), o.size, shown);
}

Status RunLs(CliContext& ctx, const LsArgs& args) {
  S3C_ASSIGN_OR_RETURN(StoreLocation loc, ctx.Resolve(args.uri));
  if (loc.is_stdio()) return InvalidArgumentError("ls needs a bucket, prefix or folder, not '-'");
  ListOptions opts;
  // Without a trailing '/', "s3://b/logs" lists what starts with "logs" (as the aws cli does).
  opts.prefix = loc.key;
  if (!args.recursive) opts.delimiter = "/";
  // Keys are shown relative to the folder the URI names (the part after the key's last '/').
  size_t slash = loc.key.rfind('/');
  size_t strip = slash == std::string::npos ? 0 : slash + 1;
  uint64_t count = 0;
  Status st = loc.store->List(opts, [&](const std::vector<ObjectInfo>& page) -> Status {
    std::string out;
    for (const ObjectInfo& o : page) {
      out += FormatEntry(o, o.key.substr(std::min(strip, o.key.size())), args.json);
      ++count;
    }
    return WriteStdout(out);
  });
  ctx.CountObjects(count);
  if (st.ok() && count == 0 && !loc.folder_like && !loc.key.empty()) {
    return NotFoundError(fmt::format("nothing matches {}", loc.uri));
  }
  return st;
}

}  // namespace

void AddLsCommand(CLI::App& app, CommandFn* chosen) {
  auto args = std::make_shared<LsArgs>();
  CLI::App* cmd = app.add_subcommand("ls", "List objects under a bucket, prefix or folder");
  cmd->add_option("uri", args->uri, "s3://bucket[/prefix], a folder, or mem://name")->required();
  cmd->add_flag("-r,--recursive", args->recursive, "List every key below, not one level");
  cmd->add_flag("--json", args->json, "One JSON object per line");
  cmd->callback([args, chosen] { *chosen = [args](CliContext& ctx) { return RunLs(ctx, *args); }; });
}

}  // namespace s3c::cli
