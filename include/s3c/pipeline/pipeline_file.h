// A pipeline file (docs/pipelines.md): named sources, named destinations and the pipelines that
// read one source and write it to one or more destinations, loaded from YAML, interpolated from
// the environment and validated whole before anything runs. The model is what a runner needs:
// per source and destination its URI, its own store settings (endpoint, region, keys: one
// pipeline may read from one account and write to another) and its settings as text, plus the
// checked write settings; per pipeline its transformations.
//
// Loading never touches the network or the stores. Every error of a file is reported at once,
// each "<file>:<line>:<column>: <message>" (or "--set <path>: <message>" for an override),
// sorted by position, with every secret (secret_values.h) shown as "***".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "s3c/common/clock.h"
#include "s3c/common/env.h"
#include "s3c/common/status.h"
#include "s3c/pipeline/batch_transform.h"
#include "s3c/pipeline/incremental_settings.h"
#include "s3c/pipeline/read_settings.h"
#include "s3c/pipeline/request_cost.h"
#include "s3c/pipeline/secret_values.h"
#include "s3c/pipeline/write_settings.h"
#include "s3c/store/store_resolver.h"

namespace s3c::pipeline {

enum class Connector { kS3, kLocal };

// Where a source reads or a destination writes, and how to reach it.
struct Endpoint {
  std::string name;  // the key under sources: / destinations:
  Connector connector = Connector::kS3;
  // The data URI: "s3://bucket/key", "s3://bucket/prefix/", a glob, "file:///abs/path" or a
  // local path. A destination's URI is one object, or a prefix when it ends with '/'.
  std::string uri;
  // The store settings of this endpoint alone: its keys (or none: the AWS chain), endpoint,
  // region, profile, anonymous access, URL style. A runner keeps one StoreResolver per distinct
  // setting.
  StoreResolverOptions store;
};

struct SourceSpec : Endpoint {
  ReadSettings read;  // as given; BuildLakeReadOptions(read, now, SettingNames(kKey)) builds it
  IncrementalSettings incremental;  // strategy kNone: every run reads everything
};

struct DestinationSpec : Endpoint {
  bool single_object = true;  // `key` (one object) rather than `path_prefix` (a dataset)
  WriteSettings write;        // as given
  CheckedWriteSettings checked;
};

struct PipelineSpec {
  std::string name;
  std::string from;             // a source's name
  std::vector<std::string> to;  // destinations' names: read once, written to each
  std::vector<std::string> select;  // columns kept, in this order; empty = all
  std::string where;                // a filter (expr/filter.h); "" = none
  // rename (old -> new, in file order), cast (column -> type, parsed: schema_spec.h), limit
  TransformSpec transform;
};

struct PipelineFile {
  std::string origin;  // the file name as given
  std::vector<SourceSpec> sources;
  std::vector<DestinationSpec> destinations;
  std::vector<PipelineSpec> pipelines;  // in file order; one when the file has no pipelines:
  SecretValues secrets;                 // to redact every later output of a run
  // `state:` at the top level: where incremental sources keep their state (a folder or
  // prefix URI: "s3://bucket/path/", a local path); "" = the default state directory.
  std::string state_location;
  // `prices:` (request_cost.h), what a plan and a run's report price requests and bytes at.
  RequestPrices prices;

  const SourceSpec* FindSource(std::string_view name) const;
  const DestinationSpec* FindDestination(std::string_view name) const;
  const PipelineSpec* FindPipeline(std::string_view name) const;
  // OK for "" (every pipeline) or a pipeline's name; else NotFound "<origin>: no pipeline
  // \"NAME\" (did you mean ...)", as a run or a plan of one pipeline reports it.
  Status CheckPipelineChosen(std::string_view name) const;
};

struct LoadOptions {
  std::string origin;  // the file's name in messages
  const Env* env = nullptr;  // for interpolation; required
  // "dotted.path=value" overrides, applied to the parsed file before interpolation and
  // validation (docs/pipelines.md); a missing key on the path is created.
  std::vector<std::string> overrides;
  WallTime now;  // fixes the relative times of read settings while checking them
};

// Parses, applies the overrides, interpolates and validates `text`. InvalidArgument listing
// every error, one per line, as described above. Stages stop the load: a YAML syntax error is
// reported alone; errors of overrides and interpolation are reported together, before any
// validation (a value that failed to interpolate cannot be checked); then every validation
// error. The read settings of one source, and the write settings of one destination, report
// their first error (they are built as the CLI builds its flags).
Result<PipelineFile> LoadPipeline(std::string_view text, const LoadOptions& options);

// A short, redacted description of what would run: each pipeline with its source and
// destinations (URI, format, mode, credentials kind), as `s3c validate` prints it.
std::string PipelineSummary(const PipelineFile& file);

}  // namespace s3c::pipeline
