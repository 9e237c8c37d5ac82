// Looking at and changing the incremental state of a pipeline file's pipelines, as
// `s3c state show|reset|set` does (docs/incremental.md). Each reads the stored document and the
// destination's newest commit record of the state, as a run starts, and shows or replaces the
// newer. A replacement is saved like a run's state: one sequence higher, by compare-and-swap
// (so it fails, naming the document, when a run saved in between).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "s3c/common/env.h"
#include "s3c/common/status.h"
#include "s3c/pipeline/pipeline_file.h"
#include "s3c/state/incremental_state.h"
#include "s3c/store/store_resolver.h"

namespace s3c::pipeline {

struct StateView {
  std::string pipeline, source, destination;
  std::string strategy;          // the source's
  std::string state_uri;         // the stored document
  int64_t stored_sequence = 0;   // 0: no document stored
  int64_t record_sequence = 0;   // 0: no commit record holds this state
  state::IncrementalState state;  // what the next run starts from (the newer of the two)
};

struct StateAdminOptions {
  std::string pipeline;  // "" = every pipeline with an incremental source (show), or the only one
  const Env* env = nullptr;                             // required
  const StoreResolverOptions* store_defaults = nullptr;  // as RunOptions::store_defaults
  const Clock* clock = &SystemClock::Instance();
};

// The state of each selected pipeline. NotFound for an unknown pipeline name;
// InvalidArgument when the named one (or, without a name, every one) reads no incremental source.
Result<std::vector<StateView>> ShowStates(const PipelineFile& file,
                                          const StateAdminOptions& options);

// Replaces the state of one pipeline (options.pipeline, or the file's only incremental one) with
// an empty one: its next run reads everything again (from the strategy's `start`).
Result<StateView> ResetState(const PipelineFile& file, const StateAdminOptions& options);

// Sets members of one pipeline's state: "watermark=<instant>" (last_modified: ISO-8601 or a
// duration before now such as 36h), "last_key=<key>" (key: the listing resumes after it; the
// keys kept inside the lag are dropped, as they would restart the listing before it),
// "cursor_value=<value>" (cursor: rows from it on are read; its boundary rows are dropped).
// Other names, or a member of another strategy, are InvalidArgument.
Result<StateView> SetState(const PipelineFile& file, const std::vector<std::string>& assignments,
                           const StateAdminOptions& options);

// The views as text (one block per pipeline) and as one JSON array.
std::string StateViewsText(const std::vector<StateView>& views);
std::string StateViewsJson(const std::vector<StateView>& views);

}  // namespace s3c::pipeline
