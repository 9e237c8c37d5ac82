// The parts of Commit (write/commit.h) that decide, apart from the store: exposed to the
// module's tests.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "s3c/dataset/commit_log.h"
#include "s3c/store/object_store.h"
#include "s3c/write/modes.h"

namespace s3c::write {

struct CommitInputs {
  WriteMode mode = WriteMode::kError;
  std::string run_id;
  WallTime now{};
  std::string schema_json;
  std::vector<std::string> partition_by;
  std::vector<dataset::DataFile> added;
};

enum class DraftDecision {
  kPublish,           // publish `record`
  kTargetExists,      // error / ignore: the target holds output already
  kNothingToDo,       // append / overwrite_partitions without files
  kAlreadyCommitted,  // every added file is live already (this run's record went through)
};

struct Draft {
  DraftDecision decision = DraftDecision::kPublish;
  dataset::CommitRecord record;
  std::string reason;  // kTargetExists: what was found
};

// Whether a key relative to a dataset root is a data file: not under "_s3c/", not a folder
// marker, and its name does not start with '_' or '.' (the readers' rule).
bool IsDataPath(std::string_view relative);

// The record `in` makes on top of `log` at sequence log.next_sequence. `legacy`: the data
// objects of a root without records (keys relative to the root in ObjectInfo::key), the run's
// own files left out. Aborted when a record in `log` retired one of the added files (a
// concurrent replace or overwrite removed them).
Result<Draft> DraftRecord(const dataset::CommitLog& log, const std::vector<ObjectInfo>& legacy,
                          const CommitInputs& in);

// The data objects under `root` (flat listing), keys made relative to the root; LIST pages
// are added to `*list_requests`. The state documents under dataset::kStateFolder, when
// `state_files` is given, go there (keys relative to the root too).
Result<std::vector<ObjectInfo>> ListDataObjects(ObjectStore& store, const std::string& root,
                                                int64_t* list_requests,
                                                std::vector<ObjectInfo>* state_files = nullptr);

}  // namespace s3c::write
