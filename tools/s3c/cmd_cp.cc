// s3c cp SRC DST [--recursive]: local -> S3, S3 -> local, S3 -> S3 (server-side copy), and '-'
// for stdin/stdout. With --recursive, every object under SRC is copied below DST, keeping the
// relative keys, with --concurrency transfers at once. The transfers themselves are the store's
// (object_transfer.h, tree_transfer.h); this file renders progress and messages.
#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cstdio>

#include "commands.h"
#include "interrupt.h"
#include "output.h"
#include "progress.h"
#include "s3c/store/object_transfer.h"
#include "s3c/store/tree_transfer.h"

namespace s3c::cli {
namespace {

struct CpArgs {
  std::string src;
  std::string dst;
  bool recursive = false;
};

// Progress bar and Ctrl-C for the store's transfers.
TransferCallbacks CallbacksFor(Progress& progress) {
  TransferCallbacks cb;
  cb.on_bytes = [&progress](uint64_t n) { progress.AddBytes(n); };
  cb.on_totals = [&progress](uint64_t bytes, uint64_t objects) {
    progress.AddTotals(bytes, objects);
  };
  cb.cancelled = [] { return Interrupted(); };
  return cb;
}

Status CopyOne(CliContext& ctx, const StoreLocation& src, const StoreLocation& dst) {
  if (src.folder_like || (!src.is_stdio() && src.key.empty())) {
    return InvalidArgumentError(
        fmt::format("{} is a folder or prefix: add --recursive to copy what is under it", src.uri));
  }
  S3C_ASSIGN_OR_RETURN(TransferItem item, PlanObjectTransfer(src, dst));
  bool show = Progress::ShouldShow(ctx.options().quiet) && !dst.is_stdio();
  Progress progress(show, item.src_info ? item.src_info->size : 0, 1);
  Status st = TransferObject(src, dst, item, CallbacksFor(progress));
  progress.Finish();
  S3C_RETURN_IF_ERROR(st);
  ctx.CountObjects(1);
  if (ctx.options().quiet || dst.is_stdio()) return Status::OK();
  return WriteStdout(fmt::format("copy: {} to {}\n", src.is_stdio() ? "-" : src.UriOf(src.key),
                                 dst.UriOf(item.dst_key)));
}

Status CopyRecursive(CliContext& ctx, const StoreLocation& src, const StoreLocation& dst) {
  if (src.is_stdio() || dst.is_stdio()) {
    return InvalidArgumentError("--recursive cannot read from or write to '-'");
  }
  S3C_ASSIGN_OR_RETURN(TreeTransferPlan plan, PlanTreeTransfer(src, dst));
  Progress progress(Progress::ShouldShow(ctx.options().quiet), plan.total_bytes,
                    plan.items.size());
  TransferCallbacks cb = CallbacksFor(progress);
  bool verbose = !ctx.options().quiet && ctx.options().verbose > 0;
  cb.on_object_done = [&](const TransferItem& item, const Status& st) {
    progress.AddObject();
    if (!st.ok()) {
      std::fprintf(stderr, "s3c: copy failed: %s\n", st.ToString().c_str());
      return;
    }
    ctx.CountObjects(1);
    if (verbose) {
      std::fprintf(stderr, "copy: %s to %s\n", src.UriOf(item.src_key).c_str(),
                   dst.UriOf(item.dst_key).c_str());
    }
  };
  size_t workers = static_cast<size_t>(std::max(ctx.options().concurrency, 1));
  Status st = TransferTree(src, dst, plan, workers, cb);
  progress.Finish();
  S3C_RETURN_IF_ERROR(CheckInterrupted());
  S3C_RETURN_IF_ERROR(st);
  if (!ctx.options().quiet) {
    return WriteStdout(fmt::format("copied {} objects ({} bytes) from {} to {}\n",
                                   plan.items.size(), plan.total_bytes, src.uri, dst.uri));
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
