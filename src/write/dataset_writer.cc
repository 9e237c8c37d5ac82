// DatasetWriter (write/dataset_writer.h): splits batches by partition and routes each
// partition to one lane (write_lane.h), written on the writer's thread or, with several lanes,
// each on its own thread (lane_worker.h).
#include "s3c/write/dataset_writer.h"

#include <fmt/format.h>

#include <algorithm>
#include <functional>

#include "s3c/common/executor.h"
#include "s3c/write/file_naming.h"
#include "write/lane_worker.h"
#include "write/partition_split.h"
#include "write/write_lane.h"

namespace s3c::write {

using write_internal::LaneShared;
using write_internal::LaneWorker;
using write_internal::PartitionGroup;
using write_internal::PartitionSplitter;
using write_internal::PublishedFile;
using write_internal::WriteLane;

namespace {

// Rows queued for one lane's thread, at most (dataset_writer.h, "Lanes").
constexpr uint64_t kLaneQueueBytes = 16 << 20;

// The sum of `f` over the lanes.
template <typename F>
auto SumOverLanes(const std::vector<std::unique_ptr<WriteLane>>& lanes, F f) {
  decltype(f(*lanes[0])) total = 0;
  for (const auto& l : lanes) total += f(*l);
  return total;
}

int LaneCount(const DatasetWriteOptions& o) {
  if (o.write_threads > 0) return o.write_threads;
  return o.partition_by.empty() ? 1 : std::max(1, Executor::Shared().size());
}

Status CheckBatchSchema(const columnar::Schema& want, const columnar::RecordBatch& batch) {
  const columnar::Schema& got = *batch.schema();
  bool same = got.num_fields() == want.num_fields();
  for (int i = 0; same && i < got.num_fields(); ++i) {
    same = got.field(i).name() == want.field(i).name() &&
           got.field(i).type().Equals(want.field(i).type());
  }
  if (same) return Status::OK();
  return InvalidArgumentError(fmt::format(
      "write task: a batch has schema {}, the task was opened with {}", got.ToString(),
      want.ToString()));
}

}  // namespace

class DatasetWriter::Impl {
 public:
  Impl(ObjectStore& store, std::string root, std::shared_ptr<columnar::Schema> schema,
       DatasetWriteOptions options, PartitionSplitter splitter, FileNameTemplate names)
      : store_(store),
        root_(std::move(root)),
        schema_(std::move(schema)),
        options_(std::move(options)),
        splitter_(std::move(splitter)),
        names_(std::move(names)) {
    run_id_ = options_.run_id.empty() ? MakeRunId(*options_.clock, *options_.random)
                                      : options_.run_id;
    const int lanes = LaneCount(options_);
    DatasetWriteOptions lane = options_;
    lane.memory_bytes = std::max<uint64_t>(1, options_.memory_bytes / lanes);
    const std::string extension =
        DataFileExtension(options_.format, options_.format_options.compression);
    for (int i = 0; i < lanes; ++i) {
      lanes_.push_back(std::make_unique<WriteLane>(store_, root_, splitter_.file_schema(), lane,
                                                   names_, extension, run_id_, shared_));
    }
    if (lanes > 1) {
      for (auto& l : lanes_) workers_.push_back(std::make_unique<LaneWorker>(*l, kLaneQueueBytes));
    }
  }

  ~Impl() {
    workers_.clear();  // stops the threads before the lanes go
  }

  Status Write(const columnar::RecordBatch& batch) {
    S3C_RETURN_IF_ERROR(Usable());
    S3C_RETURN_IF_ERROR(Fail(CheckBatchSchema(*schema_, batch)));
    auto groups = splitter_.Split(batch);
    S3C_RETURN_IF_ERROR(Fail(groups.status()));
    if (workers_.empty()) {
      for (const PartitionGroup& g : *groups) S3C_RETURN_IF_ERROR(Fail(lanes_[0]->WriteGroup(g)));
      return Status::OK();
    }
    for (PartitionGroup& g : *groups) {
      const size_t lane = std::hash<std::string>()(g.folder) % workers_.size();
      workers_[lane]->Push(std::move(g));
    }
    for (const auto& w : workers_) S3C_RETURN_IF_ERROR(Fail(w->error()));
    return Status::OK();
  }

  Result<std::vector<dataset::DataFile>> Finish() {
    S3C_RETURN_IF_ERROR(Usable());
    std::vector<Result<std::vector<PublishedFile>>> results;
    if (workers_.empty()) {
      results.push_back(lanes_[0]->Finish());
    } else {
      for (auto& w : workers_) w->RequestFinish();  // the lanes close their files side by side
      for (auto& w : workers_) results.push_back(w->WaitFinished());
      workers_.clear();
    }
    std::vector<PublishedFile> published;
    Status failed;
    for (auto& r : results) {
      if (!r.ok()) {
        if (failed.ok()) failed = r.status();
        continue;
      }
      for (auto& p : *r) published.push_back(std::move(p));
    }
    if (!failed.ok()) {
      // A failed lane removed its own files; the others' are deleted here (best effort).
      Fail(failed).IgnoreError();
      std::vector<std::string> keys;
      for (const auto& p : published) keys.push_back(root_ + p.file.path);
      if (!keys.empty()) store_.DeleteMany(keys).IgnoreError();
      Abort();
      return failed;
    }
    finished_ = true;
    std::sort(published.begin(), published.end(),
              [](const auto& a, const auto& b) { return a.part < b.part; });
    std::vector<dataset::DataFile> files;
    for (auto& p : published) files.push_back(std::move(p.file));
    return files;
  }

  void Abort() {
    if (finished_) return;
    if (error_.ok()) error_ = CancelledError("write task aborted (run " + run_id_ + ")");
    workers_.clear();
    for (auto& l : lanes_) l->Abort();
  }

  bool finished() const { return finished_; }
  const std::string& run_id() const { return run_id_; }
  // Sums over the lanes (each lane's peak, so an upper bound of the writer's).
  uint64_t memory_peak() const {
    return SumOverLanes(lanes_, [](const WriteLane& l) { return l.memory_peak(); });
  }
  int64_t closed_for_memory() const {
    return SumOverLanes(lanes_, [](const WriteLane& l) { return l.closed_for_memory(); });
  }
  int64_t flushed_for_memory() const {
    return SumOverLanes(lanes_, [](const WriteLane& l) { return l.flushed_for_memory(); });
  }
  int64_t closed_for_partitions() const {
    return SumOverLanes(lanes_, [](const WriteLane& l) { return l.closed_for_partitions(); });
  }

 private:
  Status Usable() const {
    if (finished_) return FailedPreconditionError("write task already finished");
    return error_;
  }

  // Latches the first error and aborts the lanes.
  Status Fail(Status st) {
    if (!st.ok() && error_.ok()) {
      error_ = st;
      workers_.clear();
      for (auto& l : lanes_) l->Abort();
    }
    return st;
  }

  ObjectStore& store_;
  const std::string root_;
  std::shared_ptr<columnar::Schema> schema_;
  DatasetWriteOptions options_;
  PartitionSplitter splitter_;
  FileNameTemplate names_;
  std::string run_id_;
  LaneShared shared_;
  std::vector<std::unique_ptr<WriteLane>> lanes_;
  std::vector<std::unique_ptr<LaneWorker>> workers_;  // one per lane when there are several
  bool finished_ = false;
  Status error_;
};

Result<std::unique_ptr<DatasetWriter>> DatasetWriter::Open(ObjectStore& store,
                                                           std::string root_prefix,
                                                           std::shared_ptr<columnar::Schema> schema,
                                                           DatasetWriteOptions options) {
  if (options.max_partitions < 1) {
    return InvalidArgumentError(
        fmt::format("max_partitions must be at least 1, got {}", options.max_partitions));
  }
  if (options.format == formats::FileFormat::kText) {
    return InvalidArgumentError("text is read-only: write csv, tsv, json, jsonl or parquet");
  }
  S3C_ASSIGN_OR_RETURN(auto splitter, PartitionSplitter::Make(schema, options.partition_by));
  S3C_ASSIGN_OR_RETURN(auto names, FileNameTemplate::Parse(options.file_name_template));
  auto impl = std::make_unique<Impl>(store, std::move(root_prefix), std::move(schema),
                                     std::move(options), std::move(splitter), std::move(names));
  return std::unique_ptr<DatasetWriter>(new DatasetWriter(std::move(impl)));
}

DatasetWriter::DatasetWriter(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
DatasetWriter::~DatasetWriter() {
  if (!impl_->finished()) impl_->Abort();
}
Status DatasetWriter::Write(const columnar::RecordBatch& batch) { return impl_->Write(batch); }
Result<std::vector<dataset::DataFile>> DatasetWriter::Finish() { return impl_->Finish(); }
void DatasetWriter::Abort() { impl_->Abort(); }
const std::string& DatasetWriter::run_id() const { return impl_->run_id(); }
uint64_t DatasetWriter::memory_peak() const { return impl_->memory_peak(); }
int64_t DatasetWriter::files_closed_for_memory() const { return impl_->closed_for_memory(); }
int64_t DatasetWriter::flushes_for_memory() const { return impl_->flushed_for_memory(); }
int64_t DatasetWriter::files_closed_for_partitions() const {
  return impl_->closed_for_partitions();
}

}  // namespace s3c::write
