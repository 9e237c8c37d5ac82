// A pipeline file of one step, made in code rather than loaded from YAML: one source, one
// destination, one pipeline between them (what `s3c convert SRC DST` runs). It is checked as
// LoadPipeline (pipeline_file.h) checks a file's entries, with the same builders and messages,
// the settings named by the caller's SettingNames (flags, for the CLI), and then run by
// RunPipelineFile (pipeline_runner.h) like any other file.
//
// Building never touches the network or the stores: whether DST is a dataset (a prefix) or one
// object is the caller's to say (the CLI asks its resolver whether a local path is a folder).
#pragma once

#include <string>

#include "s3c/common/clock.h"
#include "s3c/common/status.h"
#include "s3c/pipeline/pipeline_file.h"
#include "s3c/pipeline/read_settings.h"
#include "s3c/pipeline/setting_names.h"
#include "s3c/pipeline/write_settings.h"

namespace s3c::pipeline {

struct SingleStep {
  std::string name = "convert";  // the pipeline's name, in the report and in run errors
  std::string source_uri;        // an object, prefix or glob (any URI the runner's stores take)
  ReadSettings read;
  // One object (or a stream: "-", a device, a FIFO), or a dataset prefix when `dataset`.
  std::string destination_uri;
  bool dataset = false;  // a prefix receiving data files and a commit; '/' is added when missing
  WriteSettings write;
  std::string where;  // the pipeline's filter, applied with the source's own `where`
};

// The names of the file's source and destination (what the run report shows as "from" and the
// destination's name).
inline constexpr const char* kSingleStepSource = "source";
inline constexpr const char* kSingleStepDestination = "destination";

// The file, or the first error: InvalidArgument for a source or destination URI the store
// cannot parse, a destination glob, or a read or write setting refused (named through
// `read_names` / `write_names`: a front end may spell one key differently on each side).
// `now` fixes the relative times of the read settings while they are checked.
Result<PipelineFile> SingleStepPipeline(const SingleStep& step, WallTime now,
                                        const SettingNames& read_names,
                                        const SettingNames& write_names);

}  // namespace s3c::pipeline
