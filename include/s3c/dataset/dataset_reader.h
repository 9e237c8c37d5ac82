// Reading a set of objects as one table (docs/architecture.md: dataset).
//
// The dataset's schema is the union by name (formats/inference.h UnionSchemas) of the schemas
// of the first `infer_files` objects; every object's batches are aligned to it: columns an
// object lacks are null, narrower types are cast to the widened type. An object whose columns
// do not fit (a column outside the dataset schema, or a value the cast rejects) is an error
// naming the object and column: rows are never dropped silently. Partition and virtual columns
// follow the files' columns; a file column with a partition's name must hold the folder's value
// in every row (DataLoss naming the object, column and both values otherwise) and is read as the
// partition column. A CSV dialect detected (csv.detect_dialect) alike in every sampled object
// reads the later objects too, undetected (as DuckDB takes its first file's); a later object
// written in another dialect then fails on its columns instead of being sniffed again.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "s3c/formats/format_registry.h"
#include "s3c/dataset/partitioning.h"
#include "s3c/dataset/read_pipeline_stats.h"
#include "s3c/formats/inference.h"
#include "s3c/store/object_store.h"

namespace s3c::dataset {

class ObjectPipeline;

// How many objects are read at once (dataset_reader.h DatasetReader; the engine is
// src/dataset/object_pipeline.h). 0 picks the default.
struct ParallelReadOptions {
  int objects_in_flight = 0;   // objects open and fetching at once; default 2 x cores, at least 4;
                               // 1 reads one object after another on the caller's thread
  int decode_threads = 0;      // objects decoding at once; default the cores
  uint64_t memory_bytes = 0;   // read-ahead and decoded batches held ahead of the caller;
                               // default 128 MiB
  bool unordered = false;      // hand out batches as objects produce them (row order kept
                               // within an object); default: object order, then row order
};

struct DatasetReadOptions {
  std::optional<formats::FileFormat> format;  // nullopt: from each object's name
  formats::FormatReadOptions read;
  int64_t infer_files = 8;  // objects whose schemas make the dataset's schema; -1 = all
  // Partition columns from the keys (dataset/partitioning.h), appended after the files'
  // columns. Hive reads whole keys; a template matches keys below `root_prefix`.
  Partitioning partitioning;
  std::string root_prefix;
  // Virtual columns from the listing, appended last, in this order: any of kVirtualColumns.
  std::vector<std::string> virtual_columns;
  ParallelReadOptions parallel;
};

// "_key" (string), "_size" (int64), "_last_modified" (timestamp[us, UTC]), "_etag" (string).
inline constexpr const char* kVirtualColumns[] = {"_key", "_size", "_last_modified", "_etag"};

// The format of one object: the explicit one, else from its name; InvalidArgument naming the
// object when neither says.
Result<formats::FileFormat> FormatOf(const ObjectInfo& object,
                                     const std::optional<formats::FileFormat>& format);

// A reader for one object of `store` (positional reads pinned to the object's ETag for
// Parquet; a sequential stream for the text formats, fetching up to `readahead_bytes` ahead).
// `store` must outlive the reader; the reader is not thread-safe (formats/batch_io.h).
Result<std::unique_ptr<formats::BatchReader>> OpenObjectReader(
    ObjectStore& store, const ObjectInfo& object, formats::FileFormat format,
    const formats::FormatReadOptions& options,
    size_t readahead_bytes = ReadOptions{}.readahead_bytes);

// Not thread-safe: one thread at a time calls Next() and the accessors. `store` is held by
// reference and must outlive the reader. Batches own their values and stay valid after the
// reader is gone. The readers of the first infer_files objects stay open from Open until they
// are read. With more than one object and options.parallel.objects_in_flight above 1, objects
// are read at once on other threads (ParallelReadOptions; the format readers run there, so a
// quarantine callback in options.read is called from them, one call at a time); otherwise one
// after another on the caller's thread. Either way the batches come in object order unless
// `unordered`, and an object's error is returned when the reader reaches that object.
class DatasetReader final : public formats::BatchReader {
 public:
  // objects must not be empty.
  static Result<std::unique_ptr<DatasetReader>> Open(ObjectStore& store,
                                                     std::vector<ObjectInfo> objects,
                                                     DatasetReadOptions options);
  ~DatasetReader() override;

  std::shared_ptr<formats::Schema> schema() const override { return schema_; }
  Result<std::shared_ptr<formats::RecordBatch>> Next() override;
  // Rows the format readers decoded and rejected so far (read at once: of the objects whose rows
  // have all been handed out; exact once Next() returned the end).
  int64_t rows_read() const override;
  int64_t rows_rejected() const override;
  // Row groups and pages the format readers skipped (Parquet statistics and page index), summed
  // as rows_read() is.
  formats::PruningCounters pruning() const override;

  // Per-object schema changes seen so far (the first infer_files objects at Open, later ones
  // as they are opened).
  const std::vector<formats::SchemaDrift>& drift() const { return drift_; }
  // Objects whose rows have begun to be handed out (one after another: objects opened).
  int64_t objects_read() const;

  // Applied to every aligned batch on the thread that read it (a pool thread when objects are
  // read at once), before the batch is handed out: the scan's filter and projection. Set before
  // the first Next(); must be safe to call from several threads at once. A batch it returns with
  // no rows is dropped.
  using BatchTransform = std::function<Result<std::shared_ptr<formats::RecordBatch>>(
      std::shared_ptr<formats::RecordBatch>)>;
  void SetTransform(BatchTransform transform) { transform_ = std::move(transform); }

  // The parallel read's counters (zero when objects are read one after another).
  ObjectPipelineStats pipeline_stats() const;

 private:
  class ObjectSource;
  DatasetReader(ObjectStore& store, std::vector<ObjectInfo> objects, DatasetReadOptions options);
  Status OpenNext();
  // The reader of object `index` (kept from inference, else opened) and the drift of a later
  // object against the dataset's schema (appended to *drift).
  Result<std::unique_ptr<formats::BatchReader>> ReaderFor(size_t index,
                                                          std::vector<formats::SchemaDrift>* drift);
  Result<std::shared_ptr<formats::RecordBatch>> Align(const formats::RecordBatch& batch,
                                                      size_t index) const;
  // Align, then the transform.
  Result<std::shared_ptr<formats::RecordBatch>> Finish(std::shared_ptr<formats::RecordBatch> batch,
                                                       size_t index) const;
  bool ReadsInParallel() const {
    return objects_.size() > 1 && options_.parallel.objects_in_flight != 1;
  }
  Result<std::shared_ptr<formats::RecordBatch>> NextInOrder();
  void StartPipeline();

  ObjectStore& store_;
  std::vector<ObjectInfo> objects_;
  PartitionTable extra_;  // partition and virtual columns, per object
  bool dialect_from_sample_ = false;  // later CSV objects read with the sample's dialect
  std::shared_ptr<formats::Schema> file_schema_;  // the files' columns (without extra_'s names)
  DatasetReadOptions options_;
  std::shared_ptr<formats::Schema> schema_;
  std::vector<formats::SchemaDrift> drift_;
  // Readers opened during inference, kept for reading (index = object index).
  std::vector<std::unique_ptr<formats::BatchReader>> opened_;
  std::unique_ptr<formats::BatchReader> current_;
  size_t current_index_ = 0;
  BatchTransform transform_;
  size_t readahead_bytes_ = ReadOptions{}.readahead_bytes;  // of each object's stream
  int64_t next_object_ = 0;
  int64_t rows_done_ = 0;      // rows of readers already finished
  int64_t rejected_done_ = 0;
  formats::PruningCounters pruning_done_;
  // Reading objects at once, else null. Last: destroyed first, since its threads use the rest.
  std::unique_ptr<ObjectPipeline> pipeline_;
};

// The schemas of the first options.infer_files objects (-1: all) and their union with drift
// (for `s3c schema`): opens each of those objects' readers (which infer over their sample)
// without reading further.
struct DatasetSchema {
  std::vector<formats::NamedSchema> files;  // the objects sampled, in order
  formats::SchemaUnion united;
  int64_t objects_total = 0;                // objects given (files.size() or more)
  std::vector<columnar::Field> partitions;  // partition and virtual columns, after united
};
Result<DatasetSchema> InferDatasetSchema(ObjectStore& store, const std::vector<ObjectInfo>& objects,
                                         const DatasetReadOptions& options);

// The schema a DatasetReader over `objects` has when its files' columns unite to `files`: those
// columns less the ones named like a partition or virtual column, then the partition columns,
// then options.virtual_columns. Errors as BuildPartitionTable's and AddVirtualColumns'.
Result<std::shared_ptr<formats::Schema>> DatasetSchemaFor(const formats::Schema& files,
                                                          const std::vector<ObjectInfo>& objects,
                                                          const DatasetReadOptions& options);

}  // namespace s3c::dataset
