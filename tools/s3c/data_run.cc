// OpenDataRun / FinishDataRun (data_run.h).
#include "data_run.h"

#include <fmt/format.h>

#include <cstdio>

namespace s3c::cli {

Result<DataRun> OpenDataRun(CliContext& ctx, const std::string& uri, const ReadFlags& flags) {
  S3C_ASSIGN_OR_RETURN(dataset::DatasetReadOptions options, BuildReadOptions(flags));
  S3C_ASSIGN_OR_RETURN(DatasetInput input, ResolveDatasetInput(ctx, uri));
  DataRun run;
  run.objects = static_cast<int64_t>(input.objects.size());
  if (!flags.quarantine.empty()) {
    S3C_ASSIGN_OR_RETURN(run.quarantine, QuarantineSink::Open(ctx, flags.quarantine));
    QuarantineSink* sink = run.quarantine.get();
    auto add = [sink](const formats::RejectedRecord& r) { return sink->Add(r); };
    options.read.csv.bad_records.quarantine = add;
    options.read.json.bad_records.quarantine = add;
  }
  S3C_ASSIGN_OR_RETURN(run.reader,
                       dataset::DatasetReader::Open(*input.store, std::move(input.objects),
                                                    std::move(options)));
  return run;
}

Status FinishDataRun(CliContext& ctx, DataRun& run, int64_t rows_out) {
  if (run.quarantine) S3C_RETURN_IF_ERROR(run.quarantine->Close());
  if (ctx.options().quiet) return Status::OK();
  std::string line = fmt::format("s3c: {} rows from {} of {} object(s)", rows_out,
                                 run.reader->objects_read(), run.objects);
  int64_t rejected = run.reader->rows_rejected();
  if (rejected > 0 || run.quarantine) {
    line += fmt::format(", {} rejected", rejected);
    if (run.quarantine) line += fmt::format(" ({} quarantined)", run.quarantine->count());
  }
  std::fprintf(stderr, "%s\n", line.c_str());
  for (const formats::SchemaDrift& d : run.reader->drift()) {
    std::fprintf(stderr, "s3c: schema drift: %s\n", d.ToString().c_str());
  }
  return Status::OK();
}

}  // namespace s3c::cli
