// DatasetWriter (write/dataset_writer.h): partitions, rolling, the open-file limit and the
// memory budget.
#include "s3c/write/dataset_writer.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "s3c/common/memory_budget.h"
#include "s3c/write/file_naming.h"
#include "s3c/write/partition_path.h"
#include "write/open_data_file.h"
#include "write/partition_split.h"

namespace s3c::write {

using write_internal::OpenDataFile;
using write_internal::PartitionGroup;
using write_internal::PartitionSplitter;

namespace {

// Rows a new file writes before its bytes per row are known (size rolling).
constexpr int64_t kMeasureRows = 64;

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
        names_(std::move(names)),
        extension_(DataFileExtension(options_.format, options_.format_options.compression)),
        budget_(options_.memory_bytes) {
    run_id_ = options_.run_id.empty() ? MakeRunId(*options_.clock, *options_.random)
                                      : options_.run_id;
  }

  Status Write(const columnar::RecordBatch& batch) {
    S3C_RETURN_IF_ERROR(Usable());
    S3C_RETURN_IF_ERROR(Fail(CheckBatchSchema(*schema_, batch)));
    auto groups = splitter_.Split(batch);
    S3C_RETURN_IF_ERROR(Fail(groups.status()));
    for (const PartitionGroup& g : *groups) S3C_RETURN_IF_ERROR(Fail(WriteGroup(g)));
    return Status::OK();
  }

  Result<std::vector<dataset::DataFile>> Finish() {
    S3C_RETURN_IF_ERROR(Usable());
    while (!open_.empty()) {
      Status st = CloseFile(open_.begin()->first);
      if (!st.ok()) {
        Fail(st).IgnoreError();  // latched: Abort() below removes what was published
        Abort();
        return st;
      }
    }
    finished_ = true;
    std::sort(published_.begin(), published_.end(),
              [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<dataset::DataFile> files;
    for (auto& [part, file] : published_) files.push_back(std::move(file));
    published_.clear();
    return files;
  }

  void Abort() {
    if (finished_) return;
    if (error_.ok()) error_ = CancelledError("write task aborted (run " + run_id_ + ")");
    open_.clear();  // each file aborts on destruction
    std::vector<std::string> keys;
    for (const auto& [part, file] : published_) keys.push_back(root_ + file.path);
    published_.clear();
    if (!keys.empty()) store_.DeleteMany(keys).IgnoreError();  // best effort (header)
  }

  bool finished() const { return finished_; }
  const std::string& run_id() const { return run_id_; }
  uint64_t memory_peak() const { return budget_.peak(); }
  int64_t closed_for_memory() const { return closed_for_memory_; }
  int64_t flushed_for_memory() const { return flushed_for_memory_; }
  int64_t closed_for_partitions() const { return closed_for_partitions_; }

 private:
  Status Usable() const {
    if (finished_) return FailedPreconditionError("write task already finished");
    return error_;
  }

  // Latches the first error and aborts the open files.
  Status Fail(Status st) {
    if (!st.ok() && error_.ok()) {
      error_ = st;
      open_.clear();
    }
    return st;
  }

  Status WriteGroup(const PartitionGroup& g) {
    const columnar::RecordBatch& rows = *g.rows;
    int64_t offset = 0;
    while (offset < rows.num_rows()) {
      S3C_ASSIGN_OR_RETURN(OpenDataFile * file, FileFor(g));
      int64_t n = rows.num_rows() - offset;
      if (options_.max_rows_per_file > 0) {
        n = std::min(n, options_.max_rows_per_file - file->rows());
      }
      if (options_.max_file_size > 0) n = std::min(n, RowsToFill(*file));
      S3C_RETURN_IF_ERROR(file->Write(*rows.Slice(offset, n)));
      offset += n;
      file->last_use = ++tick_;
      S3C_RETURN_IF_ERROR(Account(file));
      bool full_rows = options_.max_rows_per_file > 0 && file->rows() >= options_.max_rows_per_file;
      bool full_size = options_.max_file_size > 0 && file->size_estimate() >= options_.max_file_size;
      if (full_rows || full_size) S3C_RETURN_IF_ERROR(CloseFile(g.folder));
    }
    return Status::OK();
  }

  // Rows expected to fill what is left of max_file_size (at least 1), from the file's bytes per
  // row so far; the first kMeasureRows rows measure it.
  int64_t RowsToFill(const OpenDataFile& file) const {
    if (file.rows() < kMeasureRows) return kMeasureRows - file.rows();
    uint64_t size = file.size_estimate();
    if (size >= options_.max_file_size) return 1;
    uint64_t per_row = std::max<uint64_t>(1, size / static_cast<uint64_t>(file.rows()));
    return std::max<int64_t>(1, static_cast<int64_t>((options_.max_file_size - size) / per_row));
  }

  Result<OpenDataFile*> FileFor(const PartitionGroup& g) {
    auto it = open_.find(g.folder);
    if (it != open_.end()) return it->second.get();
    if (static_cast<int>(open_.size()) >= options_.max_partitions) {
      S3C_RETURN_IF_ERROR(CloseLeastRecent(nullptr));
      ++closed_for_partitions_;
    }
    write_internal::DataFileSpec spec;
    int64_t part = next_part_++;
    FileNameFields fields;
    fields.run = run_id_;
    fields.task = options_.task_index;
    fields.part = part;
    fields.extension = extension_;
    for (size_t p = 0; p < g.values.size(); ++p) {
      if (p > 0) fields.partition += '-';
      fields.partition += g.values[p] ? EscapeHivePathValue(*g.values[p])
                                      : std::string(kHiveNullPartition);
      spec.partition_values.emplace_back(splitter_.partition_by()[p], g.values[p]);
    }
    spec.relative_path = g.folder + names_.Render(fields, *options_.random);
    spec.key = root_ + spec.relative_path;
    spec.format = options_.format;
    spec.write.max_parts_in_flight = options_.max_parts_in_flight;
    S3C_ASSIGN_OR_RETURN(auto file, OpenDataFile::Open(store_, std::move(spec),
                                                       splitter_.file_schema(),
                                                       options_.format_options, *options_.clock));
    OpenDataFile* raw = file.get();
    parts_[raw] = part;
    open_.emplace(g.folder, std::move(file));
    raw->last_use = ++tick_;
    S3C_RETURN_IF_ERROR(Account(raw));
    return raw;
  }

  // Brings `file`'s reservation to the memory it holds. While that does not fit: first the
  // open file holding the most hands its buffers on (FlushBuffered: a Parquet row group ends
  // early, the file stays open), when it holds at least its fair share (budget / open files)
  // and has not flushed in this call; then the least recently written other file is closed;
  // alone, `file` flushes itself and then holds what it must (header: "Memory").
  Status Account(OpenDataFile* file) {
    bool flushed = false;
    std::set<const OpenDataFile*> flushed_now;
    while (true) {
      MemoryReservation& held = file->reservation();
      uint64_t need = file->buffered_bytes();
      if (need <= held.bytes()) {
        held.Shrink(held.bytes() - need);
        return Status::OK();
      }
      uint64_t others = budget_.used() - held.bytes();
      bool alone_and_flushed = open_.size() == 1 && flushed;
      if (others + need <= budget_.capacity() || alone_and_flushed) {
        // Fits (or runs alone over the cap, which MemoryBudget grants when nothing else is
        // reserved); this thread is the budget's only user, so the grant cannot fail.
        held.Release();
        if (auto grant = budget_.TryAcquire(need)) held = std::move(*grant);
        return Status::OK();
      }
      if (OpenDataFile* largest = LargestToFlush(file, flushed_now)) {
        flushed_now.insert(largest);
        S3C_RETURN_IF_ERROR(largest->FlushBuffered());
        ++flushed_for_memory_;
        if (largest != file) {
          MemoryReservation& r = largest->reservation();
          r.Shrink(r.bytes() - std::min(r.bytes(), largest->buffered_bytes()));
        }
      } else if (open_.size() > 1) {
        S3C_RETURN_IF_ERROR(CloseLeastRecent(file));
        ++closed_for_memory_;
      } else {
        S3C_RETURN_IF_ERROR(file->FlushBuffered());
        flushed = true;
      }
    }
  }

  // The open file holding the most memory (`file` counted at what it holds now, the others at
  // their reservations), when that is at least a fair share of the budget and it has not
  // flushed in this Account call; else null.
  OpenDataFile* LargestToFlush(const OpenDataFile* file,
                               const std::set<const OpenDataFile*>& flushed_now) const {
    if (open_.size() < 2) return nullptr;  // alone: Account flushes it last, as it must
    const uint64_t fair = budget_.capacity() / open_.size();
    OpenDataFile* best = nullptr;
    uint64_t best_bytes = 0;
    for (const auto& [folder, f] : open_) {
      if (flushed_now.count(f.get()) > 0) continue;
      uint64_t bytes = f.get() == file ? f->buffered_bytes() : f->reservation().bytes();
      if (bytes > best_bytes) {
        best = f.get();
        best_bytes = bytes;
      }
    }
    return best_bytes >= fair ? best : nullptr;
  }

  Status CloseLeastRecent(const OpenDataFile* keep) {
    auto lru = open_.end();
    for (auto it = open_.begin(); it != open_.end(); ++it) {
      if (it->second.get() == keep) continue;
      if (lru == open_.end() || it->second->last_use < lru->second->last_use) lru = it;
    }
    if (lru == open_.end()) return Status::OK();
    return CloseFile(lru->first);
  }

  Status CloseFile(const std::string& folder) {
    auto it = open_.find(folder);
    std::unique_ptr<OpenDataFile> file = std::move(it->second);
    open_.erase(it);
    int64_t part = parts_[file.get()];
    parts_.erase(file.get());
    S3C_ASSIGN_OR_RETURN(dataset::DataFile published, file->Close());
    published_.emplace_back(part, std::move(published));
    return Status::OK();
  }

  ObjectStore& store_;
  std::string root_;
  std::shared_ptr<columnar::Schema> schema_;
  DatasetWriteOptions options_;
  PartitionSplitter splitter_;
  FileNameTemplate names_;
  std::string extension_;
  std::string run_id_;
  MemoryBudget budget_;
  std::map<std::string, std::unique_ptr<OpenDataFile>> open_;  // by partition folder
  std::map<const OpenDataFile*, int64_t> parts_;                // {part} of each open file
  std::vector<std::pair<int64_t, dataset::DataFile>> published_;
  int64_t next_part_ = 0;
  uint64_t tick_ = 0;
  int64_t closed_for_memory_ = 0;
  int64_t flushed_for_memory_ = 0;
  int64_t closed_for_partitions_ = 0;
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
