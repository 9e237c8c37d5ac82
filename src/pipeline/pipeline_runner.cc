// RunPipelineFile (pipeline_runner.h).
#include "s3c/pipeline/pipeline_runner.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <memory>
#include <vector>

#include "pipeline/destination_writer.h"
#include "pipeline/incremental_run.h"
#include "pipeline/resolver_pool.h"
#include "s3c/common/name_suggest.h"
#include "s3c/common/status_message.h"
#include "s3c/dataset/dataset_input.h"
#include "s3c/dataset/lake_read.h"
#include "s3c/pipeline/batch_transform.h"
#include "s3c/pipeline/run_plan.h"
#include "s3c/write/file_naming.h"

namespace s3c::pipeline {
namespace {

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

// The pipeline's `where` and the source's own, both applied.
std::string CombinedWhere(const std::string& source, const std::string& pipeline) {
  if (source.empty()) return pipeline;
  if (pipeline.empty()) return source;
  return fmt::format("({}) AND ({})", source, pipeline);
}

class PipelineRun {
 public:
  PipelineRun(const PipelineFile& file, const PipelineSpec& spec, const RunOptions& options,
              ResolverPool& stores)
      : file_(file), spec_(spec), options_(options), stores_(stores) {}

  Result<PipelineReport> Run() {
    const auto start = std::chrono::steady_clock::now();
    report_.name = spec_.name;
    report_.source = spec_.from;
    const SourceSpec* source = file_.FindSource(spec_.from);
    if (source == nullptr)
      return NotFoundError("pipeline " + spec_.name + ": no source " + spec_.from);

    // 1. Every destination's mode, before anything is read. One run id names the data files
    // and commit records of every destination.
    const std::string run_id = write::MakeRunId(*options_.clock, SystemRandom::Instance());
    std::vector<std::unique_ptr<DestinationWriter>> writers;
    bool any_to_write = false;
    for (const std::string& name : spec_.to) {
      const DestinationSpec* d = file_.FindDestination(name);
      if (d == nullptr) return NotFoundError("pipeline " + spec_.name + ": no destination " + name);
      S3C_ASSIGN_OR_RETURN(StoreResolver * resolver, stores_.For(d->store));
      S3C_ASSIGN_OR_RETURN(auto writer,
                           DestinationWriter::Plan(*resolver, *d, run_id, *options_.clock,
                                                     options_.open_stream));
      any_to_write = any_to_write || !writer->skipped();
      writers.push_back(std::move(writer));
    }
    // An incremental source (the loader allows it one dataset destination): its state.
    std::unique_ptr<IncrementalRun> incremental;
    if (source->incremental.strategy != IncrementalStrategy::kNone) {
      IncrementalContext context{&file_, &spec_, source, file_.FindDestination(spec_.to.at(0))};
      S3C_ASSIGN_OR_RETURN(context.destination_stores,
                           stores_.For(context.destination->store));
      context.env = options_.env;
      context.clock = options_.clock;
      context.run_id = run_id;
      context.full_refresh = options_.full_refresh;
      context.read_only = options_.dry_run;
      S3C_ASSIGN_OR_RETURN(incremental, IncrementalRun::Begin(context));
    }

    // 2. The source: listing (pruned), then the schema of its first objects.
    S3C_ASSIGN_OR_RETURN(StoreResolver * source_stores, stores_.For(source->store));
    const WallTime now = options_.clock->Now();
    const SettingNames names(SettingSpelling::kKey);
    S3C_ASSIGN_OR_RETURN(dataset::LakeReadOptions read,
                         BuildLakeReadOptions(source->read, now, names));
    if (!spec_.select.empty()) read.scan.columns = spec_.select;
    read.scan.where = CombinedWhere(read.scan.where, spec_.where);
    std::unique_ptr<dataset::QuarantineSink> quarantine;
    if (!source->read.quarantine.empty()) {
      S3C_ASSIGN_OR_RETURN(quarantine,
                           dataset::QuarantineSink::Open(*source_stores, source->read.quarantine));
      dataset::QuarantineSink* sink = quarantine.get();
      auto add = [sink](const formats::RejectedRecord& r) { return sink->Add(r); };
      read.scan.dataset.read.csv.bad_records.quarantine = add;
      read.scan.dataset.read.json.bad_records.quarantine = add;
    }
    // max_requests / max_cost_usd: judged on the run's own listing, before anything is read.
    // What the source's stores send from here to that judgement is the listing.
    read.before_scan = SourceLimitsCheck(
        file_, *source, SourceReadSpec{read.scan, "", spec_.transform.limit.has_value()},
        *source_stores, source_stores->RequestStatistics().requests);
    if (incremental && any_to_write) {
      S3C_RETURN_IF_ERROR(incremental->PrepareListing(*source_stores));
      incremental->AttachTo(&read);
    }
    if (options_.dry_run || !any_to_write) {
      // A dry run lists the source; a run whose destinations are all skipped sends nothing.
      if (options_.dry_run) {
        S3C_ASSIGN_OR_RETURN(dataset::LakeRead listed,
                             dataset::ListLake(*source_stores, source->uri, read));
        report_.objects_listed = static_cast<int64_t>(listed.listing.objects.size());
        report_.objects_not_new = listed.listing.objects_not_selected;
        if (incremental) report_.incremental = incremental->Summary();
      }
      for (auto& w : writers) report_.destinations.push_back(w->Report(options_.dry_run));
      report_.seconds = SecondsSince(start);
      return report_;
    }
    S3C_ASSIGN_OR_RETURN(dataset::LakeRead lake,
                         dataset::OpenLakeRead(*source_stores, source->uri, std::move(read)));
    report_.objects_listed = static_cast<int64_t>(lake.listing.objects.size());
    report_.objects_not_new = lake.listing.objects_not_selected;
    report_.listing_plan = lake.listing.listing.plan;
    report_.folders_pruned = lake.listing.listing.folders_pruned;
    report_.objects_pruned = lake.listing.listing.objects_pruned;
    report_.objects_filtered = lake.listing.objects_filtered;
    if (incremental && lake.listing.objects.empty()) {
      // Nothing new: no writer opens (no schema to open one with), the state may still move.
      for (auto& w : writers) {
        w->FinishUnchanged();
        report_.destinations.push_back(w->Report(false));
      }
      incremental->FinishRows();  // cursor: no rows, the state as it was
      S3C_RETURN_IF_ERROR(incremental->Save(/*committed=*/false));
      report_.incremental = incremental->Summary();
      report_.seconds = SecondsSince(start);
      return report_;
    }
    dataset::DatasetScan& scan = *lake.scan;
    RunProgress progress;
    progress.pipeline = spec_.name;
    progress.objects_listed = report_.objects_listed;
    // bytes_done[i]: the bytes of the first i listed objects (a single key's size is unknown).
    std::vector<uint64_t> bytes_done{0};
    for (const ObjectInfo& o : lake.listing.objects) {
      bytes_done.push_back(bytes_done.back() + (o.details_known ? o.size : 0));
    }
    progress.bytes_listed = bytes_done.back();
    auto report_progress = [&] {
      if (!options_.on_progress) return;
      progress.objects_read = scan.objects_read();
      progress.bytes_read = bytes_done[std::min<size_t>(
          static_cast<size_t>(std::max<int64_t>(progress.objects_read, 0)), bytes_done.size() - 1)];
      progress.rows_read = scan.rows_read();
      progress.rows_out = report_.rows_out;
      options_.on_progress(progress);
    };
    report_progress();

    // 3. The transformation against the schema, then the writers.
    S3C_ASSIGN_OR_RETURN(BatchTransform transform,
                         BatchTransform::Make(*scan.schema(), spec_.transform));
    for (auto& w : writers) S3C_RETURN_IF_ERROR(w->Open(transform.output_schema()));

    // 4. The rows. An error returns here: the writers' destructors abort what they hold.
    while (!transform.done()) {
      if (options_.cancelled && options_.cancelled()) {
        return CancelledError("pipeline " + spec_.name + ": cancelled");
      }
      S3C_ASSIGN_OR_RETURN(auto batch, scan.Next());
      if (!batch) break;
      if (incremental) {
        S3C_ASSIGN_OR_RETURN(batch, incremental->FilterRows(std::move(batch)));
      }
      S3C_ASSIGN_OR_RETURN(auto out, transform.Apply(*batch, source->uri));
      if (out->num_rows() == 0) continue;
      for (auto& w : writers) S3C_RETURN_IF_ERROR(w->Write(*out));
      report_.rows_out += out->num_rows();
      report_progress();
    }
    if (quarantine) S3C_RETURN_IF_ERROR(quarantine->Close());
    if (incremental) incremental->FinishRows();

    // 5. Each destination published or committed, in `to` order.
    std::optional<dataset::RecordedState> recorded;
    if (incremental) {
      S3C_ASSIGN_OR_RETURN(recorded, incremental->PublishRecordState());
    }
    for (auto& w : writers) {
      S3C_RETURN_IF_ERROR(w->Finish(recorded));
      report_.destinations.push_back(w->Report(false));
    }
    if (incremental) {
      const bool committed = report_.destinations.front().outcome == DestinationOutcome::kWritten;
      S3C_RETURN_IF_ERROR(incremental->Save(committed));
      report_.incremental = incremental->Summary();
    }
    report_.objects_read = scan.objects_read();
    report_.rows_read = scan.rows_read();
    report_.rows_rejected = scan.rows_rejected();
    report_.rows_filtered = scan.rows_filtered();
    report_.format_pruning = scan.pruning();
    report_.scan = scan.pipeline_stats();
    report_.quarantined = quarantine ? quarantine->count() : 0;
    for (const formats::SchemaDrift& d : scan.drift()) report_.drift.push_back(d.ToString());
    report_.seconds = SecondsSince(start);
    return report_;
  }

 private:
  const PipelineFile& file_;
  const PipelineSpec& spec_;
  const RunOptions& options_;
  ResolverPool& stores_;
  PipelineReport report_;
};

}  // namespace

Result<RunReport> RunPipelineFile(const PipelineFile& file, const RunOptions& options,
                                  RunReport* partial) {
  const auto start = std::chrono::steady_clock::now();
  if (options.env == nullptr) return InvalidArgumentError("RunPipelineFile: no environment");
  if (!options.pipeline.empty() && file.FindPipeline(options.pipeline) == nullptr) {
    std::vector<std::string> names;
    for (const PipelineSpec& p : file.pipelines) names.push_back(p.name);
    return NotFoundError(fmt::format("{}: no pipeline \"{}\"{}", file.origin, options.pipeline,
                                     DidYouMean(options.pipeline, names)));
  }
  ResolverPool stores(*options.env, options.store_defaults);
  RunReport report;
  Status failed;
  for (const PipelineSpec& p : file.pipelines) {
    if (!options.pipeline.empty() && p.name != options.pipeline) continue;
    Result<PipelineReport> ran = PipelineRun(file, p, options, stores).Run();
    if (!ran.ok()) {
      // WithMessage keeps the failed request's operation and object (ErrorContext).
      failed = WithMessage(ran.status(), fmt::format("pipeline {}: {}", p.name, ran.status().message()));
      break;
    }
    report.pipelines.push_back(std::move(*ran));
  }
  report.requests = stores.RequestStatistics();
  report.cost = EstimateRequestCost(report.requests.requests, options.prices);
  report.seconds = SecondsSince(start);
  if (!failed.ok()) {
    if (partial != nullptr) *partial = std::move(report);
    return failed;
  }
  return report;
}

}  // namespace s3c::pipeline
