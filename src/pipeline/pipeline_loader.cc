// LoadPipeline and the lookups of PipelineFile (pipeline_file.h): the file's top level.
#include <fmt/format.h>

#include <algorithm>

#include "pipeline/config_errors.h"
#include "pipeline/interpolation.h"
#include "pipeline/loader_internal.h"
#include "pipeline/setting_keys.h"
#include "pipeline/yaml_tree.h"
#include "s3c/pipeline/pipeline_file.h"

namespace s3c::pipeline {
namespace {

const std::vector<std::string> kTopKeys = {"sources", "destinations", "pipelines", "state",
                                           "prices"};

template <typename T>
const T* FindByName(const std::vector<T>& items, std::string_view name) {
  for (const T& item : items) {
    if (item.name == name) return &item;
  }
  return nullptr;
}

// The entries of a section that must be a map of named items; null (reported) otherwise.
const ConfigEntry* Section(const ConfigNode& root, const std::string& key, ConfigErrors& errors) {
  const ConfigEntry* e = root.Find(key);
  if (e == nullptr) return nullptr;
  if (e->value.kind != ConfigNode::Kind::kMap || e->value.entries.empty()) {
    errors.Add(e->value.position,
               fmt::format("{}: expected a map of named {}, got {}", key, key,
                           e->value.kind == ConfigNode::Kind::kMap ? "an empty map"
                                                                   : KindName(e->value.kind)));
    return nullptr;
  }
  return e;
}

std::vector<std::string> NamesOf(const ConfigEntry* section) {
  std::vector<std::string> names;
  if (section != nullptr) {
    for (const ConfigEntry& e : section->value.entries) names.push_back(e.key);
  }
  return names;
}

// `sources`, `destinations`, `pipelines`: the sections (null when absent or broken).
void LoadPipelines(const ConfigNode& root, const ConfigEntry* sources,
                   const ConfigEntry* destinations, const ConfigEntry* pipelines,
                   PipelineFile& file, ConfigErrors& errors) {
  Position top{file.origin, 1, 1};
  if (!root.Find("sources")) errors.Add(top, "the file has no sources: (what to read)");
  if (!root.Find("destinations")) errors.Add(top, "the file has no destinations: (where to write)");
  std::vector<std::string> source_names = NamesOf(sources);
  std::vector<std::string> destination_names = NamesOf(destinations);
  if (pipelines != nullptr) {
    for (const ConfigEntry& e : pipelines->value.entries) {
      auto p = LoadPipelineEntry(e, source_names, destination_names, errors);
      if (p) file.pipelines.push_back(std::move(*p));
    }
  } else if (!root.Find("pipelines") && sources != nullptr && destinations != nullptr) {
    if (source_names.size() == 1 && destination_names.size() == 1) {
      // The short form: one source into one destination.
      PipelineSpec p;
      p.name = source_names[0] + "_to_" + destination_names[0];
      p.from = source_names[0];
      p.to = destination_names;
      file.pipelines.push_back(std::move(p));
    } else {
      errors.Add(top, fmt::format("without pipelines:, a file holds one source and one "
                                  "destination (this one has {} and {}): add pipelines: with "
                                  "from and to",
                                  source_names.size(), destination_names.size()));
    }
  }
}

}  // namespace

const SourceSpec* PipelineFile::FindSource(std::string_view name) const {
  return FindByName(sources, name);
}
const DestinationSpec* PipelineFile::FindDestination(std::string_view name) const {
  return FindByName(destinations, name);
}
const PipelineSpec* PipelineFile::FindPipeline(std::string_view name) const {
  return FindByName(pipelines, name);
}

Status PipelineFile::CheckPipelineChosen(std::string_view name) const {
  if (name.empty() || FindPipeline(name) != nullptr) return Status::OK();
  std::vector<std::string> names;
  for (const PipelineSpec& p : pipelines) names.push_back(p.name);
  return NotFoundError(
      fmt::format("{}: no pipeline \"{}\"{}", origin, name, DidYouMean(std::string(name), names)));
}

Result<PipelineFile> LoadPipeline(std::string_view text, const LoadOptions& options) {
  PipelineFile file;
  file.origin = options.origin;
  S3C_ASSIGN_OR_RETURN(ConfigNode root, ParseYaml(text, options.origin));
  ConfigErrors errors;
  ApplyOverrides(root, options.overrides, errors);
  InterpolateTree(root, *options.env, errors, file.secrets);
  // A value that failed to interpolate cannot be checked: report these errors (and the
  // overrides') alone rather than the consequences of a half-made value.
  S3C_RETURN_IF_ERROR(errors.ToStatus(file.secrets));
  if (root.kind != ConfigNode::Kind::kMap) {
    errors.Add(Position{options.origin, 1, 1},
               fmt::format("expected a map with sources:, destinations: and pipelines:, got {}",
                           KindName(root.kind)));
    return errors.ToStatus(file.secrets);
  }
  for (const ConfigEntry& e : root.entries) {
    if (std::find(kTopKeys.begin(), kTopKeys.end(), e.key) == kTopKeys.end()) {
      errors.Add(e.key_position,
                 fmt::format("unknown key '{}' at the top level{}", e.key, DidYouMean(e.key, kTopKeys)));
    }
  }
  const ConfigEntry* sources = Section(root, "sources", errors);
  const ConfigEntry* destinations = Section(root, "destinations", errors);
  const ConfigEntry* pipelines = Section(root, "pipelines", errors);
  if (sources != nullptr) {
    for (const ConfigEntry& e : sources->value.entries) {
      if (auto s = LoadSource(e, options.now, errors)) file.sources.push_back(std::move(*s));
    }
  }
  if (destinations != nullptr) {
    for (const ConfigEntry& e : destinations->value.entries) {
      if (auto d = LoadDestination(e, errors)) file.destinations.push_back(std::move(*d));
    }
  }
  LoadPipelines(root, sources, destinations, pipelines, file, errors);
  if (const ConfigEntry* state = root.Find("state")) {
    Result<std::string> where = StringValue("state", state->value);
    if (!where.ok()) {
      errors.Add(state->value.position, where.status().message());
    } else if (where->empty()) {
      errors.Add(state->value.position, "state: expected a folder or prefix URI, got \"\"");
    } else {
      file.state_location = *where;
    }
  }
  CheckIncrementalPipelines(root, file, errors);
  LoadPrices(root, file.prices, errors);
  S3C_RETURN_IF_ERROR(errors.ToStatus(file.secrets));
  return file;
}

}  // namespace s3c::pipeline
