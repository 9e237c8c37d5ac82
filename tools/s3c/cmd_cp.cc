// s3c cp SRC DST [--recursive]: local -> S3, S3 -> local, S3 -> S3 (server-side copy), and '-'
// for stdin/stdout. With --recursive, every object under SRC is copied below DST, keeping the
// relative keys, with --concurrency transfers at once.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <atomic>
#include <mutex>
#include <thread>

#include "commands.h"
#include "interrupt.h"
#include "output.h"
#include "transfer.h"

namespace s3c::cli {
namespace {

struct CpArgs {
  std::string src;
  std::string dst;
  bool recursive = false;
};

std::string BaseName(const std::string& key) {
  size_t slash = key.rfind('/');
  return slash == std::string::npos ? key : key.substr(slash + 1);
}

// "a/b" + "c" = "a/b/c"; "" + "c" = "c"; "a/" + "c" = "a/c".
std::string JoinKey(const std::string& prefix, const std::string& rest) {
  if (prefix.empty() || prefix.back() == '/') return prefix + rest;
  return prefix + "/" + rest;
}

Status CopyOne(CliContext& ctx, const StoreLocation& src, const StoreLocation& dst) {
  if (src.folder_like || (!src.is_stdio() && src.key.empty())) {
    return InvalidArgumentError(
        fmt::format("{} is a folder or prefix: add --recursive to copy what is under it", src.uri));
  }
  TransferItem item;
  item.src_key = src.key;
  // A download needs no HEAD: its first ranged GET returns the size and the ETag that pins the
  // later ranges (one request fewer per object than the aws cli and rclone). A server-side copy
  // needs the size first (single or multipart copy); a local Stat costs no request.
  bool download = src.is_s3() && !dst.is_s3();
  if (!src.is_stdio() && !download) {
    S3C_ASSIGN_OR_RETURN(ObjectInfo info, src.store->Stat(src.key));
    item.src_info = info;
  }
  if (dst.is_stdio()) {
    item.dst_key = "-";
  } else if (dst.folder_like || dst.key.empty()) {
    item.dst_key = JoinKey(dst.key, src.is_stdio() ? "stdin" : BaseName(src.key));
  } else {
    item.dst_key = dst.key;
  }
  bool show = Progress::ShouldShow(ctx.options().quiet) && !dst.is_stdio();
  Progress progress(show, item.src_info ? item.src_info->size : 0, 1);
  Status st = TransferObject(ctx, src, dst, item, progress);
  progress.Finish();
  S3C_RETURN_IF_ERROR(st);
  if (ctx.options().quiet || dst.is_stdio()) return Status::OK();
  return WriteStdout(fmt::format("copy: {} to {}\n", src.is_stdio() ? "-" : src.UriOf(src.key),
                                 dst.UriOf(item.dst_key)));
}

Result<std::vector<TransferItem>> PlanRecursive(const StoreLocation& src, const StoreLocation& dst) {
  ListOptions opts;
  opts.prefix = src.key;
  // "s3://b/data" copies what is under "data/" (not "database/"), as the aws cli does.
  if (!opts.prefix.empty() && opts.prefix.back() != '/') opts.prefix += '/';
  std::vector<TransferItem> items;
  S3C_RETURN_IF_ERROR(src.store->List(opts, [&](const std::vector<ObjectInfo>& page) {
    for (const ObjectInfo& o : page) {
      if (o.key.size() > opts.prefix.size() && o.key.back() == '/' && o.size == 0) {
        continue;  // a "folder marker" object some tools create: nothing to copy
      }
      items.push_back({o.key, o, JoinKey(dst.key, o.key.substr(opts.prefix.size()))});
    }
    return Status::OK();
  }));
  if (items.empty()) return NotFoundError(fmt::format("nothing to copy under {}", src.uri));
  return items;
}

Status CopyRecursive(CliContext& ctx, const StoreLocation& src, const StoreLocation& dst) {
  if (src.is_stdio() || dst.is_stdio()) {
    return InvalidArgumentError("--recursive cannot read from or write to '-'");
  }
  S3C_ASSIGN_OR_RETURN(std::vector<TransferItem> items, PlanRecursive(src, dst));
  uint64_t total = 0;
  for (const auto& it : items) total += it.src_info->size;
  Progress progress(Progress::ShouldShow(ctx.options().quiet), total, items.size());

  std::atomic<size_t> next{0};
  std::atomic<size_t> failed{0};
  std::mutex mu;
  Status first_error;
  auto worker = [&] {
    for (size_t i = next++; i < items.size() && !Interrupted(); i = next++) {
      Status st = TransferObject(ctx, src, dst, items[i], progress);
      progress.AddObject();
      std::lock_guard<std::mutex> lock(mu);
      if (!st.ok()) {
        ++failed;
        if (first_error.ok()) first_error = st;
        std::fprintf(stderr, "s3c: copy failed: %s\n", st.ToString().c_str());
      } else if (!ctx.options().quiet && ctx.options().verbose > 0) {
        std::fprintf(stderr, "copy: %s to %s\n", src.UriOf(items[i].src_key).c_str(),
                     dst.UriOf(items[i].dst_key).c_str());
      }
    }
  };
  // Parallel transfers; each S3 transfer drives its own requests through the shared HTTP event
  // loop, so these threads mostly wait.
  size_t workers = std::min<size_t>(static_cast<size_t>(ctx.options().concurrency), items.size());
  std::vector<std::thread> threads;
  for (size_t i = 0; i < workers; ++i) threads.emplace_back(worker);
  for (auto& t : threads) t.join();
  progress.Finish();
  S3C_RETURN_IF_ERROR(CheckInterrupted());
  if (failed > 0) {
    Status st(first_error.code(), fmt::format("{} of {} objects failed to copy; first: {}",
                                              failed.load(), items.size(), first_error.message()));
    st.SetContext(first_error.context());
    return st;
  }
  if (!ctx.options().quiet) {
    return WriteStdout(fmt::format("copied {} objects ({} bytes) from {} to {}\n", items.size(),
                                   total, src.uri, dst.uri));
  }
  return Status::OK();
}

Status RunCp(CliContext& ctx, const CpArgs& args) {
  S3C_ASSIGN_OR_RETURN(StoreLocation src, ctx.Resolve(args.src));
  S3C_ASSIGN_OR_RETURN(StoreLocation dst, ctx.Resolve(args.dst));
  return args.recursive ? CopyRecursive(ctx, src, dst) : CopyOne(ctx, src, dst);
}

}  // namespace

void AddCpCommand(CLI::App& app, CommandFn* chosen) {
  auto args = std::make_shared<CpArgs>();
  CLI::App* cmd = app.add_subcommand("cp", "Copy objects and files (local <-> S3, S3 -> S3, '-')");
  cmd->add_option("src", args->src, "source: s3://bucket/key, a local path, or - (stdin)")
      ->required();
  cmd->add_option("dst", args->dst, "destination: s3://bucket/key, a local path, or - (stdout)")
      ->required();
  cmd->add_flag("-r,--recursive", args->recursive, "Copy every object under SRC");
  cmd->callback([args, chosen] { *chosen = [args](CliContext& ctx) { return RunCp(ctx, *args); }; });
}

}  // namespace s3c::cli
