// WriteLane (write/write_lane.h).
#include "write/write_lane.h"

#include <algorithm>

#include "s3c/write/partition_path.h"

namespace s3c::write_internal {

using write::EscapeHivePathValue;
using write::FileNameFields;
using write::kHiveNullPartition;

namespace {

// Rows a new file writes before its bytes per row are known (size rolling).
constexpr int64_t kMeasureRows = 64;

}  // namespace

WriteLane::WriteLane(ObjectStore& store, std::string root,
                     std::shared_ptr<columnar::Schema> file_schema,
                     const write::DatasetWriteOptions& options,
                     const write::FileNameTemplate& names, std::string extension,
                     std::string run_id, LaneShared& shared)
    : store_(store),
      root_(std::move(root)),
      file_schema_(std::move(file_schema)),
      options_(options),
      names_(names),
      extension_(std::move(extension)),
      run_id_(std::move(run_id)),
      shared_(shared),
      budget_(options.memory_bytes) {}

WriteLane::~WriteLane() { Abort(); }

Status WriteLane::WriteGroup(const PartitionGroup& g) {
  S3C_RETURN_IF_ERROR(error_);
  return Fail(WriteGroupRows(g));
}

Result<std::vector<PublishedFile>> WriteLane::Finish() {
  S3C_RETURN_IF_ERROR(error_);
  while (!open_.empty()) {
    Status st = CloseFile(open_.begin()->first);
    if (!st.ok()) {
      Fail(st).IgnoreError();  // latched: Abort() below removes what was published
      Abort();
      return st;
    }
  }
  finished_ = true;
  return std::move(published_);
}

void WriteLane::Abort() {
  if (finished_) return;
  if (error_.ok()) error_ = CancelledError("write task aborted (run " + run_id_ + ")");
  shared_.open_files -= static_cast<int>(open_.size());
  open_.clear();  // each file aborts on destruction
  std::vector<std::string> keys;
  for (const auto& p : published_) keys.push_back(root_ + p.file.path);
  published_.clear();
  if (!keys.empty()) store_.DeleteMany(keys).IgnoreError();  // best effort (dataset_writer.h)
}

// Latches the first error and aborts the open files.
Status WriteLane::Fail(Status st) {
  if (!st.ok() && error_.ok()) {
    error_ = st;
    shared_.open_files -= static_cast<int>(open_.size());
    open_.clear();
  }
  return st;
}

Status WriteLane::WriteGroupRows(const PartitionGroup& g) {
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
int64_t WriteLane::RowsToFill(const OpenDataFile& file) const {
  if (file.rows() < kMeasureRows) return kMeasureRows - file.rows();
  uint64_t size = file.size_estimate();
  if (size >= options_.max_file_size) return 1;
  uint64_t per_row = std::max<uint64_t>(1, size / static_cast<uint64_t>(file.rows()));
  return std::max<int64_t>(1, static_cast<int64_t>((options_.max_file_size - size) / per_row));
}

Result<OpenDataFile*> WriteLane::FileFor(const PartitionGroup& g) {
  auto it = open_.find(g.folder);
  if (it != open_.end()) return it->second.get();
  if (shared_.open_files.load() >= options_.max_partitions && !open_.empty()) {
    S3C_RETURN_IF_ERROR(CloseLeastRecent(nullptr));
    ++closed_for_partitions_;
  }
  DataFileSpec spec;
  int64_t part = shared_.next_part++;
  FileNameFields fields;
  fields.run = run_id_;
  fields.task = options_.task_index;
  fields.part = part;
  fields.extension = extension_;
  for (size_t p = 0; p < g.values.size(); ++p) {
    if (p > 0) fields.partition += '-';
    fields.partition +=
        g.values[p] ? EscapeHivePathValue(*g.values[p]) : std::string(kHiveNullPartition);
    spec.partition_values.emplace_back(options_.partition_by[p], g.values[p]);
  }
  spec.relative_path = g.folder + names_.Render(fields, *options_.random);
  spec.key = root_ + spec.relative_path;
  spec.format = options_.format;
  spec.write.max_parts_in_flight = options_.max_parts_in_flight;
  S3C_ASSIGN_OR_RETURN(auto file, OpenDataFile::Open(store_, std::move(spec), file_schema_,
                                                     options_.format_options, *options_.clock));
  OpenDataFile* raw = file.get();
  parts_[raw] = part;
  open_.emplace(g.folder, std::move(file));
  ++shared_.open_files;
  raw->last_use = ++tick_;
  S3C_RETURN_IF_ERROR(Account(raw));
  return raw;
}

// Brings `file`'s reservation to the memory it holds. While that does not fit: first the
// open file holding the most hands its buffers on (FlushBuffered: a Parquet row group ends
// early, the file stays open), when it holds at least its fair share (budget / open files)
// and has not flushed in this call; then the least recently written other file is closed;
// alone, `file` flushes itself and then holds what it must (header: "Memory").
Status WriteLane::Account(OpenDataFile* file) {
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
OpenDataFile* WriteLane::LargestToFlush(const OpenDataFile* file,
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

Status WriteLane::CloseLeastRecent(const OpenDataFile* keep) {
  auto lru = open_.end();
  for (auto it = open_.begin(); it != open_.end(); ++it) {
    if (it->second.get() == keep) continue;
    if (lru == open_.end() || it->second->last_use < lru->second->last_use) lru = it;
  }
  if (lru == open_.end()) return Status::OK();
  return CloseFile(lru->first);
}

Status WriteLane::CloseFile(const std::string& folder) {
  auto it = open_.find(folder);
  std::unique_ptr<OpenDataFile> file = std::move(it->second);
  open_.erase(it);
  --shared_.open_files;
  int64_t part = parts_[file.get()];
  parts_.erase(file.get());
  S3C_ASSIGN_OR_RETURN(dataset::DataFile published, file->Close());
  published_.push_back({part, std::move(published)});
  return Status::OK();
}

}  // namespace s3c::write_internal
