// Which listed objects a run loads, from the state earlier runs left (docs/incremental.md), for
// the two strategies that decide per object: `last_modified` and `key`. Pure functions over a
// listing: the runner lists (for `key`, from KeyListingStart), selects, reads what was selected
// and, once its destination is committed, saves `next`.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "s3c/common/clock.h"
#include "s3c/common/status.h"
#include "s3c/state/incremental_state.h"
#include "s3c/store/object_store.h"

namespace s3c::state {

// What to do with a tracked key whose ETag changed (the object was rewritten).
enum class OnOverwrite { kReload, kIgnore, kError };
Result<OnOverwrite> ParseOnOverwrite(std::string_view word);  // reload | ignore | error

struct Selection {
  std::vector<ObjectInfo> to_load;  // in listing order
  IncrementalState next;            // the state to save after the load is committed
  // Whether saving `next` moves the state (false for a run bounded by `end`: a backfill).
  bool advances = true;
};

// last_modified: S3's LastModified has whole seconds and is, for a multipart upload, the time
// the upload started, so an object may appear long after its timestamp. An object is loaded
// when its (key, ETag) was not loaded before and its LastModified is at or after
// watermark - lookback (every object on the first run, or from `start`). The next watermark is
// the smallest of: the newest LastModified loaded, server_now - settle, and the start of the
// oldest multipart upload still in progress under the source; never below the previous one.
// The keys loaded inside the next window are kept; when they exceed max_tracked_objects the
// selection fails (ResourceExhausted) rather than forget any.
struct LastModifiedOptions {
  Duration lookback = std::chrono::hours(1);
  Duration settle = std::chrono::seconds(5);
  int64_t max_tracked_objects = 100000;
  OnOverwrite on_overwrite = OnOverwrite::kReload;
  std::optional<WallTime> start;  // first run: only objects modified at or after
  std::optional<WallTime> end;    // only objects modified before; the state does not move
};
Result<Selection> SelectByLastModified(const IncrementalState& previous,
                                       const std::vector<ObjectInfo>& listed,
                                       const LastModifiedOptions& options, WallTime server_now,
                                       std::optional<WallTime> oldest_pending_upload);

// key: for keys that sort by time. The listing resumes after the oldest of the last `lag`
// keys loaded (uploads may finish out of order); those keys are kept and not loaded again; a
// key that appears below them is not seen (the lag bounds how late a key may arrive).
struct KeyOptions {
  int64_t lag = 1000;  // keys kept behind the newest loaded
  // First run: keys after this one (S3 start-after: a prefix such as "logs/2024/01/07/"
  // takes that day's keys).
  std::optional<std::string> start;
  std::optional<std::string> end;  // keys before; the state does not move
};
// The start-after of the run's listing ("" = from the prefix's first key).
std::string KeyListingStart(const IncrementalState& previous, const KeyOptions& options);
Result<Selection> SelectByKey(const IncrementalState& previous,
                              const std::vector<ObjectInfo>& listed, const KeyOptions& options);

}  // namespace s3c::state
