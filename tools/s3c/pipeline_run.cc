// RunPipelineAndReport (pipeline_run.h).
#include "pipeline_run.h"

#include <algorithm>
#include <cstdio>

#include "interrupt.h"
#include "output.h"
#include "progress.h"

namespace s3c::cli {
namespace {

// The --stats "pruning" and "scan" members from the pipelines that read: their counts summed,
// their listing plans joined, the scan's peaks the highest of any.
void AddPruning(const pipeline::RunReport& report, CliContext& ctx) {
  for (const auto& p : report.pipelines) {
    if (p.listing_plan.empty()) continue;  // listed nothing (dry run, skipped, failed early)
    PruningReport& r = ctx.pruning() ? *ctx.pruning() : ctx.pruning().emplace();
    r.plan += (r.plan.empty() ? "" : "; ") + p.listing_plan;
    r.folders_pruned += p.folders_pruned;
    r.objects_pruned += p.objects_pruned;
    r.objects_filtered += p.objects_filtered;
    r.rows_filtered += p.rows_filtered;
    r.formats += p.format_pruning;
    r.scan.peak_objects_in_flight =
        std::max(r.scan.peak_objects_in_flight, p.scan.peak_objects_in_flight);
    r.scan.peak_decoding = std::max(r.scan.peak_decoding, p.scan.peak_decoding);
    r.scan.peak_memory_bytes = std::max(r.scan.peak_memory_bytes, p.scan.peak_memory_bytes);
  }
}

}  // namespace

Status RunPipelineAndReport(CliContext& ctx, const pipeline::PipelineFile& file,
                            pipeline::RunOptions options, bool json) {
  options.env = &ctx.env();
  options.prices = file.prices;
  options.store_defaults = &ctx.resolver_options();
  options.cancelled = [] { return Interrupted(); };
  // On a terminal, one bar per pipeline: the source's bytes and objects of its listing, rows.
  Progress progress(Progress::ShouldShow(ctx.options().quiet), 0, 0);
  std::string shown_pipeline;
  options.on_progress = [&](const pipeline::RunProgress& p) {
    if (p.pipeline != shown_pipeline) {
      shown_pipeline = p.pipeline;
      progress.Restart(p.pipeline, p.bytes_listed, static_cast<uint64_t>(p.objects_listed));
    }
    progress.Set(p.bytes_read, static_cast<uint64_t>(p.objects_read), p.rows_read);
  };
  pipeline::RunReport report;
  Result<pipeline::RunReport> ran = pipeline::RunPipelineFile(file, options, &report);
  progress.Finish();
  if (ran.ok()) report = std::move(*ran);
  ctx.AddRequests(report.requests);
  for (const auto& p : report.pipelines) ctx.CountObjects(static_cast<uint64_t>(p.objects_read));
  AddPruning(report, ctx);
  const std::string shown = file.secrets.Redact(pipeline::RunReportText(report));
  if (!ctx.options().quiet) std::fprintf(stderr, "%s", shown.c_str());
  if (json) {
    S3C_RETURN_IF_ERROR(WriteStdout(file.secrets.Redact(pipeline::RunReportJson(report)) + "\n"));
  }
  // The error keeps its context (the request's operation and object), redacted as the rest.
  return ran.ok() ? Status::OK() : file.secrets.Redact(ran.status());
}

}  // namespace s3c::cli
