// RunPipelineAndReport (pipeline_run.h).
#include "pipeline_run.h"

#include <cstdio>

#include "interrupt.h"
#include "output.h"

namespace s3c::cli {

Status RunPipelineAndReport(CliContext& ctx, const pipeline::PipelineFile& file,
                            pipeline::RunOptions options, bool json) {
  options.env = &ctx.env();
  options.store_defaults = &ctx.resolver_options();
  options.cancelled = [] { return Interrupted(); };
  pipeline::RunReport report;
  Result<pipeline::RunReport> ran = pipeline::RunPipelineFile(file, options, &report);
  if (ran.ok()) report = std::move(*ran);
  ctx.AddRequests(report.requests);
  for (const auto& p : report.pipelines) ctx.CountObjects(static_cast<uint64_t>(p.objects_read));
  const std::string shown = file.secrets.Redact(pipeline::RunReportText(report));
  if (!ctx.options().quiet) std::fprintf(stderr, "%s", shown.c_str());
  if (json) {
    S3C_RETURN_IF_ERROR(WriteStdout(file.secrets.Redact(pipeline::RunReportJson(report)) + "\n"));
  }
  if (!ran.ok()) {
    return Status(ran.status().code(), file.secrets.Redact(ran.status().message()));
  }
  return Status::OK();
}

}  // namespace s3c::cli
