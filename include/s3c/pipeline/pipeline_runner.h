// Running a pipeline file (docs/pipelines.md, "Running"): each pipeline reads its source once
// (OpenLakeRead: partitions pruned, filter, projection), renames, casts and limits the rows
// (BatchTransform), and writes them to each of its destinations (one object, or a dataset of
// many files published by one commit: write/commit.h), under each destination's mode.
//
// Order of a pipeline: every destination's mode is checked before anything is read (PlanWrite:
// error fails here, ignore skips here); when every destination is skipped, the source is not
// read. Then the source is opened (its listing, then the schema from the first objects), the
// transformation is checked against that schema, the writers are opened, the rows flow, and
// each destination is finished in `to` order: a single object is published (its mode checked
// once more), a dataset is committed. A failure before a destination's commit leaves that
// destination as it was (its data files are deleted, its uploads aborted); destinations
// committed before the failure stay committed (each is atomic alone, not all together).
//
// Stores: each source and destination has its own store settings (keys, endpoint, region);
// endpoints with equal settings share one StoreResolver, so one connection pool and one
// credentials chain serve them. The report sums the requests of every resolver.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "s3c/common/clock.h"
#include "s3c/common/env.h"
#include "s3c/common/status.h"
#include "s3c/dataset/read_pipeline_stats.h"
#include "s3c/formats/batch_io.h"
#include "s3c/io/streams.h"
#include "s3c/pipeline/pipeline_file.h"
#include "s3c/pipeline/request_cost.h"
#include "s3c/store/store_resolver.h"

namespace s3c::pipeline {

// Where the running pipeline is: its listing's totals and what it has read so far.
struct RunProgress {
  std::string pipeline;
  int64_t objects_listed = 0;
  uint64_t bytes_listed = 0;      // the listed objects' sizes
  int64_t objects_read = 0;       // objects finished
  // The listed sizes of as many objects as are finished, taken in listing order (the order
  // they finish in, unless the source reads `unordered`).
  uint64_t bytes_read = 0;
  int64_t rows_read = 0;
  int64_t rows_out = 0;
};

// Opens the stream a destination writes when its URI resolves to one (store_location.h: "-"
// for standard output, an existing device or FIFO).
using StreamOpener =
    std::function<Result<std::unique_ptr<OutputStream>>(const std::string& stream_path)>;

struct RunOptions {
  std::string pipeline;  // run only this one ("" = every pipeline, in file order)
  // Check and list, read and write nothing: each destination's mode check (a LIST or a HEAD)
  // and each source's listing, as `s3c run --dry-run` reports them.
  bool dry_run = false;
  const Env* env = nullptr;  // required: the AWS chain of endpoints without keys
  // What an endpoint leaves unset (endpoint URL, region, profile, URL style, retries, part
  // size, ...) comes from here when given (the CLI's global options); null: the AWS chain's.
  const StoreResolverOptions* store_defaults = nullptr;
  const Clock* clock = &SystemClock::Instance();
  RequestPrices prices;
  // Called on the running thread when a pipeline's source is listed and after every batch.
  std::function<void(const RunProgress&)> on_progress;
  // Asked before every batch; true stops the run there (Cancelled). Null: never.
  std::function<bool()> cancelled;
  // A single-object destination whose URI resolves to a stream is written straight into the
  // stream this opens (no mode check, nothing published atomically; SingleStepPipeline makes
  // such destinations, `s3c convert SRC -`). Null: OpenLocalOutput (io/local_file.h).
  StreamOpener open_stream;
  // Incremental sources start from an empty state (everything is read again, from `start`),
  // which the run then saves over the stored one (`s3c run --full-refresh`).
  bool full_refresh = false;
};

enum class DestinationOutcome {
  kWritten,    // a single object published, or a dataset commit published
  kSkipped,    // ignore mode: the target exists, nothing written
  kUnchanged,  // append / overwrite_partitions with no rows: nothing to commit
  kPlanned,    // dry run
};

struct DestinationReport {
  std::string name;
  std::string uri;
  std::string mode;
  DestinationOutcome outcome = DestinationOutcome::kWritten;
  int64_t files = 0;
  int64_t rows = 0;
  uint64_t bytes = 0;
  int64_t commit_sequence = -1;  // a dataset's record (-1: none)
  std::string plan;              // the mode check's one line
};

struct PipelineReport {
  std::string name;
  std::string source;
  int64_t objects_listed = 0;
  int64_t objects_read = 0;
  int64_t rows_read = 0;
  int64_t rows_rejected = 0;
  int64_t rows_filtered = 0;
  int64_t rows_out = 0;
  int64_t quarantined = 0;
  // How the schema changed from object to object (formats::SchemaDrift::ToString), so that a
  // column widened, added or missing in some objects never goes by without a line.
  std::vector<std::string> drift;
  // An incremental source: the listed objects its state rules out (loaded by earlier runs, or
  // older than the window it keeps), and one line on the strategy, what it selected and where
  // the state was saved.
  int64_t objects_not_new = 0;
  std::string incremental;
  // What the read skipped (as `s3c read --stats` shows it): how the listing went, partition
  // folders never listed, listed objects ruled out by partition values or by the listing
  // filters, Parquet row groups and pages skipped by statistics, and the parallel scan's peaks.
  std::string listing_plan;
  int64_t folders_pruned = 0;
  int64_t objects_pruned = 0;
  int64_t objects_filtered = 0;
  formats::PruningCounters format_pruning;
  dataset::ObjectPipelineStats scan;
  std::vector<DestinationReport> destinations;
  double seconds = 0;
};

struct RunReport {
  std::vector<PipelineReport> pipelines;
  StoreRequestStats requests;  // every store of the run
  RequestCost cost;
  double seconds = 0;
};

// Runs the pipelines of `file` (already loaded and validated). The first failing pipeline
// stops the run: its error, with the report of what ran before, in `partial` when given.
// Errors: NotFound for an unknown options.pipeline; a source's read errors; a mode's
// FailedPrecondition; the writers' and the commit's errors; Cancelled.
Result<RunReport> RunPipelineFile(const PipelineFile& file, const RunOptions& options,
                                  RunReport* partial = nullptr);

// The report for people (one block per pipeline, then requests and cost) and as JSON.
std::string RunReportText(const RunReport& report);
std::string RunReportJson(const RunReport& report);

}  // namespace s3c::pipeline
