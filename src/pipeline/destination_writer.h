// One destination of a running pipeline: its mode checked before the read (Plan), a writer
// opened once the schema is known (Open), the rows (Write), and the publish (Finish): a single
// object closed after its mode's last check, or a dataset's data files committed as one record
// (write/commit.h). Destroyed before Finish succeeded, it aborts: open uploads aborted, the data
// files it published deleted; nothing a reader reads changes. A single-object destination that
// resolves to a stream (stream_destination.h) has no mode check and is written straight through.
#pragma once

#include <memory>
#include <optional>
#include <string>

#include "s3c/columnar/record_batch.h"
#include "s3c/common/clock.h"
#include "s3c/common/status.h"
#include "s3c/pipeline/pipeline_file.h"
#include "pipeline/stream_destination.h"
#include "s3c/pipeline/pipeline_runner.h"
#include "s3c/store/store_resolver.h"
#include "s3c/write/commit.h"
#include "s3c/write/dataset_writer.h"
#include "s3c/write/modes.h"

namespace s3c::pipeline {

class DestinationWriter {
 public:
  // Resolves the destination and checks its mode (write::PlanWrite): FailedPrecondition for
  // error mode on an existing target; ignore mode on one makes a skipped writer. A dataset
  // (prefix) that resolves to a stream is InvalidArgument; a single object that does is opened
  // with `open_stream` (RunOptions::open_stream).
  static Result<std::unique_ptr<DestinationWriter>> Plan(StoreResolver& stores,
                                                         const DestinationSpec& spec,
                                                         const std::string& run_id,
                                                         const Clock& clock,
                                                         StreamOpener open_stream);
  ~DestinationWriter();

  bool skipped() const { return plan_.skip; }
  Status Open(std::shared_ptr<columnar::Schema> schema);  // no-op when skipped
  Status Write(const columnar::RecordBatch& batch);       // no-op when skipped
  // `state`: the incremental state the dataset's commit record carries (write::CommitOptions).
  Status Finish(std::optional<dataset::RecordedState> state = std::nullopt);
  // Nothing to write (an incremental source with nothing new): the writer was never opened.
  void FinishUnchanged();
  DestinationReport Report(bool dry_run) const;

 private:
  DestinationWriter(const DestinationSpec& spec, StoreLocation where, write::WritePlan plan,
                    std::string run_id, const Clock& clock, StreamOpener open_stream);
  Status FinishSingle();
  Status FinishStream();

  const DestinationSpec& spec_;
  StoreLocation where_;
  write::WritePlan plan_;
  const std::string run_id_;
  const Clock& clock_;
  WallTime started_;
  std::shared_ptr<columnar::Schema> schema_;
  std::unique_ptr<write::DatasetWriter> dataset_;
  std::unique_ptr<write::SingleObjectWriter> single_;
  StreamOpener open_stream_;
  std::unique_ptr<StreamDestination> stream_;
  DestinationReport report_;
  bool finished_ = false;
};

}  // namespace s3c::pipeline
