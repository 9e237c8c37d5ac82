// s3c ls URI [--recursive] [--json]: lists objects (and, without --recursive, common prefixes
// as "PRE name/"). --json prints one JSON object per line: {"key","size","etag",
// "last_modified"} or {"prefix"}. With --where or a listing filter (--exclude, --regex, sizes,
// modified times, --partitioning), it lists as `s3c read` would: the objects the read would
// fetch, partitions pruned, every key below the URI (relative to it).
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include "commands.h"
#include "output.h"
#include "read_options.h"
#include "s3c/common/time_format.h"

namespace s3c::cli {
namespace {

struct LsArgs {
  std::string uri;
  bool recursive = false;
  bool json = false;
  ReadFlags lake;  // only the lake flags are declared on ls
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

// True when a flag asks for a lake listing rather than a plain one.
bool WantsLakeListing(const ReadFlags& f) {
  return !f.where.empty() || !f.exclude.empty() || !f.regex.empty() || !f.min_size.empty() ||
         !f.max_size.empty() || !f.modified_after.empty() || !f.modified_before.empty() ||
         f.partitioning != "hive" || !f.partition_types.empty() || f.max_files >= 0 ||
         !f.max_bytes.empty();
}

Status RunLakeLs(CliContext& ctx, const LsArgs& args) {
  S3C_ASSIGN_OR_RETURN(dataset::LakeReadOptions options,
                       BuildLakeReadOptions(args.lake, SystemClock::Instance().Now()));
  S3C_ASSIGN_OR_RETURN(dataset::LakeRead lake, dataset::ListLake(ctx.stores(), args.uri, options));
  ctx.CountObjects(lake.listing.objects.size());
  const std::string& root = lake.listing.root_prefix;
  std::string out;
  for (const ObjectInfo& o : lake.listing.objects) {
    size_t strip = o.key.compare(0, root.size(), root) == 0 ? root.size() : 0;
    out += FormatEntry(o, o.key.substr(strip), args.json);
  }
  S3C_RETURN_IF_ERROR(WriteStdout(out));
  if (!ctx.options().quiet) {
    const dataset::PartitionListingStats& l = lake.listing.listing;
    std::fprintf(stderr, "s3c: %zu object(s) kept; %s; %lld partition folder(s) and %lld object(s) "
                 "pruned, %lld filtered out\n",
                 lake.listing.objects.size(), l.plan.c_str(), static_cast<long long>(l.folders_pruned),
                 static_cast<long long>(l.objects_pruned),
                 static_cast<long long>(lake.listing.objects_filtered));
  }
  return Status::OK();
}

Status RunLs(CliContext& ctx, const LsArgs& args) {
  if (WantsLakeListing(args.lake)) return RunLakeLs(ctx, args);
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
  AddLakeFlags(*cmd, args->lake);
  cmd->callback([args, chosen] { *chosen = [args](CliContext& ctx) { return RunLs(ctx, *args); }; });
}

}  // namespace s3c::cli
