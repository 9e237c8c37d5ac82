// RunPipelineAndReport (pipeline_run.h).
#include "pipeline_run.h"

#include <cstdio>

#include "interrupt.h"
#include "output.h"
#include "progress.h"

namespace s3c::cli {

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
  const std::string shown = file.secrets.Redact(pipeline::RunReportText(report));
  if (!ctx.options().quiet) std::fprintf(stderr, "%s", shown.c_str());
  if (json) {
    S3C_RETURN_IF_ERROR(WriteStdout(file.secrets.Redact(pipeline::RunReportJson(report)) + "\n"));
  }
  // The error keeps its context (the request's operation and object), redacted as the rest.
  return ran.ok() ? Status::OK() : file.secrets.Redact(ran.status());
}

}  // namespace s3c::cli
