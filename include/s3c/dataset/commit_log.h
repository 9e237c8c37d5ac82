// The commit log of a dataset s3c wrote (docs/commit-protocol.md): one JSON record per
// successful write run at `<root>_s3c/commits/<20-digit sequence>.json`, created with
// If-None-Match so two runs can never publish the same sequence, then `<root>_SUCCESS`
// pointing at the newest record. Replaying the records in sequence order gives the dataset's
// live files; readers of a prefix that holds records read exactly those (discovery.h).
//
// Record (JSON object; unknown members are ignored, so later versions can add some):
//   {"format":"s3c-commit","version":1,"sequence":3,"run_id":"...","timestamp":<ms>,
//    "mode":"append","partition_by":["day"],"schema":<formats::SchemaColumnsJson>,
//    "replaces_all":false,"replaced_partitions":[{"day":"2024-01-05"}],
//    "add":[{"path":"day=2024-01-05/part-0.parquet","partitionValues":{"day":"2024-01-05"},
//            "size":123,"modificationTime":<ms>,"dataChange":true,"stats":"{...}",
//            "rows":2,"etag":"..."}],
//    "remove":[{"path":"...","deletionTimestamp":<ms>,"dataChange":true}],
//    "incremental":{"id":"...","sequence":4,"state":{...}}}   (only for incremental runs)
// `add` and `remove` entries use Delta Lake's action field names (PROTOCOL.md "Add File and
// Remove File"), so a Delta log can be written from them. "rows" is -1 for a file adopted
// from before the first commit (its rows were never counted).
//
// Replay: live = {}; for each record in sequence order: a record with replaces_all empties
// live; its removes leave live; its adds enter live. A record with replaces_all is a baseline:
// loading reads records from the newest back to the newest baseline only.
//
// Checkpoint: the replay up to record N, at `<root>_s3c/commits/<20-digit N>.checkpoint.json`,
// written by the commit of record N when N is a multiple of CommitOptions::checkpoint_interval
// (write/commit.h; 100 by default), so that a log of an append every hour (8760 records a year)
// is not read whole by every load. Loading starts from the newest checkpoint unless a baseline
// is newer: one GET for it, one per record after it.
//   {"format":"s3c-checkpoint","version":1,"sequence":200,"partition_by":["day"],
//    "live":[<the add entries of the live files, as in a record>],
//    "retired":["day=2024-01-04/old.parquet"],
//    "states":[{"id":"...","sequence":4,"state":{...}}]}   (the newest state of each id)
// Unknown members are ignored. The log up to N never changes, so two runs that write the same
// checkpoint write the same content (the second one's If-None-Match is refused, harmlessly).
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "s3c/common/status.h"
#include "s3c/dataset/data_file.h"
#include "s3c/store/object_store.h"

namespace s3c::dataset {

// s3c's metadata folder below a dataset root; a reader never takes anything under it as data
// (it is hidden by the '_' rule too).
inline constexpr std::string_view kMetadataFolder = "_s3c/";
inline constexpr std::string_view kCommitsFolder = "_s3c/commits/";
inline constexpr std::string_view kSuccessMarker = "_SUCCESS";

using PartitionValues = std::vector<std::pair<std::string, std::optional<std::string>>>;

// The incremental state (state/incremental_state.h) a run saved with this record: the state
// after its load, identified by `id` (the pipeline, source and destination). Opaque here: the
// dataset module keeps the JSON text (the pipeline writes {"ref": "<path of the document
// under the root>"}, so records stay small); `sequence` is the state's own, which orders the
// saves.
struct RecordedState {
  std::string id;
  int64_t sequence = 0;
  std::string json;  // one JSON object
  friend bool operator==(const RecordedState&, const RecordedState&) = default;
};

// Where incremental runs write the state documents their records name, under the root.
inline constexpr std::string_view kStateFolder = "_s3c/state/";

// The path under the root of the state document `state` names ({"ref": "<path>"}); "" for a
// state carried inline or unreadable JSON.
std::string RecordedStateRef(const RecordedState& state);

struct CommitRecord {
  int64_t sequence = 0;
  std::string run_id;
  WallTime time{};
  std::string mode;          // the write mode's name (write/modes.h)
  std::vector<std::string> partition_by;
  std::string schema_json;   // formats::SchemaColumnsJson text; "" = none recorded ("[]" kept)
  bool replaces_all = false; // replace: every file before this record is gone
  std::vector<PartitionValues> replaced_partitions;  // overwrite_partitions
  std::vector<DataFile> added;
  std::vector<std::string> removed;  // paths relative to the root
  // Member "incremental": {"id":...,"sequence":N,"state":{...}}; absent for a run without.
  std::optional<RecordedState> state;
};

// `root` ("" or ending in '/') + "_s3c/commits/" + the sequence as 20 digits + ".json".
std::string CommitRecordKey(std::string_view root, int64_t sequence);
// The sequence a key under the commits folder names, or nullopt for any other name (a
// checkpoint's too).
std::optional<int64_t> CommitSequenceOf(std::string_view key);
// `root` + "_s3c/commits/" + the sequence as 20 digits + ".checkpoint.json".
std::string CheckpointKey(std::string_view root, int64_t sequence);
// The sequence a checkpoint key names, or nullopt for any other name (a record's too).
std::optional<int64_t> CheckpointSequenceOf(std::string_view key);

// Whether the file name of `key` (after its last '/') holds an s3c run id: a UTC time as
// YYYYMMDDTHHMMSSZ, '-', 12 lower-case hex digits (write/file_naming.h makes them, and every
// data file name s3c writes holds its run's). A listing whose files hold none was not written
// by s3c, so a reader needs not ask whether commit records govern it.
bool NameHoldsRunId(std::string_view key);

// The record as JSON text (one line), and back. Parse errors are DataLoss (a record that does
// not read is corrupt: nothing retries it) naming `source` (the record's URI) and the
// position: the JSON parser's line and byte offset for bad syntax, the member path
// ("add[2].size") and what was expected for a bad field.
std::string CommitRecordJson(const CommitRecord& record);
Result<CommitRecord> ParseCommitRecord(std::string_view text, const std::string& source);

// The dataset as the records say.
struct CommitLog {
  int64_t next_sequence = 0;   // one past the highest record listed (0: no records)
  // Records fetched: from the newest back to the newest baseline or to the checkpoint used.
  int64_t records_read = 0;
  int64_t checkpoint_sequence = -1;  // the checkpoint the replay started from (-1: none)
  // Why the newest checkpoint was not used ("" when it was, or when there is none to use):
  // it did not read or parse, so the records before it were read instead (the same result,
  // at the cost of one GET per record).
  std::string checkpoint_fallback;
  std::map<std::string, DataFile> live;  // by path
  // Paths a record added or removed that are not live now: a run that deletes them deletes
  // nothing a reader reads (files a replace removed, when the deletes were interrupted).
  std::set<std::string> retired;
  std::vector<std::string> partition_by;  // of the newest record
  // The newest state of each id among the records read (from the newest back to a baseline)
  // and the checkpoint they start from.
  std::map<std::string, RecordedState> states;
  int64_t list_requests = 0;
  int64_t get_requests = 0;  // records_read, plus one for a checkpoint read (or tried)

  bool has_records() const { return next_sequence > 0; }
};

// Lists `root`_s3c/commits/ (one LIST per 1000 records and checkpoints) and loads the log:
// the newest checkpoint not older than the newest baseline and not past the newest record
// (one GET), then the records after it (one GET each); without such a checkpoint, the records
// from the newest back to the newest baseline. A checkpoint that does not read or parse is
// replaced by the records before it (checkpoint_fallback says why); a record that does not is
// an error (DataLoss naming it).
Result<CommitLog> LoadCommitLog(ObjectStore& store, const std::string& root);
// The same from the keys a listing already returned (every key under the commits folder;
// other keys are ignored), sending no LIST.
Result<CommitLog> LoadCommitLogFrom(ObjectStore& store, const std::string& root,
                                    const std::vector<ObjectInfo>& listed);

// Replays one more record on top of `log` (the one a run just published): as loading would.
void ApplyCommitRecord(const CommitRecord& record, CommitLog* log);

// The newest state recorded for `id` (RecordedState): lists the commits folder (one LIST per
// 1000 keys) and reads records from the newest back, stopping at the first that holds `id`,
// at a baseline, or at the newest checkpoint (one GET: it holds the newest state of every id
// as of its record; unreadable, the records before it are read on); nullopt when none does.
// Usually one LIST and one GET.
Result<std::optional<RecordedState>> FindRecordedState(ObjectStore& store,
                                                       const std::string& root,
                                                       const std::string& id);

// The checkpoint of `log` (a replay of every record up to log.next_sequence - 1, as loading
// makes it) as JSON text (one line), and back: a CommitLog with live, retired, partition_by,
// states and next_sequence = its sequence + 1, no counters. Parse errors as for records.
std::string CheckpointJson(const CommitLog& log);
Result<CommitLog> ParseCheckpoint(std::string_view text, const std::string& source);
// Creates the checkpoint of `log` (which has records) with If-None-Match; a checkpoint already
// there (another run's of the same log) is OK. Errors name the checkpoint's URI.
Status PublishCheckpoint(ObjectStore& store, const std::string& root, const CommitLog& log);

// Creates the record's key with If-None-Match: FailedPrecondition when the sequence is taken.
Status PublishCommitRecord(ObjectStore& store, const std::string& root,
                           const CommitRecord& record);
// Writes `root`_SUCCESS: {"format":"s3c-success","sequence":N,"record":"_s3c/commits/...",
// "run_id":"...","timestamp":<ms>}. Unconditional: a marker names a committed record, not
// necessarily the newest when two runs commit at once (readers go by the log, not the marker).
Status WriteSuccessMarker(ObjectStore& store, const std::string& root,
                          const CommitRecord& record);

}  // namespace s3c::dataset
