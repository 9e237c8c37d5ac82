// One lane of a DatasetWriter (private to the write module): the open files of the partitions
// routed to it, each partition with one open file at a time, rolled by rows and size, within
// the lane's share of the memory budget (dataset_writer.h, "Memory"). The lanes of one writer
// share the {part} counter and the count of open files, which max_partitions bounds: a lane
// at the limit closes its own least recently written file (a lane with none open opens one
// anyway, so the writer may pass the limit by at most lanes - 1).
// A lane is driven by one thread at a time (the writer's, or its LaneWorker's).
#pragma once

#include <atomic>
#include <cstdint>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "s3c/common/memory_budget.h"
#include "s3c/dataset/data_file.h"
#include "s3c/store/object_store.h"
#include "s3c/write/dataset_writer.h"
#include "s3c/write/file_naming.h"
#include "write/open_data_file.h"
#include "write/partition_split.h"

namespace s3c::write_internal {

// What the lanes of one writer share.
struct LaneShared {
  std::atomic<int64_t> next_part{0};  // {part} of the next file, across lanes
  std::atomic<int> open_files{0};     // files open in every lane
};

// A published file and its {part} number (the writer reports files in part order).
struct PublishedFile {
  int64_t part = 0;
  dataset::DataFile file;
};

class WriteLane {
 public:
  // `options` are the lane's: memory_bytes is its share of the budget.
  WriteLane(ObjectStore& store, std::string root, std::shared_ptr<columnar::Schema> file_schema,
            const write::DatasetWriteOptions& options, const write::FileNameTemplate& names,
            std::string extension, std::string run_id, LaneShared& shared);
  ~WriteLane();

  // Writes one partition's rows. The first error latches: the open files are aborted and every
  // later call returns it.
  Status WriteGroup(const PartitionGroup& g);
  // Closes every open file; the files this lane published (on error: aborts, deleting them).
  Result<std::vector<PublishedFile>> Finish();
  // Aborts the open files and deletes the published ones (best effort); safe to call again.
  void Abort();

  uint64_t memory_peak() const { return budget_.peak(); }
  int64_t closed_for_memory() const { return closed_for_memory_; }
  int64_t flushed_for_memory() const { return flushed_for_memory_; }
  int64_t closed_for_partitions() const { return closed_for_partitions_; }

 private:
  Status Fail(Status st);
  Status WriteGroupRows(const PartitionGroup& g);
  int64_t RowsToFill(const OpenDataFile& file) const;
  Result<OpenDataFile*> FileFor(const PartitionGroup& g);
  Status Account(OpenDataFile* file);
  OpenDataFile* LargestToFlush(const OpenDataFile* file,
                               const std::set<const OpenDataFile*>& flushed_now) const;
  Status CloseLeastRecent(const OpenDataFile* keep);
  Status CloseFile(const std::string& folder);

  ObjectStore& store_;
  const std::string root_;
  const std::shared_ptr<columnar::Schema> file_schema_;
  const write::DatasetWriteOptions options_;
  const write::FileNameTemplate& names_;
  const std::string extension_;
  const std::string run_id_;
  LaneShared& shared_;
  MemoryBudget budget_;
  std::map<std::string, std::unique_ptr<OpenDataFile>> open_;  // by partition folder
  std::map<const OpenDataFile*, int64_t> parts_;               // {part} of each open file
  std::vector<PublishedFile> published_;
  uint64_t tick_ = 0;
  int64_t closed_for_memory_ = 0;
  int64_t flushed_for_memory_ = 0;
  int64_t closed_for_partitions_ = 0;
  bool finished_ = false;
  Status error_;
};

}  // namespace s3c::write_internal
