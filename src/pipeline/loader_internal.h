// The steps of LoadPipeline (pipeline_file.h), each adding its errors to one ConfigErrors.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pipeline/config_errors.h"
#include "pipeline/config_tree.h"
#include "s3c/common/clock.h"
#include "s3c/pipeline/pipeline_file.h"

namespace s3c::pipeline {

// Applies "a.b.c=value" overrides to `root` (a map, or null: then it becomes one): the value
// replaces the one at the path, as a scalar positioned at "--set a.b.c"; missing maps on the
// path are created. Errors: no '=' or an empty path segment; a path through a value or a list.
void ApplyOverrides(ConfigNode& root, const std::vector<std::string>& overrides,
                    ConfigErrors& errors);

// One entry under sources: / destinations:. nullopt when it has errors (added to `errors`).
// `now` fixes the relative times of the read settings while they are checked.
std::optional<SourceSpec> LoadSource(const ConfigEntry& entry, WallTime now, ConfigErrors& errors);
std::optional<DestinationSpec> LoadDestination(const ConfigEntry& entry, ConfigErrors& errors);

// The top-level `prices:` section into `prices` (prices_loader.cc); absent: left as they are.
void LoadPrices(const ConfigNode& root, RequestPrices& prices, ConfigErrors& errors);

// InvalidArgument when a destination URI holds glob characters (*?[{): a destination names one
// object or a prefix. Shared by LoadDestination and SingleStepPipeline.
Status CheckDestinationNotGlob(const std::string& uri);

// A source's incremental: entry; nullopt when it has errors (added to `errors`). `now` fixes
// the relative times of start and end.
std::optional<IncrementalSettings> LoadIncremental(const ConfigEntry& entry, WallTime now,
                                                   ConfigErrors& errors);

// Every pipeline reading an incremental source writes to one dataset destination whose mode
// lets every run add (append, overwrite_partitions, replace).
void CheckIncrementalPipelines(const ConfigNode& root, const PipelineFile& file,
                               ConfigErrors& errors);

// One entry under pipelines:, checked against the sources and destinations loaded (`sources`,
// `destinations`: every name given, loaded or not, so a broken source is not also "missing").
std::optional<PipelineSpec> LoadPipelineEntry(const ConfigEntry& entry,
                                              const std::vector<std::string>& sources,
                                              const std::vector<std::string>& destinations,
                                              ConfigErrors& errors);

}  // namespace s3c::pipeline
