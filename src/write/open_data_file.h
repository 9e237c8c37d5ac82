// One data file being written by a DatasetWriter (private to the write module): the store's
// object writer, a byte counter above it, the format writer (and compressor) on top, and the
// file's statistics. Publishes in Close(), which returns the file's DataFile entry from what the
// publish answered (size, ETag: WriteOptions::on_published; no HEAD).
// Not thread-safe. Destroyed before Close(), it aborts: nothing is published.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "s3c/common/memory_budget.h"
#include "s3c/dataset/data_file.h"
#include "s3c/formats/format_registry.h"
#include "s3c/store/object_store.h"
#include "write/file_stats.h"

namespace s3c::write_internal {

struct DataFileSpec {
  std::string key;            // the store key
  std::string relative_path;  // DataFile::path
  std::vector<std::pair<std::string, std::optional<std::string>>> partition_values;
  formats::FileFormat format = formats::FileFormat::kParquet;
  WriteOptions write;  // conditions and parts in flight; on_published is the file's own
};

class OpenDataFile {
 public:
  static Result<std::unique_ptr<OpenDataFile>> Open(ObjectStore& store, DataFileSpec spec,
                                                    std::shared_ptr<columnar::Schema> schema,
                                                    const formats::FormatWriteOptions& options,
                                                    const Clock& clock);
  ~OpenDataFile();

  Status Write(const columnar::RecordBatch& batch);
  Status FlushBuffered() { return writer_->FlushBuffered(); }
  // Memory held now (BatchWriter::buffered_bytes: encoder, compressor, store stream).
  uint64_t buffered_bytes() const { return writer_->buffered_bytes(); }
  // Bytes handed to the store so far plus the encoder's pending output (an estimate of the
  // file's size if it were closed now; see dataset_writer.h, "Rolling").
  uint64_t size_estimate() const;
  int64_t rows() const { return stats_.rows(); }
  const std::string& key() const { return spec_.key; }

  // Publishes the file; on success the entry to report.
  Result<dataset::DataFile> Close();
  void Abort();

  // The file's share of the writer's memory budget (DatasetWriter keeps it in step).
  MemoryReservation& reservation() { return reservation_; }
  uint64_t last_use = 0;  // the writer's tick of the last write (LRU order)

 private:
  OpenDataFile(DataFileSpec spec, std::shared_ptr<columnar::Schema> schema);

  DataFileSpec spec_;
  FileStatsCollector stats_;
  std::shared_ptr<uint64_t> stored_bytes_ = std::make_shared<uint64_t>(0);
  std::shared_ptr<std::optional<ObjectInfo>> published_ =
      std::make_shared<std::optional<ObjectInfo>>();
  std::unique_ptr<formats::BatchWriter> writer_;
  const Clock* clock_ = nullptr;
  bool done_ = false;
  MemoryReservation reservation_;
};

}  // namespace s3c::write_internal
