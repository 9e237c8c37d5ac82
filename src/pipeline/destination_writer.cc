// DestinationWriter (destination_writer.h).
#include "pipeline/destination_writer.h"

#include <fmt/format.h>

namespace s3c::pipeline {

DestinationWriter::DestinationWriter(const DestinationSpec& spec, StoreLocation where,
                                     write::WritePlan plan, std::string run_id, const Clock& clock,
                                     StreamOpener open_stream)
    : spec_(spec),
      where_(std::move(where)),
      plan_(std::move(plan)),
      run_id_(std::move(run_id)),
      clock_(clock),
      started_(clock.Now()),
      open_stream_(std::move(open_stream)) {
  report_.name = spec.name;
  report_.uri = spec.uri;
  report_.mode = std::string(write::WriteModeName(spec.checked.mode));
  report_.plan = plan_.summary;
}

DestinationWriter::~DestinationWriter() {
  if (finished_) return;
  if (dataset_) dataset_->Abort();
  if (single_) single_->Abort();
  if (stream_) stream_->Abort();
}

Result<std::unique_ptr<DestinationWriter>> DestinationWriter::Plan(StoreResolver& stores,
                                                                   const DestinationSpec& spec,
                                                                   const std::string& run_id,
                                                                   const Clock& clock,
                                                                   StreamOpener open_stream) {
  S3C_ASSIGN_OR_RETURN(StoreLocation where, stores.Resolve(spec.uri));
  if (where.is_stdio()) {
    if (!spec.single_object) {
      return InvalidArgumentError(fmt::format(
          "destination {}: {} is a stream; a dataset is written under a folder or prefix",
          spec.name, spec.uri));
    }
    write::WritePlan plan;
    plan.summary = "written into the stream";
    return std::unique_ptr<DestinationWriter>(new DestinationWriter(
        spec, std::move(where), std::move(plan), run_id, clock, std::move(open_stream)));
  }
  const write::WriteTarget kind =
      spec.single_object ? write::WriteTarget::kKey : write::WriteTarget::kPrefix;
  std::string target = where.key;
  if (kind == write::WriteTarget::kPrefix && !target.empty() && target.back() != '/') {
    target += '/';
  }
  where.key = target;
  S3C_ASSIGN_OR_RETURN(write::WritePlan plan,
                       write::PlanWrite(*where.store, target, kind, spec.checked.mode,
                                        spec.checked.mode_name));
  return std::unique_ptr<DestinationWriter>(new DestinationWriter(
      spec, std::move(where), std::move(plan), run_id, clock, std::move(open_stream)));
}

Status DestinationWriter::Open(std::shared_ptr<columnar::Schema> schema) {
  if (plan_.skip) return Status::OK();
  schema_ = schema;
  const CheckedWriteSettings& w = spec_.checked;
  if (where_.is_stdio()) {
    S3C_ASSIGN_OR_RETURN(stream_, StreamDestination::Open(open_stream_, where_.stream_path,
                                                          w.format, std::move(schema),
                                                          w.format_options));
    return Status::OK();
  }
  if (spec_.single_object) {
    formats::FormatWriteOptions options = w.format_options;
    S3C_ASSIGN_OR_RETURN(
        single_, write::SingleObjectWriter::Open(*where_.store, where_.key, std::move(schema),
                                                 w.format, options, plan_.key_options, &clock_));
    return Status::OK();
  }
  write::DatasetWriteOptions o;
  o.format = w.format;
  o.format_options = w.format_options;
  o.partition_by = w.partition_by;
  o.file_name_template = w.file_name;
  if (w.max_file_size) o.max_file_size = *w.max_file_size;
  if (w.max_rows_per_file) o.max_rows_per_file = *w.max_rows_per_file;
  if (w.max_partitions) o.max_partitions = static_cast<int>(*w.max_partitions);
  if (w.memory) o.memory_bytes = *w.memory;
  o.run_id = run_id_;
  o.clock = &clock_;
  S3C_ASSIGN_OR_RETURN(dataset_, write::DatasetWriter::Open(*where_.store, where_.key,
                                                            std::move(schema), std::move(o)));
  return Status::OK();
}

Status DestinationWriter::Write(const columnar::RecordBatch& batch) {
  if (plan_.skip) return Status::OK();
  report_.rows += batch.num_rows();
  if (single_) return single_->Write(batch);
  if (stream_) return stream_->Write(batch);
  return dataset_->Write(batch);
}

void DestinationWriter::FinishUnchanged() {
  report_.outcome = DestinationOutcome::kUnchanged;
  finished_ = true;
}

Status DestinationWriter::Finish(std::optional<dataset::RecordedState> state) {
  if (plan_.skip) {
    report_.outcome = DestinationOutcome::kSkipped;
    finished_ = true;
    return Status::OK();
  }
  if (stream_) return FinishStream();
  if (single_) return FinishSingle();
  const write::WriteMode mode = spec_.checked.mode;
  S3C_ASSIGN_OR_RETURN(std::vector<dataset::DataFile> files, dataset_->Finish());
  int64_t files_written = static_cast<int64_t>(files.size());
  uint64_t bytes = 0;
  for (const auto& f : files) bytes += f.size;
  write::CommitOptions options;
  options.clock = &clock_;
  options.partition_by = spec_.checked.partition_by;
  options.run_started = started_;
  options.state = std::move(state);
  // From here the commit owns the files: it deletes them itself when it loses.
  finished_ = true;
  S3C_ASSIGN_OR_RETURN(
      write::CommitResult committed,
      write::Commit(*where_.store, where_.key, mode, run_id_, *schema_, std::move(files), options));
  switch (committed.outcome) {
    case write::CommitOutcome::kCommitted:
      report_.outcome = DestinationOutcome::kWritten;
      report_.files = files_written;
      report_.bytes = bytes;
      report_.commit_sequence = committed.sequence;
      break;
    case write::CommitOutcome::kSkipped:
      report_.outcome = DestinationOutcome::kSkipped;
      break;
    case write::CommitOutcome::kUnchanged:
      report_.outcome = DestinationOutcome::kUnchanged;
      break;
  }
  return Status::OK();
}

Status DestinationWriter::FinishSingle() {
  const write::WriteMode mode = spec_.checked.mode;
  S3C_ASSIGN_OR_RETURN(bool publish,
                       write::CheckKeyBeforePublish(*where_.store, where_.key, mode));
  if (!publish) {
    single_->Abort();
    report_.outcome = DestinationOutcome::kSkipped;
    finished_ = true;
    return Status::OK();
  }
  Result<dataset::DataFile> closed = single_->Close();
  S3C_ASSIGN_OR_RETURN(bool written, write::FinishKeyWrite(closed.status(), spec_.uri, mode));
  finished_ = true;
  report_.outcome = written ? DestinationOutcome::kWritten : DestinationOutcome::kSkipped;
  if (written) {
    report_.files = 1;
    report_.bytes = closed->size;
  }
  return Status::OK();
}

Status DestinationWriter::FinishStream() {
  S3C_ASSIGN_OR_RETURN(report_.bytes, stream_->Close());
  finished_ = true;
  report_.outcome = DestinationOutcome::kWritten;
  report_.files = 1;
  return Status::OK();
}

DestinationReport DestinationWriter::Report(bool dry_run) const {
  DestinationReport r = report_;
  if (dry_run) r.outcome = DestinationOutcome::kPlanned;
  if (plan_.skip) r.outcome = DestinationOutcome::kSkipped;
  return r;
}

}  // namespace s3c::pipeline
