#include "s3c/store/tree_transfer.h"

#include <fmt/format.h>

#include <algorithm>
#include <mutex>

#include "s3c/common/executor.h"

namespace s3c {

Result<TreeTransferPlan> PlanTreeTransfer(const StoreLocation& src, const StoreLocation& dst) {
  if (src.store == nullptr || dst.store == nullptr) {
    return InvalidArgumentError(fmt::format("copying every object under {} to {} needs a store "
                                            "at both ends, not a stream", src.uri, dst.uri));
  }
  ListOptions opts;
  opts.prefix = src.key;
  if (!opts.prefix.empty() && opts.prefix.back() != '/') opts.prefix += '/';
  TreeTransferPlan plan;
  S3C_RETURN_IF_ERROR(src.store->List(opts, [&](const std::vector<ObjectInfo>& page) {
    for (const ObjectInfo& o : page) {
      if (o.key.size() > opts.prefix.size() && o.key.back() == '/' && o.size == 0) {
        continue;  // a "folder marker" object some tools create: nothing to copy
      }
      plan.items.push_back({o.key, o, JoinKey(dst.key, o.key.substr(opts.prefix.size()))});
      plan.total_bytes += o.size;
    }
    return Status::OK();
  }));
  if (plan.items.empty()) return NotFoundError(fmt::format("nothing to copy under {}", src.uri));
  return plan;
}

Status TransferTree(const StoreLocation& src, const StoreLocation& dst,
                    const TreeTransferPlan& plan, size_t workers,
                    const TransferCallbacks& callbacks) {
  const std::vector<TransferItem>& items = plan.items;
  auto cancelled = [&callbacks] { return callbacks.cancelled && callbacks.cancelled(); };
  std::mutex mu;  // serializes on_object_done and guards the counts below
  size_t failed = 0;
  Status first_error;
  auto transfer = [&](const TransferItem& item) {
    if (cancelled()) return Status::OK();
    Status st = TransferObject(src, dst, item, callbacks);
    std::lock_guard<std::mutex> lock(mu);
    if (!st.ok()) {
      ++failed;
      if (first_error.ok()) first_error = st;
    }
    if (callbacks.on_object_done) callbacks.on_object_done(item, st);
    return Status::OK();
  };
  const size_t concurrency = std::max<size_t>(1, std::min(workers, items.size()));
  if (concurrency == 1) {
    for (const TransferItem& item : items) (void)transfer(item);
  } else {
    // The workers block on their requests (each S3 transfer drives them through the shared HTTP
    // event loop), so they get a pool of their own rather than the CPU pool: concurrency - 1
    // threads, plus this thread, which runs items while it waits. Every item runs and every
    // failure is counted: the tasks report OK to the group, which would otherwise drop the items
    // not yet started after the first error.
    Executor pool(static_cast<int>(concurrency - 1));
    TaskGroup group(pool);
    for (const TransferItem& item : items) group.Submit([&] { return transfer(item); });
    (void)group.Wait();
  }
  if (cancelled()) return CancelledError("transfer cancelled");
  if (failed == 0) return Status::OK();
  Status st(first_error.code(), fmt::format("{} of {} objects failed to copy; first: {}", failed,
                                            items.size(), first_error.message()));
  st.SetContext(first_error.context());
  return st;
}

}  // namespace s3c
