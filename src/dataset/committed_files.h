// The objects of a dataset root that holds commit records (commit_log.h): exactly its live
// files, pruned by their partition values. Private to dataset (discovery).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "s3c/common/status.h"
#include "s3c/dataset/partition_listing.h"
#include "s3c/store/object_store.h"

namespace s3c::dataset {

struct CommittedFiles {
  bool committed = false;           // the root holds records: objects below are its live files
  std::vector<ObjectInfo> objects;  // key order, details from the records (size, ETag, time)
  int64_t objects_pruned = 0;       // live files the pruner ruled out
  int64_t list_requests = 0;        // the LIST of root + "_s3c/commits/", when one was sent
  int64_t log_gets = 0;             // GETs of records and of a checkpoint (commit_log.h)
  int64_t checkpoint_sequence = -1;  // the checkpoint the log was loaded from (-1: none)
  std::string checkpoint_fallback;   // why the newest checkpoint was not read (CommitLog)
  int64_t sequence = -1;            // the newest record
};

// Whether `root` holds commit records, from what its listing saw (`seen`, and the objects it
// found, `listed`), and if so its committed files. Costs no request when the listing saw the
// root's level and no "_s3c/" in it, nor when it never saw the root's level (a walk that went
// straight to the folders the filter names) and none of its files holds an s3c run id
// (NameHoldsRunId: s3c did not write them); else one LIST of root + "_s3c/commits/"; then one
// GET per record read (newest back to the newest replace, or to the newest checkpoint: one
// GET more). Not `committed`: no records (read
// the listing as it is; list_requests still counts a probe that found none).
// The one case this misses: a pruned walk that finds, in the folders it lists, only files of
// other tools in a root s3c committed to (files adopted by its first commit, or written there
// since): they are read, where a listing of the root would have read only committed files.
Result<CommittedFiles> FindCommittedFiles(ObjectStore& store,
                                                         const std::string& root,
                                                         const RootMetadataSeen& seen,
                                                         const std::vector<ObjectInfo>& listed,
                                                         const Partitioning& partitioning,
                                                         const PartitionPruner& pruner);

}  // namespace s3c::dataset
