// PlanSource, PlanPipelineSource and PlanPipelineFile (run_plan.h).
#include "s3c/pipeline/run_plan.h"

#include <fmt/format.h>

#include "pipeline/incremental_run.h"

#include "pipeline/resolver_pool.h"
#include "s3c/common/status_message.h"
#include "s3c/dataset/dataset_reader.h"
#include "s3c/dataset/lake_read.h"
#include "s3c/formats/parquet/parquet_reader.h"
#include "s3c/formats/format_registry.h"

namespace s3c::pipeline {

RequestCounts Sent(const RequestCounts& before, const RequestCounts& after) {
  RequestCounts out;
  for (const auto& [op, n] : after) {
    auto it = before.find(op);
    const uint64_t earlier = it == before.end() ? 0 : it->second;
    if (n > earlier) out[op] = n - earlier;
  }
  return out;
}

namespace {

void AddTo(RequestCounts& into, const RequestCounts& more) {
  for (const auto& [op, n] : more) into[op] += n;
}

// An object of at most whole_object_bytes the run reads whole in one request, chunks included,
// whatever its statistics say. (An empty object is no Parquet file: the plan's open then fails
// as the run's would.)
bool ReadWhole(const ObjectInfo& object, const dataset::ScanOptions& scan) {
  return object.size > 0 && object.size <= scan.dataset.read.parquet.whole_object_bytes;
}

// A Parquet object: the run opens it (the footer reads, which the plan's own open repeats with
// the same footer_guess, so they count the same), then reads the projected chunks of the row
// groups its filter keeps; one it reads whole (ReadWhole) is one GET of its size, and the plan
// need not open it. A filter on the files' columns is bound to this object's columns and its
// partition and virtual columns, as the run binds it to the dataset's, and the plan makes the
// page index reads the run makes (PlanRead). Returns why that filter does not bind to this
// object's columns (a column it lacks, or one of another type), "" when it does or no filter
// names the files' columns: an object it does not bind to is counted with its chunks whole.
Result<std::string> PlanParquet(ObjectStore& store, const ObjectInfo& object,
                                const dataset::ScanOptions& scan,
                                const dataset::ScanFileColumns& columns, bool counts_requests,
                                SourcePlan& plan) {
  formats::parquet::ParquetReadOptions options = scan.dataset.read.parquet;
  if (ReadWhole(object, scan)) {
    if (counts_requests) plan.reads["GetObject"] += 1;
    plan.read_bytes += object.size;
    return std::string();
  }
  options.object_name = store.UriFor(object.key);
  options.columns = columns.read;
  options.predicate = nullptr;
  S3C_ASSIGN_OR_RETURN(std::unique_ptr<RandomAccessFile> file,
                       store.OpenRandomAccess(object.key, object));
  S3C_ASSIGN_OR_RETURN(auto reader, formats::parquet::ParquetFileReader::Open(
                                        std::shared_ptr<RandomAccessFile>(std::move(file)),
                                        options));
  const formats::parquet::ParquetReadStats footer = reader->stats();
  std::shared_ptr<const columnar::RowGroupPredicate> predicate;
  std::string unbound;
  if (!columns.filtered.empty()) {
    auto bind = dataset::BindRowGroupPredicate(*reader->file_schema(), {object}, scan);
    if (bind.ok()) {
      predicate = std::move(*bind);
    } else {
      unbound = bind.status().message();
    }
  }
  // The scan sets a predicate whenever the read has a filter (dataset_scan.cc); one that judges
  // no column of the files selects nothing, which PlanWholeRead counts without a read.
  formats::parquet::ParquetReadPlan read;
  if (predicate != nullptr) {
    S3C_ASSIGN_OR_RETURN(read, reader->PlanRead(predicate));
  } else {
    S3C_ASSIGN_OR_RETURN(read, reader->PlanWholeRead(!scan.where.empty()));
  }
  if (counts_requests) plan.reads["GetObject"] += static_cast<uint64_t>(footer.reads + read.reads);
  plan.read_bytes += static_cast<uint64_t>(footer.bytes_read + read.bytes);
  return unbound;
}

// The run's read options of a pipeline's source, as the runner builds them.
Result<dataset::LakeReadOptions> RunReadOptions(const SourceSpec& source,
                                                const PipelineSpec& spec, WallTime now) {
  S3C_ASSIGN_OR_RETURN(dataset::LakeReadOptions read,
                       BuildLakeReadOptions(source.read, now, SettingNames(SettingSpelling::kKey)));
  if (!spec.select.empty()) read.scan.columns = spec.select;
  if (!spec.where.empty()) {
    read.scan.where =
        read.scan.where.empty() ? spec.where : fmt::format("({}) AND ({})", read.scan.where, spec.where);
  }
  return read;
}

// What a destination's write will send at least: the mode check, one data file, the commit
// (write/modes.h, docs/architecture.md "The commit protocol costs a few requests").
DestinationPlan EstimateDestination(const DestinationSpec& d) {
  DestinationPlan out;
  out.name = d.name;
  out.uri = d.uri;
  out.mode = std::string(write::WriteModeName(d.checked.mode));
  if (d.connector == Connector::kLocal) {
    out.note = "a local folder: no requests";
    return out;
  }
  const bool checked =
      d.checked.mode == write::WriteMode::kError || d.checked.mode == write::WriteMode::kIgnore;
  if (d.single_object) {
    // The mode's HEAD before reading and again before the publish; one PutObject.
    if (checked) out.requests["HeadObject"] = 2;
    out.requests["PutObject"] = 1;
    out.note = "estimate: one PutObject; an output above the multipart threshold is "
               "CreateMultipartUpload, one UploadPart per part and CompleteMultipartUpload";
    return out;
  }
  if (checked) out.requests["ListObjectsV2"] += 1;  // the mode check
  // One data file; the commit: the log's LIST, the record and _SUCCESS, the garbage LIST and
  // the ListMultipartUploads of the root.
  out.requests["PutObject"] = 3;
  out.requests["ListObjectsV2"] += 2;
  out.requests["ListMultipartUploads"] = 1;
  out.note =
      "estimate: one data file (each more file is a PutObject, a file above the "
      "multipart threshold a multipart upload); one GET per commit record already there "
      "after the newest checkpoint or replace, one for the checkpoint";
  return out;
}

}  // namespace

Status PlanSource(ObjectStore& store, const std::vector<ObjectInfo>& objects,
                  const SourceReadSpec& read, SourcePlan& plan) {
  dataset::ScanOptions scan = read.scan;
  scan.dataset.root_prefix = read.root_prefix;
  S3C_ASSIGN_OR_RETURN(dataset::ScanFileColumns columns, dataset::FileColumnsOf(objects, scan));
  // A store whose streaming read sends nothing (local folder, memory) sends no request at all.
  const bool counts_requests = !store.WholeStreamReadRequests(1).empty();
  // Parquet objects the filter does not bind to, and why the first does not.
  std::vector<std::string> unbound;
  std::string first_reason;
  for (const ObjectInfo& listed : objects) {
    ObjectInfo object = listed;
    if (!object.details_known) {
      S3C_ASSIGN_OR_RETURN(object, store.Stat(listed.key));
    }
    S3C_ASSIGN_OR_RETURN(formats::FileFormat format,
                         dataset::FormatOf(object, scan.dataset.format));
    plan.objects += 1;
    plan.object_bytes += object.size;
    if (format != formats::FileFormat::kParquet) {
      AddTo(plan.reads, store.WholeStreamReadRequests(object.size));
      plan.read_bytes += object.size;
      continue;
    }
    S3C_ASSIGN_OR_RETURN(std::string reason,
                         PlanParquet(store, object, scan, columns, counts_requests, plan));
    if (reason.empty()) continue;
    if (unbound.empty()) first_reason = std::move(reason);
    unbound.push_back(store.UriFor(object.key));
  }
  if (!unbound.empty()) {
    plan.exact = false;
    plan.notes.push_back(fmt::format(
        "the filter on the files' columns ({}) does not bind to the columns of {} Parquet "
        "object(s), whose row groups are counted as read whole; the first is {}: {}",
        fmt::join(columns.filtered, ", "), unbound.size(), unbound.front(), first_reason));
  }
  if (read.may_stop_early && plan.objects > 0) {
    plan.exact = false;
    plan.notes.push_back("the pipeline has a limit: the run may stop before the last object");
  }
  return Status::OK();
}

Result<SourcePlan> PlanPipelineSource(const PipelineFile& file, const PipelineSpec& spec,
                                      StoreResolver& stores, WallTime now,
                                      const ListingNarrower& narrow) {
  const SourceSpec* source = file.FindSource(spec.from);
  if (source == nullptr) return NotFoundError("pipeline " + spec.name + ": no source " + spec.from);
  SourcePlan plan;
  plan.name = source->name;
  plan.uri = source->uri;
  S3C_ASSIGN_OR_RETURN(dataset::LakeReadOptions read, RunReadOptions(*source, spec, now));
  const RequestCounts before = stores.RequestStatistics().requests;
  if (narrow) S3C_RETURN_IF_ERROR(narrow(&read));
  S3C_ASSIGN_OR_RETURN(dataset::LakeRead listed,
                       dataset::ListLakeAsRead(stores, source->uri, read));
  const StoreRequestStats after_listing = stores.RequestStatistics();
  plan.listing = Sent(before, after_listing.requests);
  SourceReadSpec spec_read{read.scan, listed.listing.root_prefix,
                           spec.transform.limit.has_value()};
  S3C_RETURN_IF_ERROR(PlanSource(*listed.input.store, listed.listing.objects, spec_read, plan));
  const StoreRequestStats after = stores.RequestStatistics();
  plan.plan_only = Sent(after_listing.requests, after.requests);
  plan.plan_only_bytes = after.bytes_downloaded - after_listing.bytes_downloaded;
  return plan;
}

Result<RunPlan> PlanPipelineFile(const PipelineFile& file, const PlanOptions& options) {
  if (options.env == nullptr) return InvalidArgumentError("PlanPipelineFile: no environment");
  S3C_RETURN_IF_ERROR(file.CheckPipelineChosen(options.pipeline));
  ResolverPool stores(*options.env, options.store_defaults);
  RunPlan out;
  out.prices = file.prices;
  const WallTime now = options.clock->Now();
  for (const PipelineSpec& spec : file.pipelines) {
    if (!options.pipeline.empty() && spec.name != options.pipeline) continue;
    const SourceSpec* source = file.FindSource(spec.from);
    if (source == nullptr) return NotFoundError("pipeline " + spec.name + ": no source " + spec.from);
    PipelinePlan p;
    p.name = spec.name;
    S3C_ASSIGN_OR_RETURN(StoreResolver * resolver, stores.For(source->store));
    // An incremental source: the state its run would adopt narrows the listing.
    std::unique_ptr<IncrementalRun> incremental;
    RequestCounts state_requests;
    ListingNarrower narrow;
    if (source->incremental.strategy != IncrementalStrategy::kNone) {
      IncrementalContext context{&file, &spec, source, file.FindDestination(spec.to.at(0))};
      S3C_ASSIGN_OR_RETURN(context.destination_stores, stores.For(context.destination->store));
      context.env = options.env;
      context.clock = options.clock;
      context.run_id = "plan";
      context.read_only = true;
      const RequestCounts before = context.destination_stores->RequestStatistics().requests;
      S3C_ASSIGN_OR_RETURN(incremental, IncrementalRun::Begin(context));
      state_requests = Sent(before, context.destination_stores->RequestStatistics().requests);
      narrow = [&](dataset::LakeReadOptions* read) {
        S3C_RETURN_IF_ERROR(incremental->PrepareListing(*resolver));
        incremental->AttachTo(read);
        return Status::OK();
      };
    }
    Result<SourcePlan> planned = PlanPipelineSource(file, spec, *resolver, now, narrow);
    if (planned.ok()) planned->state = std::move(state_requests);
    if (!planned.ok()) {
      return WithMessage(planned.status(),
                         fmt::format("pipeline {}: {}", spec.name, planned.status().message()));
    }
    p.source = std::move(*planned);
    AddTo(p.run_requests, p.source.state);
    AddTo(p.run_requests, p.source.listing);
    AddTo(p.run_requests, p.source.reads);
    for (const std::string& name : spec.to) {
      const DestinationSpec* d = file.FindDestination(name);
      if (d == nullptr) return NotFoundError("pipeline " + spec.name + ": no destination " + name);
      p.destinations.push_back(EstimateDestination(*d));
      AddTo(p.run_requests, p.destinations.back().requests);
    }
    p.cost = EstimateRequestCost(p.run_requests, file.prices);
    p.transfer_usd = TransferCost(p.source.read_bytes, file.prices);
    p.usd = p.cost.usd + p.transfer_usd;
    out.usd += p.usd;
    out.pipelines.push_back(std::move(p));
  }
  const StoreRequestStats sent = stores.RequestStatistics();
  out.plan_requests = sent.requests;
  out.plan_bytes = sent.bytes_downloaded;
  out.plan_cost = EstimateRequestCost(out.plan_requests, file.prices);
  return out;
}

}  // namespace s3c::pipeline
