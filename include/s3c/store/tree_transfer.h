// Copying every object under a prefix or folder to another location, keeping the keys relative
// to it, with several transfers at once (TransferObject, object_transfer.h, for each).
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

#include "s3c/store/object_transfer.h"

namespace s3c {

struct TreeTransferPlan {
  std::vector<TransferItem> items;  // each with src_info from the listing
  uint64_t total_bytes = 0;
};

// Lists what is under `src` ("s3://b/data" means "data/", not "database/", as the aws cli
// does) and maps each key below `dst`'s key. Zero-byte "folder marker" objects (keys ending in
// '/') are skipped. NotFound when nothing is there; InvalidArgument for a stream at either end.
Result<TreeTransferPlan> PlanTreeTransfer(const StoreLocation& src, const StoreLocation& dst);

// Runs the plan with `workers` transfers at once (at least one). Every object is attempted
// unless cancelled, whatever failed before; the result is OK, Cancelled, or the first error's
// code with the message "K of N objects failed to copy; first: <its message>" (and its
// context). Objects that failed publish nothing; the others are complete.
Status TransferTree(const StoreLocation& src, const StoreLocation& dst,
                    const TreeTransferPlan& plan, size_t workers,
                    const TransferCallbacks& callbacks = {});

}  // namespace s3c
