// The incremental bookkeeping of one run of a pipeline whose source has `incremental:`
// (docs/incremental.md). Its order, which makes a load exactly once:
//  1. Begin: load the stored state (StateStore) and the newest state the destination's commit
//     records hold for this pipeline, source and destination; adopt the one with the higher
//     sequence (a run killed between its commit and its save left the record ahead). An S3
//     state location is checked once for conditional writes.
//  2. AttachTo: the source's listing resumes where the state says (`key`: start-after) and
//     the listed objects are narrowed to those not loaded yet (`select`); for last_modified,
//     PrepareListing first lists the multipart uploads in progress under the source and takes
//     the server's clock.
//  3. RecordState: the state after this load, which the destination's commit carries; the
//     commit is refused when a record already holds this sequence (another run loaded the
//     same objects and committed first).
//  4. Save, after the commit: compare-and-swap on the stored document.
// A run killed before 3 leaves state and destination as they were (the next run loads the
// same objects, once); killed between 3 and 4, the next run adopts the record's state.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "pipeline/cursor_tracker.h"
#include "s3c/columnar/record_batch.h"
#include "s3c/common/clock.h"
#include "s3c/common/env.h"
#include "s3c/common/status.h"
#include "s3c/dataset/commit_log.h"
#include "s3c/dataset/lake_read.h"
#include "s3c/pipeline/pipeline_file.h"
#include "s3c/state/incremental_state.h"
#include "s3c/state/object_selection.h"
#include "s3c/state/state_store.h"
#include "s3c/store/store_resolver.h"

namespace s3c::pipeline {

struct IncrementalContext {
  const PipelineFile* file = nullptr;
  const PipelineSpec* pipeline = nullptr;
  const SourceSpec* source = nullptr;
  const DestinationSpec* destination = nullptr;  // the one dataset destination
  StoreResolver* destination_stores = nullptr;   // also resolves an S3 state location
  const Env* env = nullptr;                      // the default state directory
  const Clock* clock = nullptr;
  std::string run_id;
  bool full_refresh = false;  // start from an empty state (then saved over the stored one)
  bool read_only = false;     // a dry run, `s3c state show`: no probe, no save
};

// Where the state of `pipeline` (reading `source` into `destination`) lives: the document's
// URI under the file's `state:` location, or the default state directory ($S3C_STATE_DIR,
// else $XDG_STATE_HOME/s3c, else $HOME/.local/state/s3c). The id names the state in commit
// records.
std::string IncrementalStateId(const PipelineSpec& pipeline, const std::string& source,
                               const std::string& destination);
Result<std::string> IncrementalStateUri(const PipelineFile& file, const PipelineSpec& pipeline,
                                        const std::string& source, const std::string& destination,
                                        const Env& env);

class IncrementalRun {
 public:
  static Result<std::unique_ptr<IncrementalRun>> Begin(const IncrementalContext& context);

  // last_modified only (no-op otherwise): lists the uploads in progress under the source's
  // listing prefix and reads the store's clock. Call before the source is listed.
  Status PrepareListing(StoreResolver& source_stores);
  // Sets the listing hooks of the source's read. `this` must outlive the read's listing.
  void AttachTo(dataset::LakeReadOptions* read);

  // cursor: the batch without the rows loaded before (CursorTracker); other strategies: as is.
  Result<std::shared_ptr<columnar::RecordBatch>> FilterRows(
      std::shared_ptr<columnar::RecordBatch> batch);
  // cursor: after the last batch, makes the next state from the rows seen (before the commit).
  void FinishRows();

  // After the rows, before the commit: writes the next state as a document beside the
  // destination's commit records (`<root>_s3c/state/<sequence>-<run id>.json`) and returns
  // what the record carries: its id, sequence and {"ref": that path} (nullopt for a run bounded
  // by `end`, which does not move the state). Records stay small; a run that adopts reads the
  // document they name. One PUT.
  Result<std::optional<dataset::RecordedState>> PublishRecordState();
  // After the destination committed or had nothing to commit: saves the next state.
  // FailedPrecondition when another run saved a state at least as new first and this run's
  // destination had nothing committed (with a commit, a newer stored state is taken as fine).
  Status Save(bool committed);

  // `s3c state reset|set`: saves `replacement` as the next state (one sequence above the
  // adopted one), by compare-and-swap on the stored document; returns what was saved.
  Result<state::IncrementalState> SaveReplacement(state::IncrementalState replacement);

  // One line for the run report: strategy, what was selected, where the state is.
  std::string Summary() const;
  int64_t objects_not_new() const { return not_selected_; }
  const state::IncrementalState& adopted() const { return adopted_; }
  const std::string& state_uri() const { return state_uri_; }
  int64_t stored_sequence() const { return stored_sequence_; }
  int64_t record_sequence() const { return record_sequence_; }

 private:
  explicit IncrementalRun(const IncrementalContext& context) : context_(context) {}
  void DeleteRecordDocument(const std::string& ref);  // best effort
  Status Select(std::vector<ObjectInfo>* objects);

  IncrementalContext context_;
  const IncrementalSettings* settings_ = nullptr;
  std::unique_ptr<state::StateStore> store_;
  state::StoredState stored_;
  std::string state_id_;
  std::string state_uri_;
  bool state_on_s3_ = false;
  int64_t stored_sequence_ = 0;
  int64_t record_sequence_ = 0;  // of the destination's newest record holding this state
  state::IncrementalState adopted_;
  bool adopted_is_stored_ = false;  // adopted_ is the stored document as it is
  std::optional<WallTime> server_now_;
  std::optional<WallTime> oldest_pending_upload_;
  std::optional<state::Selection> selection_;
  std::unique_ptr<CursorTracker> cursor_;
  bool loaded_any_ = false;  // objects selected, or rows kept
  ObjectStore* destination_store_ = nullptr;
  std::string destination_root_;
  std::string previous_ref_;  // the document the destination's newest record names
  std::string own_ref_;       // the one this run wrote (PublishRecordState)
  int64_t not_selected_ = 0;
  std::string saved_;  // what Save did, for Summary
};

}  // namespace s3c::pipeline
