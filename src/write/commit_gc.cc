// CollectGarbage (write/commit.h).
#include <fmt/format.h>

#include <set>

#include "s3c/common/strings.h"
#include "s3c/common/time_format.h"
#include "s3c/write/commit.h"
#include "write/commit_internal.h"

namespace s3c::write {
namespace {

// Aborts the uploads in progress under `root` of data paths initiated at or before
// `old_before`; counts them and the younger ones in `out`.
Status AbortStaleUploads(ObjectStore& store, const std::string& root, WallTime old_before,
                         GarbageCollected* out) {
  S3C_ASSIGN_OR_RETURN(std::vector<PendingUpload> uploads, store.ListPendingUploads(root));
  for (const PendingUpload& u : uploads) {
    std::string_view key = u.key;
    if (!StartsWith(key, root) || !IsDataPath(key.substr(root.size()))) continue;
    if (u.initiated > old_before) {
      ++out->uploads_young;
      continue;
    }
    Status st = store.AbortPendingUpload(u);
    if (!st.ok()) {
      return Status(st.code(),
                    fmt::format("garbage collection: aborting the multipart upload {} of {} "
                                "(initiated {}): {}",
                                u.upload_id, store.UriFor(u.key), FormatIso8601(u.initiated),
                                st.message()));
    }
    ++out->uploads_aborted;
  }
  return Status::OK();
}

}  // namespace

Result<GarbageCollected> CollectGarbage(ObjectStore& store, const std::string& root,
                                        const dataset::CommitLog& log,
                                        const CommitOptions& options) {
  GarbageCollected out;
  if (!log.has_records()) return out;
  const Clock& clock = options.clock != nullptr ? *options.clock : SystemClock::Instance();
  const WallTime old_before =
      clock.Now() - std::chrono::duration_cast<WallTime::duration>(options.garbage_grace);
  std::vector<ObjectInfo> state_files;
  S3C_ASSIGN_OR_RETURN(auto objects,
                       ListDataObjects(store, root, &out.list_requests, &state_files));
  std::vector<std::string> doomed;
  std::set<std::string> named;  // the state documents the newest states name
  for (const auto& [id, state] : log.states) named.insert(dataset::RecordedStateRef(state));
  for (const ObjectInfo& o : state_files) {
    if (named.count(o.key) > 0 || o.last_modified > old_before) continue;
    ++out.state_files_deleted;
    doomed.push_back(root + o.key);
  }
  for (const ObjectInfo& o : objects) {
    if (log.live.count(o.key) > 0) continue;
    if (log.retired.count(o.key) > 0) {
      ++out.retired_deleted;
    } else if (o.last_modified <= old_before) {
      ++out.orphans_deleted;
    } else {
      ++out.orphans_young;
      continue;
    }
    doomed.push_back(root + o.key);
  }
  if (!doomed.empty()) {
    Status st = store.DeleteMany(doomed);
    if (!st.ok()) {
      return Status(st.code(), fmt::format("garbage collection under {}: {}", store.UriFor(root),
                                           st.message()));
    }
  }
  S3C_RETURN_IF_ERROR(AbortStaleUploads(store, root, old_before, &out));
  return out;
}

}  // namespace s3c::write
