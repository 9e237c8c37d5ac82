// Moving one object between two locations (store_location.h): a server-side copy when both ends
// are on S3; an offset download (ObjectStore::ReadInto + OutputStream::WriteAt) for a big S3
// object into a local file; a streamed copy otherwise (read-ahead on the source, multipart on
// an S3 destination). Either end may be a stream (stdin/stdout, a device, a FIFO).
// Contract: the destination publishes only when every byte arrived (writers commit in Close());
// a source shorter or longer than its known size is DataLoss and publishes nothing; a source
// that is missing creates no file (the destination opens with the first byte); a cancelled
// transfer returns Cancelled and publishes nothing.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "s3c/common/status.h"
#include "s3c/store/store_location.h"

namespace s3c {

struct TransferItem {
  std::string src_key;                 // ignored for a stream source
  std::optional<ObjectInfo> src_info;  // size and ETag from a listing or a Stat: saves a HEAD
  std::string dst_key;                 // ignored for a stream destination
};

// What a transfer tells its caller, and how the caller stops it. Every member may be empty.
struct TransferCallbacks {
  // Bytes that reached the destination. Called from any thread (the transport's during an
  // offset download), concurrently: keep it cheap and thread-safe.
  std::function<void(uint64_t bytes)> on_bytes;
  // The size of an object whose size was not known when the transfer started (no src_info),
  // learned from the source's first response: `bytes` more to expect over `objects` more.
  std::function<void(uint64_t bytes, uint64_t objects)> on_totals;
  // Asked before each object and between chunks; true stops the transfer with Cancelled.
  // Called from any thread.
  std::function<bool()> cancelled;
  // TransferTree only: one call per object of the plan that was attempted, with its result;
  // calls never overlap (they may come from different threads).
  std::function<void(const TransferItem& item, const Status& result)> on_object_done;
};

// The item for copying the one object (or stream) `src` names to `dst`: a destination that is
// folder-like (or a bucket root) gets the source's base name ("stdin" for a stream). A download
// from S3 needs no HEAD (its first ranged GET gives size and ETag); the other sources are
// stat'ed (a server-side copy needs the size first; a local Stat costs no request), so a
// missing source is NotFound here. A folder-like source is InvalidArgument.
Result<TransferItem> PlanObjectTransfer(const StoreLocation& src, const StoreLocation& dst);

// Copies `item` from `src`'s store (or stream) to `dst`'s store (or stream).
Status TransferObject(const StoreLocation& src, const StoreLocation& dst,
                      const TransferItem& item, const TransferCallbacks& callbacks = {});

// "a/b" + "c" = "a/b/c"; "" + "c" = "c"; "a/" + "c" = "a/c".
std::string JoinKey(const std::string& prefix, const std::string& rest);

}  // namespace s3c
