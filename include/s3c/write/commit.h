// The commit of a dataset write (docs/commit-protocol.md): a write is split into tasks that
// write data files under the root and return their entries (dataset::DataFile), and this one
// commit that publishes them, so the tasks can run anywhere. Commit:
//   1. checks every entry (a HEAD only for an entry without its ETag: a record never claims a
//      file that does not exist);
//   2. loads the commit log (dataset/commit_log.h) and drafts the record the mode asks for;
//   3. publishes it at the next sequence with If-None-Match; when another run took that
//      sequence it loads the log again and drafts again (error / ignore: the other run won);
//   4. writes <root>_SUCCESS, deletes the files the record removed (DeleteMany batches),
//      writes the log's checkpoint when the record's sequence is a multiple of
//      CommitOptions::checkpoint_interval, and collects garbage.
// Until step 3 succeeds readers see the previous output; after it, exactly the new one
// (readers follow the records, not the files present). A kill anywhere leaves one of the two;
// the next commit finishes what was left (deletes retired files, orphans after the grace).
//
// A root with no records yet ("legacy": written by something else): its data objects last
// modified before the run started (CommitOptions::run_started) count as its content. The first
// record adopts them (append, overwrite_partitions: the files kept are added to the record with
// rows -1, so readers still read them) or removes them (replace); error and ignore find the
// target exists. Newer objects are this run's or a concurrent run's files in flight: they are
// left to their run's commit (or to garbage collection once it is clear no run claims them).
// Once a root holds records, objects other tools write there are never read and are deleted
// after the grace period. Files whose name starts with '_' or '.' are left alone.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "s3c/columnar/schema.h"
#include "s3c/common/clock.h"
#include "s3c/common/status.h"
#include "s3c/dataset/commit_log.h"
#include "s3c/dataset/data_file.h"
#include "s3c/store/object_store.h"
#include "s3c/write/modes.h"

namespace s3c::write {

struct CommitOptions {
  const Clock* clock = nullptr;  // not owned; null = the system clock (record time, grace)
  // Partition columns in order (recorded; overwrite_partitions reads an adopted legacy file's
  // values from its Hive folders with these names).
  std::vector<std::string> partition_by;
  // A file under the root that no record claims is deleted once it is older than this (time
  // of the injected clock against the object's last-modified), and a multipart upload under
  // the root is aborted once initiated longer ago than this. It must exceed the longest write
  // run: a running write's files are unclaimed until its commit, its uploads in progress.
  Duration garbage_grace = std::chrono::hours(1);
  bool collect_garbage = true;
  // When the run started (before its first data file; the store's clock and this one should
  // agree within a second, the resolution of S3's Last-Modified). Unset: every object under a
  // root without records is legacy content (a concurrent first write would be taken for it).
  std::optional<WallTime> run_started;
  int max_attempts = 64;  // sequences lost to other runs before giving up (Aborted)
  // The incremental state this run's load leads to (docs/incremental.md), written into the
  // record. The log is where runs of one pipeline serialize: when the log (the records back to
  // the newest baseline, or a checkpoint and the records after it) already holds a state of
  // the same id with this sequence or a higher one, another run loaded the same objects and
  // committed first, so this run's files are deleted and Commit fails with FailedPrecondition
  // (nothing published).
  std::optional<dataset::RecordedState> state;
  // After publishing record N (N > 0, a multiple of this), the commit writes the checkpoint of
  // the log up to N (dataset/commit_log.h), so loading reads at most this many records after
  // it. 0: never. A failed checkpoint write does not fail the commit (CommitResult::cleanup).
  int checkpoint_interval = 100;
};

enum class CommitOutcome {
  kCommitted,  // a record was published (or the log already held these files: see attempts)
  kSkipped,    // ignore mode and the target exists: this run's files were deleted
  kUnchanged,  // append / overwrite_partitions with no files: nothing to commit
};

struct GarbageCollected {
  int64_t retired_deleted = 0;  // files a published record removed, still present
  int64_t orphans_deleted = 0;  // files no record claims, older than the grace
  int64_t orphans_young = 0;    // files no record claims, kept (maybe a running write's)
  // State documents under _s3c/state/ that no newest state of the log names (a killed or
  // losing incremental run's, or a superseded one whose delete failed), older than the grace.
  int64_t state_files_deleted = 0;
  int64_t list_requests = 0;    // LIST pages of the root's objects
  // Multipart uploads in progress under the root (ObjectStore::ListPendingUploads): those
  // initiated before the grace are a killed run's and are aborted (S3 bills their parts until
  // then); younger ones may be a running write's and are kept.
  int64_t uploads_aborted = 0;
  int64_t uploads_young = 0;
};

struct CommitResult {
  CommitOutcome outcome = CommitOutcome::kCommitted;
  int64_t sequence = -1;        // the record published
  std::string record_key;
  int64_t files_added = 0;      // in the record (adopted legacy files too)
  int64_t files_removed = 0;    // in the record
  int attempts = 0;             // sequences tried
  GarbageCollected garbage;
  // The checkpoint of the log up to this record (CommitOptions::checkpoint_interval) when
  // this commit wrote it or found it written; "" when none was due or its write failed.
  std::string checkpoint_key;
  // OK, or the first failure after the record was published (_SUCCESS, deletes, checkpoint,
  // garbage):
  // the commit stands, readers see the new output, the next run finishes the cleanup.
  Status cleanup;
};

// Publishes `added` (files this run wrote under `root`, "" or ending in '/') under `mode`.
// Errors: FailedPrecondition when mode error finds the target exists (another run won; this
// run's files are deleted first), Aborted when a concurrent run's record removed one of these
// files or max_attempts sequences were lost, DataLoss for a record that does not parse, the
// store's errors (the record is then not published, or its state is unknown: re-run).
Result<CommitResult> Commit(ObjectStore& store, const std::string& root, WriteMode mode,
                            const std::string& run_id, const columnar::Schema& schema,
                            std::vector<dataset::DataFile> added,
                            const CommitOptions& options = {});

// Deletes the data files of this run (a failed or losing run), as Commit's loser does.
Status DiscardDataFiles(ObjectStore& store, const std::string& root,
                        const std::vector<dataset::DataFile>& files);

// Lists `root` flat and deletes what `log` does not claim: retired files at once, others once
// older than options.garbage_grace; then lists the multipart uploads in progress under `root`
// (S3: one ListMultipartUploads per 1000) and aborts those initiated before the grace. Does
// nothing for a log without records (every object of a legacy root is its data, and its
// uploads may be another tool's). Keys under "_s3c/" and names starting with '_' or '.' are
// kept, as files and as uploads.
Result<GarbageCollected> CollectGarbage(ObjectStore& store, const std::string& root,
                                        const dataset::CommitLog& log,
                                        const CommitOptions& options);

}  // namespace s3c::write
