// A write task (docs/architecture.md: write): batches in, data files out. It writes data files
// under a root prefix of an ObjectStore and returns one dataset::DataFile per published file;
// publishing them as a dataset (commit records, modes) is the commit's business, not this one's.
//
// Layout: <root_prefix><col=value/...><name>, the Hive folders in partition_by order
// (partition_path.h: escaping, NULL and "" as __HIVE_DEFAULT_PARTITION__), the partition columns
// left out of the files (as DuckDB's PARTITION_BY and Spark write them), names from the file name
// template (file_naming.h). root_prefix is used as given: end it with '/' for a folder.
//
// Rolling: a file is closed and the next one of its partition started when it holds
// max_rows_per_file rows (exact: batches are cut at that row), or when its size reaches
// max_file_size. The size is measured between slices of a batch as the bytes handed to the store
// plus the encoder's pending output (BatchWriter::pending_output_bytes); a batch is cut into
// slices of the rows expected to fill what is left, from the file's bytes per row so far (the
// first 64 rows of a file measure it), so a file exceeds max_file_size by at most about one slice:
//  - uncompressed CSV / TSV / JSON: within a few rows of the limit;
//  - compressed text: plus what the compressor holds unflushed (its block: 64-256 KiB for gzip,
//    up to 128 KiB zstd), which is not seen until it emits it;
//  - Parquet: the open row group counts at its PLAIN size, usually more than it takes encoded
//    and compressed, so Parquet files tend to close under max_file_size (the footer is not
//    counted; row groups are not cut for size: set parquet.row_group_bytes below max_file_size
//    for files near the limit).
//
// Lanes: with partition_by, the partitions are spread over write_threads lanes (default the
// cores) by a hash of their folder, each lane encoding its files on a thread of its own, so
// encoding and compressing use every core; a partition always goes to the same lane, so it has
// one open file at a time as with one lane. The budget and max_partitions below bound the
// writer: each lane has memory_bytes / lanes, and the lanes share the count of open files (a
// lane at the limit closes its own least recently written file; one with none open opens one
// anyway, so the count may pass max_partitions by up to lanes - 1). With several lanes, which
// file closes first, and so the {part} numbers, depend on timing. Up to 16 MiB of rows per lane
// wait in its queue, besides the budget. Without partition_by there is one lane, on the
// caller's thread.
//
// Memory: at most max_partitions files are open at once, and the memory every open file holds
// (BatchWriter::buffered_bytes: encoder buffers, a Parquet row group, the compressor's state, the
// store stream's buffer - on S3 the PutObject body below the part size, then one part buffer per
// part in flight plus the one being filled) is held in one MemoryBudget of memory_bytes,
// re-counted after each write. When opening a file would pass max_partitions, the least recently
// written other file is closed (published, reported) and its partition gets a new file when it
// has rows again. When a write's memory does not fit the budget, the open file holding the most
// hands its buffers on first (FlushBuffered: a Parquet row group ends early, the file stays
// open), if it holds at least a fair share (budget / open files); what still does not fit closes
// least recently written files as above. Flushing first keeps a few large partitions from
// being cut into many files. When the file being written is the only one open and still does
// not fit, it flushes and then holds what it must, alone, over the cap. memory_peak() is the
// budget's peak. Bytes in transit inside one Write call (the batch being encoded) are not
// counted.
//
// Errors: the first error fails the writer (every later call returns it) and aborts its open
// files; Finish() returns the files only when every file was published (an error = nothing
// reported as written). Abort(), and destruction before Finish() succeeded, abort the open files
// (S3: multipart uploads aborted) and delete the files this task already published, best effort
// (the commit protocol's garbage collection removes what remains). Finish() on success leaves
// the files in place: they are the commit's to publish or remove.
// Not thread-safe: one thread drives a task.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "s3c/columnar/record_batch.h"
#include "s3c/common/clock.h"
#include "s3c/common/status.h"
#include "s3c/dataset/data_file.h"
#include "s3c/formats/format_registry.h"
#include "s3c/store/object_store.h"

namespace s3c::write {

struct DatasetWriteOptions {
  formats::FileFormat format = formats::FileFormat::kParquet;
  formats::FormatWriteOptions format_options;
  std::vector<std::string> partition_by;
  std::string file_name_template;  // "" = kDefaultFileNameTemplate (file_naming.h)
  uint64_t max_file_size = 0;      // bytes; 0 = no limit
  int64_t max_rows_per_file = 0;   // 0 = no limit
  int max_partitions = 1000;       // files open at once (>= 1)
  uint64_t memory_bytes = 192ull << 20;  // the write memory budget of all open files
  // Lanes writing partitions side by side ("Lanes" above); 0 = the cores when partition_by is
  // set, else 1.
  int write_threads = 0;
  // S3 multipart parts in flight per open file (each holds a part buffer).
  size_t max_parts_in_flight = 1;
  std::string run_id;              // "" = MakeRunId(clock, random); tasks of a run share it
  int task_index = 0;              // {task}: tasks of one run must differ
  const Clock* clock = &SystemClock::Instance();
  Random* random = &SystemRandom::Instance();
};

class DatasetWriter {
 public:
  // `store` must outlive the writer. InvalidArgument for an unknown or nested partition_by
  // column, a bad template, max_partitions < 1, or a format that cannot be written (text).
  static Result<std::unique_ptr<DatasetWriter>> Open(ObjectStore& store, std::string root_prefix,
                                                     std::shared_ptr<columnar::Schema> schema,
                                                     DatasetWriteOptions options);
  ~DatasetWriter();

  // `batch` has the schema given to Open (names and types; else InvalidArgument).
  Status Write(const columnar::RecordBatch& batch);
  // Closes every open file; returns every file this task published, in the order they were
  // started. Zero rows written = no files.
  Result<std::vector<dataset::DataFile>> Finish();
  // Aborts open files and deletes published ones (best effort); safe to call more than once.
  void Abort();

  const std::string& run_id() const;
  uint64_t memory_peak() const;  // the budget's peak, bytes (summed over lanes: an upper bound)
  int64_t files_closed_for_memory() const;  // LRU closes forced by the budget
  int64_t flushes_for_memory() const;       // early flushes (row groups) forced by the budget
  int64_t files_closed_for_partitions() const;  // LRU closes forced by max_partitions

  class Impl;

 private:
  explicit DatasetWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// The single-key case: one object at exactly `key` (one PutObject, or one multipart upload),
// nothing else written beside it. Close() publishes it and returns its entry (path = key, size
// and ETag from the publish). `write_options` carries the conditions (If-None-Match for a mode
// that must not overwrite) and parts in flight; its on_published is the writer's own. A write
// error aborts the object. Destroyed or aborted before Close(), nothing is published. Not
// thread-safe.
class SingleObjectWriter {
 public:
  static Result<std::unique_ptr<SingleObjectWriter>> Open(
      ObjectStore& store, std::string key, std::shared_ptr<columnar::Schema> schema,
      formats::FileFormat format, const formats::FormatWriteOptions& options,
      const WriteOptions& write_options = {}, const Clock* clock = &SystemClock::Instance());
  ~SingleObjectWriter();
  Status Write(const columnar::RecordBatch& batch);
  Result<dataset::DataFile> Close();
  void Abort();

  class Impl;

 private:
  explicit SingleObjectWriter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace s3c::write
