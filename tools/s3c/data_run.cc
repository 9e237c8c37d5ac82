// OpenDataRun / FinishDataRun (data_run.h).
#include "data_run.h"

#include <fmt/format.h>

#include <cstdio>

namespace s3c::cli {

Result<DataRun> OpenDataRun(CliContext& ctx, const std::string& uri, const ReadFlags& flags) {
  S3C_ASSIGN_OR_RETURN(dataset::LakeReadOptions options,
                       BuildLakeReadOptions(flags, SystemClock::Instance().Now()));
  DataRun run;
  if (!flags.quarantine.empty()) {
    S3C_ASSIGN_OR_RETURN(run.quarantine,
                         dataset::QuarantineSink::Open(ctx.stores(), flags.quarantine));
    dataset::QuarantineSink* sink = run.quarantine.get();
    auto add = [sink](const formats::RejectedRecord& r) { return sink->Add(r); };
    options.scan.dataset.read.csv.bad_records.quarantine = add;
    options.scan.dataset.read.json.bad_records.quarantine = add;
  }
  S3C_ASSIGN_OR_RETURN(dataset::LakeRead lake,
                       dataset::OpenLakeRead(ctx.stores(), uri, std::move(options)));
  run.objects = static_cast<int64_t>(lake.listing.objects.size());
  ctx.CountObjects(lake.listing.objects.size());
  run.listing = std::move(lake.listing);
  run.reader = std::move(lake.scan);
  PruningReport& report = ctx.pruning().emplace();
  report.plan = run.listing.listing.plan;
  report.folders_pruned = run.listing.listing.folders_pruned;
  report.objects_pruned = run.listing.listing.objects_pruned;
  report.objects_filtered = run.listing.objects_filtered;
  return run;
}

Status FinishDataRun(CliContext& ctx, DataRun& run, int64_t rows_out) {
  if (ctx.pruning()) {
    ctx.pruning()->rows_filtered = run.reader->rows_filtered();
    ctx.pruning()->scan = run.reader->pipeline_stats();
    ctx.pruning()->formats = run.reader->pruning();
  }
  if (run.quarantine) S3C_RETURN_IF_ERROR(run.quarantine->Close());
  if (ctx.options().quiet) return Status::OK();
  std::string line = fmt::format("s3c: {} rows from {} of {} object(s)", rows_out,
                                 run.reader->objects_read(), run.objects);
  int64_t rejected = run.reader->rows_rejected();
  if (rejected > 0 || run.quarantine) {
    line += fmt::format(", {} rejected", rejected);
    if (run.quarantine) line += fmt::format(" ({} quarantined)", run.quarantine->count());
  }
  if (run.reader->rows_filtered() > 0) {
    line += fmt::format(", {} filtered out", run.reader->rows_filtered());
  }
  std::fprintf(stderr, "%s\n", line.c_str());
  for (const formats::SchemaDrift& d : run.reader->drift()) {
    std::fprintf(stderr, "s3c: schema drift: %s\n", d.ToString().c_str());
  }
  return Status::OK();
}

}  // namespace s3c::cli
