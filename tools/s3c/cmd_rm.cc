// s3c rm URI [--recursive]: deletes one object, or every object under a prefix (listed, then
// deleted in batches of 1000 on S3).
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands.h"
#include "output.h"

namespace s3c::cli {
namespace {

struct RmArgs {
  std::string uri;
  bool recursive = false;
};

Status RunRm(CliContext& ctx, const RmArgs& args) {
  S3C_ASSIGN_OR_RETURN(StoreLocation loc, ctx.Resolve(args.uri));
  if (loc.is_stdio()) return InvalidArgumentError("rm cannot delete '-'");
  if (!args.recursive) {
    if (loc.key.empty() || loc.folder_like) {
      return InvalidArgumentError(
          fmt::format("{} names a prefix or folder: add --recursive to delete what is under it",
                      args.uri));
    }
    S3C_RETURN_IF_ERROR(loc.store->Stat(loc.key).status());
    S3C_RETURN_IF_ERROR(loc.store->Delete(loc.key));
    ctx.CountObjects(1);
    if (!ctx.options().quiet) S3C_RETURN_IF_ERROR(WriteStdout("delete: " + args.uri + "\n"));
    return Status::OK();
  }
  ListOptions opts;
  opts.prefix = loc.key;
  // "s3://b/data" is what is under "data/" (not "database.csv"), as for cp --recursive.
  if (!opts.prefix.empty() && opts.prefix.back() != '/') opts.prefix += '/';
  // List everything first, then delete: a local folder walk must not see its tree change under
  // it, and a listing that fails half way deletes nothing.
  std::vector<std::string> keys;
  S3C_RETURN_IF_ERROR(loc.store->List(opts, [&](const std::vector<ObjectInfo>& page) -> Status {
    for (const ObjectInfo& o : page) keys.push_back(o.key);
    return Status::OK();
  }));
  constexpr size_t kBatch = 1000;  // one DeleteObjects request on S3
  for (size_t i = 0; i < keys.size(); i += kBatch) {
    std::vector<std::string> batch(keys.begin() + static_cast<ptrdiff_t>(i),
                                   keys.begin() + static_cast<ptrdiff_t>(std::min(i + kBatch, keys.size())));
    S3C_RETURN_IF_ERROR(loc.store->DeleteMany(batch));
    ctx.CountObjects(batch.size());
    if (ctx.options().quiet) continue;
    std::string out;
    for (const std::string& k : batch) out += "delete: " + loc.UriOf(k) + "\n";
    S3C_RETURN_IF_ERROR(WriteStdout(out));
  }
  return Status::OK();
}

}  // namespace

void AddRmCommand(CLI::App& app, CommandFn* chosen) {
  auto args = std::make_shared<RmArgs>();
  CLI::App* cmd = app.add_subcommand("rm", "Delete an object, or everything under a prefix");
  cmd->add_option("uri", args->uri, "s3://bucket/key, a prefix with --recursive, or a local path")
      ->required();
  cmd->add_flag("-r,--recursive", args->recursive, "Delete every object under the prefix");
  cmd->callback([args, chosen] { *chosen = [args](CliContext& ctx) { return RunRm(ctx, *args); }; });
}

}  // namespace s3c::cli
