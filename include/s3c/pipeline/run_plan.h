// The cost plan of a pipeline file (docs/pipelines.md, "Planning"; `s3c plan`): per pipeline,
// without reading any data, the objects and bytes its source's run will read, the requests per
// S3 operation the run will send, and their estimated price.
//
// Source side, exact: the plan lists the source as the run lists it (dataset::ListLakeAsRead:
// partitions pruned, listing filters and limits, commit records; the same requests, which the
// plan sends once itself and the run sends again), then PlanSource prices the reads of the
// listed objects as the scan makes them: a text object (CSV, TSV, JSON, JSON Lines, text, any
// compression) is one streaming read from byte 0 to its end (ObjectStore::
// WholeStreamReadRequests: ranged GETs ramping up to the read chunk size); a Parquet object
// costs its footer reads, then its projected column chunks merged as the reader merges them
// (formats::parquet::ParquetFileReader::PlanWholeRead), and, when the filter names columns of
// the files, only the row groups and pages the filter keeps, after the page index reads the
// run makes (ParquetFileReader::PlanRead, with the filter bound to the object's columns as
// dataset::BindRowGroupPredicate binds it). An object of at most whole_object_bytes is one GET
// of its size. To know the chunks the plan reads each larger Parquet footer itself, and its
// page index when the filter judges its columns (metadata, never data): those GETs, and the
// HEAD of a single key the run reads without looking at it first, are the plan's own
// requests, reported apart.
//
// Not exact, and said so (SourcePlan::exact false, with the reason in `notes`): a Parquet
// object the filter does not bind to (a column it lacks or holds with another type: its row
// groups are counted as read whole); a pipeline with a `limit` (the run may stop before the
// last object).
//
// Destination side, estimated: each destination's mode check, one data file and the commit
// (DestinationPlan::requests), labelled as an estimate: how many files and parts the output
// takes depends on its size, which only the run knows.
//
// Incremental sources (docs/incremental.md): the plan starts from the state the run would
// adopt (SourcePlan::state: the stored document's GET, the LIST of the destination's commit
// records and the GET of the newest) and lists as the run does (`key`: from start-after;
// `last_modified`: after one ListMultipartUploads, counted in the listing), so `objects` are
// the new ones only. PlanSource takes the objects after any selection.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "s3c/common/env.h"
#include "s3c/common/status.h"
#include "s3c/dataset/dataset_scan.h"
#include "s3c/dataset/lake_read.h"
#include "s3c/pipeline/pipeline_file.h"
#include "s3c/pipeline/request_cost.h"
#include "s3c/store/object_store.h"
#include "s3c/store/store_resolver.h"

namespace s3c::pipeline {

using RequestCounts = std::map<std::string, uint64_t>;  // S3 operation -> requests

struct SourcePlan {
  std::string name;  // the source's
  std::string uri;
  int64_t objects = 0;        // objects the run reads
  uint64_t object_bytes = 0;  // their sizes
  RequestCounts listing;      // the run's listing requests (the plan sent the same)
  RequestCounts state;        // an incremental source: reading its state (the run sends these)
  RequestCounts reads;        // the run's reads of data
  uint64_t read_bytes = 0;    // bytes those reads fetch
  RequestCounts plan_only;    // requests the plan alone sent (Parquet footers, a key's HEAD)
  uint64_t plan_only_bytes = 0;
  bool exact = true;
  std::vector<std::string> notes;  // why the figures are not exact
};

struct DestinationPlan {
  std::string name;
  std::string uri;
  std::string mode;
  RequestCounts requests;  // an estimate (one data file, the commit)
  std::string note;        // what the estimate assumes
};

struct PipelinePlan {
  std::string name;
  SourcePlan source;
  std::vector<DestinationPlan> destinations;
  RequestCounts run_requests;  // listing + reads + the destinations' estimate
  RequestCost cost;            // of run_requests
  double transfer_usd = 0;     // source.read_bytes at prices.transfer_per_gb
  double usd = 0;              // cost.usd + transfer_usd
};

struct RunPlan {
  std::vector<PipelinePlan> pipelines;
  RequestCounts plan_requests;  // what making the plan sent (listings, footers, HEADs)
  uint64_t plan_bytes = 0;      // the bytes those requests downloaded
  RequestCost plan_cost;
  RequestPrices prices;
  double usd = 0;               // the pipelines' usd, summed
};

struct PlanOptions {
  std::string pipeline;  // plan only this one ("" = every pipeline)
  const Env* env = nullptr;  // required
  const StoreResolverOptions* store_defaults = nullptr;
  const Clock* clock = &SystemClock::Instance();
};

// The requests sent between two snapshots of a resolver's counts.
RequestCounts Sent(const RequestCounts& before, const RequestCounts& after);

// PlanSource's view of the read: the scan options the run reads with (after the pipeline's
// `select` and `where`), the listing's root, and whether the pipeline may stop early.
struct SourceReadSpec {
  dataset::ScanOptions scan;
  std::string root_prefix;     // dataset::DiscoveredDataset::root_prefix
  bool may_stop_early = false;  // a `limit`
};

// Prices the reads of `objects` (the run's, after listing and any selection) from `store`
// into `plan` (objects, reads, plan_only, exact): see the header comment. Objects without
// details (ObjectInfo::KeyOnly) are looked at with one HEAD, counted in plan_only. Errors: a
// format that cannot be told, a Parquet footer that does not read or decode, the store's.
Status PlanSource(ObjectStore& store, const std::vector<ObjectInfo>& objects,
                  const SourceReadSpec& read, SourcePlan& plan);

// The plan of every pipeline of `file` (or options.pipeline), priced at file.prices.
// Errors: NotFound for an unknown pipeline; a source's listing and PlanSource's errors.
Result<RunPlan> PlanPipelineFile(const PipelineFile& file, const PlanOptions& options);

// The source side of one pipeline (listing and reads), with the source's own stores.
// `narrow`, when given, runs on the read options after `before` is measured and before the
// listing: an incremental source's hooks (start-after, the selection; its ListMultipartUploads
// is then part of the listing).
using ListingNarrower = std::function<Status(dataset::LakeReadOptions* read)>;
Result<SourcePlan> PlanPipelineSource(const PipelineFile& file, const PipelineSpec& spec,
                                      StoreResolver& stores, WallTime now,
                                      const ListingNarrower& narrow = nullptr);

// A source's max_requests and max_cost_usd (read_settings.h), judged on the run's own listing:
// the hook OpenLakeRead calls with what it listed (LakeReadOptions::before_scan) plans the reads
// of those objects with `scan` (PlanSource: footers of Parquet objects over 1 MiB are read
// once more, a single key not looked at gets a HEAD) and adds the requests `stores` sent since
// `listing_from` (the listing, and an incremental source's ListMultipartUploads). The
// destinations are not counted: only the run knows their size. nullptr when neither limit is
// set. The hook returns FailedPrecondition "source <name>: the plan makes 1,204 requests;
// max_requests is 1000: nothing was read" when a limit is exceeded.
dataset::LakeReadOptions::BeforeScan SourceLimitsCheck(const PipelineFile& file,
                                                       const SourceSpec& source,
                                                       const SourceReadSpec& read,
                                                       StoreResolver& stores,
                                                       RequestCounts listing_from);

// For people (one block per pipeline) and as JSON.
std::string RunPlanText(const RunPlan& plan);
std::string RunPlanJson(const RunPlan& plan);

}  // namespace s3c::pipeline
