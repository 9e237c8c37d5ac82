// IncrementalRun (incremental_run.h).
#include "pipeline/incremental_run.h"

#include <fmt/format.h>

#include <algorithm>

#include "s3c/common/json_escape.h"
#include "s3c/common/json_parser.h"
#include "s3c/common/json_value.h"
#include "s3c/common/status_message.h"
#include "s3c/common/time_format.h"
#include "s3c/dataset/dataset_input.h"
#include "s3c/dataset/discovery.h"

namespace s3c::pipeline {
namespace {

// A name as one path segment of the state document's key: letters, digits, '.', '-', '_'.
std::string SafeSegment(const std::string& name) {
  std::string out;
  for (char c : name) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                       c == '.' || c == '-' || c == '_';
    out += plain ? c : '_';
  }
  if (out.empty() || out[0] == '.') out.insert(out.begin(), '_');
  return out;
}

// The same state apart from what every save changes (sequence, run, time).
bool SameContent(state::IncrementalState a, state::IncrementalState b) {
  a.sequence = b.sequence = 0;
  a.run_id = b.run_id = "";
  a.saved_at = b.saved_at = WallTime{};
  return a == b;
}

// The state document a record names (or carries inline).
Result<std::string> RecordedStateText(ObjectStore& store, const std::string& root,
                                      const dataset::RecordedState& recorded,
                                      const std::string& ref) {
  if (ref.empty()) return recorded.json;
  Result<std::unique_ptr<InputStream>> in = store.OpenInput(root + ref);
  if (!in.ok()) {
    return WithMessage(in.status(),
                       fmt::format("the state {} that the destination's newest commit record "
                                   "names: {}",
                                   store.UriFor(root + ref), in.status().message()));
  }
  return (*in)->ReadAll();
}

Result<state::IncrementalState> ParseState(const std::string& text, const std::string& origin) {
  if (text.empty()) return state::IncrementalState{};
  return state::StateFromJson(text, origin);
}

}  // namespace

std::string IncrementalStateId(const PipelineSpec& pipeline, const std::string& source,
                               const std::string& destination) {
  return pipeline.name + "/" + source + "/" + destination;
}

Result<std::string> IncrementalStateUri(const PipelineFile& file, const PipelineSpec& pipeline,
                                        const std::string& source, const std::string& destination,
                                        const Env& env) {
  std::string base = file.state_location;
  if (base.empty()) {
    if (auto dir = env.Get("S3C_STATE_DIR"); dir && !dir->empty()) {
      base = *dir;
    } else if (auto xdg = env.Get("XDG_STATE_HOME"); xdg && !xdg->empty()) {
      base = *xdg + "/s3c";
    } else if (auto home = env.Get("HOME"); home && !home->empty()) {
      base = *home + "/.local/state/s3c";
    } else {
      return FailedPreconditionError(
          "incremental state: no state location (set state: in the file, or S3C_STATE_DIR, "
          "XDG_STATE_HOME or HOME)");
    }
  }
  if (base.back() != '/') base += '/';
  // One folder per pipeline, one document per source and destination.
  return fmt::format("{}{}/{}--{}.json", base, SafeSegment(pipeline.name), SafeSegment(source),
                     SafeSegment(destination));
}

Result<std::unique_ptr<IncrementalRun>> IncrementalRun::Begin(const IncrementalContext& context) {
  std::unique_ptr<IncrementalRun> run(new IncrementalRun(context));
  run->settings_ = &context.source->incremental;
  run->state_id_ = IncrementalStateId(*context.pipeline, context.source->name,
                                      context.destination->name);
  S3C_ASSIGN_OR_RETURN(run->state_uri_,
                       IncrementalStateUri(*context.file, *context.pipeline, context.source->name,
                                           context.destination->name, *context.env));
  S3C_ASSIGN_OR_RETURN(StoreLocation where, context.destination_stores->Resolve(run->state_uri_));
  if (where.is_stdio() || where.store == nullptr) {
    return InvalidArgumentError(fmt::format("state: {} is not a folder or prefix", run->state_uri_));
  }
  run->state_on_s3_ = where.is_s3();
  run->store_ = std::make_unique<state::StateStore>(*where.store, where.key);
  S3C_ASSIGN_OR_RETURN(run->stored_, run->store_->Load());
  S3C_ASSIGN_OR_RETURN(state::IncrementalState stored,
                       ParseState(run->stored_.text, run->state_uri_));
  run->stored_sequence_ = stored.sequence;

  // The destination's newest record of this state: ahead of the stored one when a run was
  // killed between its commit and its save.
  S3C_ASSIGN_OR_RETURN(StoreLocation dest,
                       context.destination_stores->Resolve(context.destination->uri));
  std::string root = dest.key;
  if (!root.empty() && root.back() != '/') root += '/';
  S3C_ASSIGN_OR_RETURN(std::optional<dataset::RecordedState> recorded,
                       dataset::FindRecordedState(*dest.store, root, run->state_id_));
  run->adopted_ = std::move(stored);
  run->adopted_is_stored_ = run->stored_.exists();
  run->destination_store_ = dest.store;
  run->destination_root_ = root;
  if (recorded) {
    run->record_sequence_ = recorded->sequence;
    run->previous_ref_ = dataset::RecordedStateRef(*recorded);
    if (recorded->sequence > run->stored_sequence_) {
      run->adopted_is_stored_ = false;
      S3C_ASSIGN_OR_RETURN(std::string text,
                           RecordedStateText(*dest.store, root, *recorded, run->previous_ref_));
      S3C_ASSIGN_OR_RETURN(run->adopted_,
                           state::StateFromJson(text, dest.UriOf(root) + "_s3c/commits/"));
    }
  }
  const std::string strategy = IncrementalStrategyName(run->settings_->strategy);
  if (context.full_refresh) {
    state::IncrementalState fresh;
    fresh.sequence = run->adopted_.sequence;  // later saves stay ahead of every record
    fresh.conditional_writes_checked = run->adopted_.conditional_writes_checked;
    run->adopted_ = std::move(fresh);
    run->adopted_is_stored_ = false;
  } else if (run->adopted_.sequence > 0 &&
             (run->adopted_.strategy != strategy ||
              (strategy == "cursor" &&
               run->adopted_.cursor_field != run->settings_->cursor.field))) {
    return FailedPreconditionError(fmt::format(
        "{}: the state was saved by strategy {}{}, and source {} now uses {}{}: run with "
        "--full-refresh, or `s3c state reset`, to start over",
        run->state_uri_, run->adopted_.strategy,
        run->adopted_.cursor_field.empty() ? "" : " on " + run->adopted_.cursor_field,
        context.source->name, strategy,
        strategy == "cursor" ? " on " + run->settings_->cursor.field : ""));
  }
  if (run->state_on_s3_ && !context.read_only && !run->adopted_.conditional_writes_checked) {
    S3C_RETURN_IF_ERROR(run->store_->CheckConditionalWrites(context.run_id));
    run->adopted_.conditional_writes_checked = true;
    run->adopted_is_stored_ = false;  // the document should say the check passed
  }
  return run;
}

Status IncrementalRun::PrepareListing(StoreResolver& source_stores) {
  if (settings_->strategy != IncrementalStrategy::kLastModified) return Status::OK();
  S3C_ASSIGN_OR_RETURN(dataset::DatasetInput input,
                       dataset::ResolveDatasetInput(source_stores, context_.source->uri));
  const std::string prefix =
      dataset::HasGlobChars(input.key) ? dataset::GlobListPrefix(input.key) : input.key;
  S3C_ASSIGN_OR_RETURN(std::vector<PendingUpload> uploads,
                       input.store->ListPendingUploads(prefix));
  for (const PendingUpload& u : uploads) {
    if (!oldest_pending_upload_ || u.initiated < *oldest_pending_upload_) {
      oldest_pending_upload_ = u.initiated;
    }
  }
  // The clock of the response just received: before the listing, so an object completed
  // during the listing is not taken as settled.
  server_now_ = input.store->ServerTime();
  if (!server_now_) server_now_ = context_.clock->Now();
  return Status::OK();
}

void IncrementalRun::AttachTo(dataset::LakeReadOptions* read) {
  if (settings_->strategy == IncrementalStrategy::kCursor) {
    // Every listed object is read; the filter keeps the rows from the cursor on (and skips
    // Parquet row groups and pages whose statistics are below it).
    cursor_ = std::make_unique<CursorTracker>(settings_->cursor, adopted_);
    const std::string where = cursor_->Where();
    if (!where.empty()) {
      read->scan.where = read->scan.where.empty()
                             ? where
                             : fmt::format("({}) AND ({})", read->scan.where, where);
    }
    return;
  }
  if (settings_->strategy == IncrementalStrategy::kKey) {
    read->list_start_after = state::KeyListingStart(adopted_, settings_->key);
  }
  read->select_objects = [this](std::vector<ObjectInfo>* objects) { return Select(objects); };
}

Status IncrementalRun::Select(std::vector<ObjectInfo>* objects) {
  Result<state::Selection> chosen = InternalError("no strategy");
  if (settings_->strategy == IncrementalStrategy::kLastModified) {
    if (!server_now_) return InternalError("incremental: PrepareListing was not called");
    chosen = state::SelectByLastModified(adopted_, *objects, settings_->last_modified,
                                         *server_now_, oldest_pending_upload_);
  } else if (settings_->strategy == IncrementalStrategy::kKey) {
    chosen = state::SelectByKey(adopted_, *objects, settings_->key);
  }
  if (!chosen.ok()) {
    return WithMessage(chosen.status(), fmt::format("source {}: {}", context_.source->name,
                                                    chosen.status().message()));
  }
  not_selected_ = static_cast<int64_t>(objects->size() - chosen->to_load.size());
  *objects = chosen->to_load;
  state::IncrementalState& next = chosen->next;
  next.sequence = adopted_.sequence + 1;
  next.run_id = context_.run_id;
  next.saved_at = context_.clock->Now();
  next.strategy = IncrementalStrategyName(settings_->strategy);
  next.conditional_writes_checked = adopted_.conditional_writes_checked;
  loaded_any_ = !chosen->to_load.empty();
  selection_ = std::move(*chosen);
  return Status::OK();
}

Result<std::shared_ptr<columnar::RecordBatch>> IncrementalRun::FilterRows(
    std::shared_ptr<columnar::RecordBatch> batch) {
  if (!cursor_) return batch;
  return cursor_->Apply(std::move(batch));
}

void IncrementalRun::FinishRows() {
  if (!cursor_) return;
  state::Selection done;
  done.advances = !settings_->cursor.end.has_value();
  done.next = adopted_;
  cursor_->Fill(&done.next);
  done.next.sequence = adopted_.sequence + 1;
  done.next.run_id = context_.run_id;
  done.next.saved_at = context_.clock->Now();
  done.next.strategy = "cursor";
  loaded_any_ = cursor_->rows_kept() > 0;
  selection_ = std::move(done);
}

Result<std::optional<dataset::RecordedState>> IncrementalRun::PublishRecordState() {
  // Nothing loaded: nothing for a record to carry (an append commits none; a replace of zero
  // rows commits a record without state, and the stored state stays the newer).
  if (!selection_ || !selection_->advances || !loaded_any_) {
    return std::optional<dataset::RecordedState>();
  }
  const state::IncrementalState& next = selection_->next;
  // Unique per run: of two runs at one sequence, neither can overwrite the other's document.
  own_ref_ = fmt::format("{}{:020}-{}.json", dataset::kStateFolder, next.sequence,
                         context_.run_id);
  WriteOptions options;
  options.content_type = "application/json";
  S3C_RETURN_IF_ERROR(
      destination_store_->Put(destination_root_ + own_ref_, state::StateToJson(next), options)
          .status());
  std::string ref_json = "{\"ref\":";
  AppendJsonString(own_ref_, &ref_json);
  ref_json += "}";
  return std::optional<dataset::RecordedState>(
      dataset::RecordedState{state_id_, next.sequence, std::move(ref_json)});
}

void IncrementalRun::DeleteRecordDocument(const std::string& ref) {
  if (ref.empty()) return;
  // Cleanup only: a document left behind is never read (no record names it).
  (void)destination_store_->Delete(destination_root_ + ref);
}

Status IncrementalRun::Save(bool committed) {
  if (!selection_) return InternalError("incremental: the source was not listed");
  // The documents no record needs: the previous record's, once this one is committed; this
  // run's own when nothing was committed (no record names it).
  if (committed && previous_ref_ != own_ref_) DeleteRecordDocument(previous_ref_);
  if (!committed) DeleteRecordDocument(own_ref_);
  if (!selection_->advances) {
    saved_ = "state not moved (a run bounded by end)";
    return Status::OK();
  }
  if (!loaded_any_ && SameContent(selection_->next, adopted_) &&
      adopted_is_stored_) {
    saved_ = fmt::format("state {} unchanged at {}", adopted_.sequence, state_uri_);
    return Status::OK();
  }
  Result<state::StoredState> saved =
      store_->Save(stored_, state::StateToJson(selection_->next));
  if (saved.ok()) {
    saved_ = fmt::format("state {} saved to {}", selection_->next.sequence, state_uri_);
    return Status::OK();
  }
  if (saved.status().code() != StatusCode::kFailedPrecondition || !committed) {
    return saved.status();
  }
  // Committed, then another run saved first: fine when that run's state is at least as new
  // (it adopted this run's record); otherwise the state is behind the destination.
  S3C_ASSIGN_OR_RETURN(state::StoredState now, store_->Load());
  S3C_ASSIGN_OR_RETURN(state::IncrementalState theirs, ParseState(now.text, state_uri_));
  if (theirs.sequence >= selection_->next.sequence) {
    saved_ = fmt::format("state {} was already saved by run {} at {}", theirs.sequence,
                         theirs.run_id, state_uri_);
    return Status::OK();
  }
  return saved.status();
}

Result<state::IncrementalState> IncrementalRun::SaveReplacement(
    state::IncrementalState replacement) {
  replacement.sequence = adopted_.sequence + 1;
  replacement.run_id = context_.run_id;
  replacement.saved_at = context_.clock->Now();
  replacement.strategy = IncrementalStrategyName(settings_->strategy);
  replacement.conditional_writes_checked = adopted_.conditional_writes_checked;
  S3C_RETURN_IF_ERROR(store_->Save(stored_, state::StateToJson(replacement)).status());
  return replacement;
}

std::string IncrementalRun::Summary() const {
  std::string out = fmt::format("incremental {}: ", IncrementalStrategyName(settings_->strategy));
  if (!selection_) return out + fmt::format("state {} at {}", adopted_.sequence, state_uri_);
  if (cursor_) {
    out += fmt::format("{} row(s) from {} on, {} loaded before dropped", cursor_->rows_kept(),
                       settings_->cursor.field, cursor_->rows_dropped());
  } else {
    out += fmt::format("{} new object(s), {} listed not new", selection_->to_load.size(),
                       not_selected_);
  }
  if (adopted_.sequence > stored_sequence_ && record_sequence_ == adopted_.sequence) {
    out += fmt::format("; adopted state {} from the destination's commit record", adopted_.sequence);
  }
  const state::IncrementalState& next = selection_->next;
  if (next.watermark) out += "; watermark " + FormatIso8601(*next.watermark);
  if (!next.last_key.empty()) out += "; last key " + next.last_key;
  if (next.cursor_value) out += "; cursor value " + *next.cursor_value;
  if (!saved_.empty()) out += "; " + saved_;
  return out;
}

}  // namespace s3c::pipeline
