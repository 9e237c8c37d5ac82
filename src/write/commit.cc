// Commit and DiscardDataFiles (write/commit.h).
#include "s3c/write/commit.h"

#include <fmt/format.h>

#include "s3c/formats/schema_json.h"
#include "write/commit_internal.h"

namespace s3c::write {
namespace {

using dataset::CommitLog;
using dataset::DataFile;

// Fills the size and ETag of entries that lack an ETag with a HEAD, which also proves the
// file exists: a record never claims a missing file.
Status CheckEntries(ObjectStore& store, const std::string& root, std::vector<DataFile>* files) {
  for (DataFile& f : *files) {
    if (f.path.empty() || f.path.front() == '/' || !IsDataPath(f.path)) {
      return InvalidArgumentError(fmt::format(
          "commit: '{}' is not a data file path below the root {} (relative, no '_' or '.' "
          "name, not under _s3c/)",
          f.path, store.UriFor(root)));
    }
    if (!f.etag.empty()) continue;
    Result<ObjectInfo> info = store.Stat(root + f.path);
    if (!info.ok()) {
      return Status(info.status().code(),
                    fmt::format("commit: data file {} of this run: {}", store.UriFor(root + f.path),
                                info.status().message()));
    }
    f.size = info->size;
    f.etag = info->etag;
    if (f.modification_time == WallTime{}) f.modification_time = info->last_modified;
  }
  return Status::OK();
}

// Whether an object under a root without records is its content from before this run: not
// one of the run's files, and older than the run (with a second of slack: S3 keeps whole
// seconds), so not a concurrent run's file in flight.
bool IsLegacy(const ObjectInfo& o, const std::vector<DataFile>& added,
              const CommitOptions& options) {
  for (const DataFile& f : added) {
    if (f.path == o.key) return false;
  }
  return !options.run_started || o.last_modified < *options.run_started - std::chrono::seconds(1);
}

// The end of a run that finds the target taken (error, ignore): its own files go.
Result<CommitResult> LoseTo(ObjectStore& store, const std::string& root, WriteMode mode,
                            const std::vector<DataFile>& added, const std::string& reason) {
  S3C_RETURN_IF_ERROR(DiscardDataFiles(store, root, added));
  if (mode == WriteMode::kIgnore) {
    CommitResult result;
    result.outcome = CommitOutcome::kSkipped;
    return result;
  }
  return FailedPreconditionError(fmt::format(
      "{} already exists (mode error): {}; this run's {} data file(s) were deleted",
      store.UriFor(root), reason, added.size()));
}

// Whether the commit of record `sequence` writes the log's checkpoint.
bool CheckpointDue(int64_t sequence, int interval) {
  return interval > 0 && sequence > 0 && sequence % interval == 0;
}

// After the record is published: _SUCCESS, the removed files, the checkpoint when due,
// garbage. `log` is the log the record was drafted on (every record before it, as loading
// replays them, from a checkpoint or not). Failures are kept in result->cleanup (the commit
// stands).
void CleanUp(ObjectStore& store, const std::string& root, const dataset::CommitRecord& record,
             CommitLog log, const CommitOptions& options, CommitResult* result) {
  auto keep_first = [&](Status st) {
    if (!st.ok() && result->cleanup.ok()) result->cleanup = std::move(st);
  };
  keep_first(dataset::WriteSuccessMarker(store, root, record));
  std::vector<std::string> removed;
  for (const std::string& path : record.removed) removed.push_back(root + path);
  if (!removed.empty()) keep_first(store.DeleteMany(removed));
  dataset::ApplyCommitRecord(record, &log);  // now the replay up to this record
  if (CheckpointDue(record.sequence, options.checkpoint_interval)) {
    Status checkpoint = dataset::PublishCheckpoint(store, root, log);
    if (checkpoint.ok()) result->checkpoint_key = dataset::CheckpointKey(root, record.sequence);
    keep_first(std::move(checkpoint));
  }
  if (!options.collect_garbage) return;
  Result<GarbageCollected> garbage = CollectGarbage(store, root, log, options);
  if (garbage.ok()) {
    result->garbage = *garbage;
  } else {
    keep_first(garbage.status());
  }
}

}  // namespace

Status DiscardDataFiles(ObjectStore& store, const std::string& root,
                        const std::vector<DataFile>& files) {
  std::vector<std::string> keys;
  for (const DataFile& f : files) keys.push_back(root + f.path);
  if (keys.empty()) return Status::OK();
  return store.DeleteMany(keys);
}

Result<CommitResult> Commit(ObjectStore& store, const std::string& root, WriteMode mode,
                            const std::string& run_id, const columnar::Schema& schema,
                            std::vector<DataFile> added, const CommitOptions& options) {
  if (!root.empty() && root.back() != '/') {
    return InvalidArgumentError(fmt::format("commit root '{}' must end in '/'", root));
  }
  const Clock& clock = options.clock != nullptr ? *options.clock : SystemClock::Instance();
  S3C_RETURN_IF_ERROR(CheckEntries(store, root, &added));
  CommitInputs in;
  in.mode = mode;
  in.run_id = run_id;
  in.schema_json = formats::SchemaColumnsJson(schema);
  in.partition_by = options.partition_by;
  in.added = std::move(added);
  CommitResult result;
  for (result.attempts = 1; result.attempts <= options.max_attempts; ++result.attempts) {
    S3C_ASSIGN_OR_RETURN(CommitLog log, dataset::LoadCommitLog(store, root));
    std::vector<ObjectInfo> legacy;
    if (!log.has_records()) {
      int64_t requests = 0;
      S3C_ASSIGN_OR_RETURN(legacy, ListDataObjects(store, root, &requests));
      std::erase_if(legacy, [&](const ObjectInfo& o) { return !IsLegacy(o, in.added, options); });
    }
    in.now = clock.Now();
    S3C_ASSIGN_OR_RETURN(Draft draft, DraftRecord(log, legacy, in));
    switch (draft.decision) {
      case DraftDecision::kTargetExists:
        return LoseTo(store, root, mode, in.added, draft.reason);
      case DraftDecision::kNothingToDo:
        result.outcome = CommitOutcome::kUnchanged;
        return result;
      case DraftDecision::kAlreadyCommitted:
        result.outcome = CommitOutcome::kCommitted;
        return result;
      case DraftDecision::kPublish:
        break;
    }
    if (options.state) {
      auto newer = log.states.find(options.state->id);
      if (newer != log.states.end() && newer->second.sequence >= options.state->sequence) {
        S3C_RETURN_IF_ERROR(DiscardDataFiles(store, root, in.added));
        return FailedPreconditionError(fmt::format(
            "{}: another run of {} committed incremental state {} while this run loaded "
            "for state {} (the same objects): this run published nothing and its {} data "
            "file(s) were deleted",
            store.UriFor(root), options.state->id, newer->second.sequence,
            options.state->sequence, in.added.size()));
      }
      draft.record.state = options.state;
    }
    Status published = dataset::PublishCommitRecord(store, root, draft.record);
    if (published.code() == StatusCode::kFailedPrecondition) continue;  // sequence taken
    S3C_RETURN_IF_ERROR(published);
    result.sequence = draft.record.sequence;
    result.record_key = dataset::CommitRecordKey(root, draft.record.sequence);
    result.files_added = static_cast<int64_t>(draft.record.added.size());
    result.files_removed = static_cast<int64_t>(draft.record.removed.size());
    CleanUp(store, root, draft.record, std::move(log), options, &result);
    return result;
  }
  return AbortedError(fmt::format(
      "commit of run {} to {}: {} sequence numbers were taken by other runs; run it again",
      run_id, store.UriFor(root), options.max_attempts));
}

}  // namespace s3c::write
