// CheckIncrementalPipelines (loader_internal.h): what a pipeline reading an incremental source
// must be, checked with the file so that `s3c validate` says it before any run.
#include <fmt/format.h>

#include "pipeline/loader_internal.h"

namespace s3c::pipeline {
namespace {

// Where to blame a pipeline: its entry under pipelines:, else (the short form) its source's.
Position PipelinePosition(const ConfigNode& root, const PipelineSpec& p) {
  for (const char* section : {"pipelines", "sources"}) {
    const ConfigEntry* s = root.Find(section);
    if (s == nullptr) continue;
    const std::string& name = std::string(section) == "pipelines" ? p.name : p.from;
    if (const ConfigEntry* e = s->value.Find(name)) return e->key_position;
  }
  return Position{"", 1, 1};
}

}  // namespace

void CheckIncrementalPipelines(const ConfigNode& root, const PipelineFile& file,
                               ConfigErrors& errors) {
  for (const PipelineSpec& p : file.pipelines) {
    const SourceSpec* source = file.FindSource(p.from);
    if (source == nullptr || source->incremental.strategy == IncrementalStrategy::kNone) continue;
    const Position at = PipelinePosition(root, p);
    if (p.to.size() != 1) {
      errors.Add(at, fmt::format("pipeline {}: source {} is incremental, so the pipeline writes "
                                 "to exactly one destination (its commit records carry the "
                                 "state), not {}",
                                 p.name, p.from, p.to.size()));
      continue;
    }
    const DestinationSpec* d = file.FindDestination(p.to[0]);
    if (d == nullptr) continue;
    if (d->single_object) {
      errors.Add(at, fmt::format("pipeline {}: source {} is incremental, so destination {} must "
                                 "be a dataset (path_prefix), not the single object {}",
                                 p.name, p.from, d->name, d->uri));
    } else if (d->checked.mode == write::WriteMode::kError ||
               d->checked.mode == write::WriteMode::kIgnore) {
      errors.Add(at, fmt::format("pipeline {}: source {} is incremental, so destination {} takes "
                                 "mode append, overwrite_partitions or replace, not {} (every "
                                 "run after the first would find the target exists)",
                                 p.name, p.from, d->name, write::WriteModeName(d->checked.mode)));
    }
  }
}

}  // namespace s3c::pipeline
