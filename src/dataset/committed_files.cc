// FindCommittedFiles (committed_files.h).
#include "dataset/committed_files.h"

#include <algorithm>

#include "s3c/dataset/commit_log.h"

namespace s3c::dataset {

Result<CommittedFiles> FindCommittedFiles(ObjectStore& store, const std::string& root,
                                          const RootMetadataSeen& seen,
                                          const std::vector<ObjectInfo>& listed,
                                          const Partitioning& partitioning,
                                          const PartitionPruner& pruner) {
  CommittedFiles out;
  if (seen.listed && !seen.metadata_seen) return out;
  if (!seen.listed && std::none_of(listed.begin(), listed.end(),
                                   [](const ObjectInfo& o) { return NameHoldsRunId(o.key); })) {
    return out;  // no file s3c wrote: no probe
  }
  CommitLog log;
  if (seen.listed_flat) {
    S3C_ASSIGN_OR_RETURN(log, LoadCommitLogFrom(store, root, seen.metadata_keys));
  } else {
    S3C_ASSIGN_OR_RETURN(log, LoadCommitLog(store, root));
  }
  out.list_requests = log.list_requests;
  if (!log.has_records()) return out;
  out.committed = true;
  out.log_gets = log.get_requests;
  out.checkpoint_sequence = log.checkpoint_sequence;
  out.checkpoint_fallback = std::move(log.checkpoint_fallback);
  out.sequence = log.next_sequence - 1;
  for (const auto& [path, file] : log.live) {
    ObjectInfo info;
    info.key = root + path;
    info.size = file.size;
    info.etag = file.etag;
    info.last_modified = file.modification_time;
    if (pruner.may_match) {
      // As the listing judges objects: Hive values from the whole key, a template's below root.
      std::string_view rel = info.key;
      if (partitioning.kind == Partitioning::Kind::kTemplate) rel.remove_prefix(root.size());
      auto values = ExtractPartitionValues(partitioning, rel);
      if (values.ok() && !values->empty() && !pruner.may_match(*values)) {
        ++out.objects_pruned;
        continue;
      }
    }
    out.objects.push_back(std::move(info));
  }
  return out;
}

}  // namespace s3c::dataset
