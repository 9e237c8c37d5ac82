// What `s3c run` and `s3c convert` share: running a loaded pipeline file (pipeline_runner.h) with
// the command's environment, global S3 options and Ctrl-C, and printing its report: the text
// report on stderr unless --quiet, the JSON report on stdout with --json; secrets redacted. On a
// terminal a progress bar shows the running pipeline's bytes, objects and rows read, the
// throughput and the time left.
#pragma once

#include "cli_context.h"
#include "s3c/pipeline/pipeline_file.h"
#include "s3c/pipeline/pipeline_runner.h"

namespace s3c::cli {

// `options` as the command set them (pipeline, dry_run, open_stream); env, store_defaults and
// cancelled are filled here. The run's requests and objects read are added to the command's
// --stats. The run's own error (redacted) is returned after the report of what ran before it.
Status RunPipelineAndReport(CliContext& ctx, const pipeline::PipelineFile& file,
                            pipeline::RunOptions options, bool json);

}  // namespace s3c::cli
