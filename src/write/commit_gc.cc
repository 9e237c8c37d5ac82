// CollectGarbage (write/commit.h).
#include <fmt/format.h>

#include "s3c/write/commit.h"
#include "write/commit_internal.h"

namespace s3c::write {

Result<GarbageCollected> CollectGarbage(ObjectStore& store, const std::string& root,
                                        const dataset::CommitLog& log,
                                        const CommitOptions& options) {
  GarbageCollected out;
  if (!log.has_records()) return out;
  const Clock& clock = options.clock != nullptr ? *options.clock : SystemClock::Instance();
  const WallTime old_before =
      clock.Now() - std::chrono::duration_cast<WallTime::duration>(options.garbage_grace);
  S3C_ASSIGN_OR_RETURN(auto objects, ListDataObjects(store, root, &out.list_requests));
  std::vector<std::string> doomed;
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
  return out;
}

}  // namespace s3c::write
