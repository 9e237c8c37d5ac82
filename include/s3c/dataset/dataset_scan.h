// A scan: a DatasetReader with a row filter and a projection (docs/architecture.md: dataset).
//
// The filter (expr, SQL WHERE subset) is bound to the dataset's schema: the files' columns, the
// partition columns and the virtual columns it names (added for it, and left out of the output
// unless selected). It is used twice: Parquet row groups whose statistics rule it out are not
// fetched, and every batch keeps only the rows where it is TRUE. Partition pruning happens
// earlier, when the objects are listed (discovery.h DiscoverDataset with partition_pruner.h).
//
// The projection names output columns in order (files', partition or virtual); the files'
// columns it and the filter need are pushed into the format readers (Parquet fetches only
// their column chunks), so unselected columns are not decoded where the format allows it.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "s3c/dataset/dataset_reader.h"
#include "s3c/expr/evaluate.h"

namespace s3c::dataset {

struct ScanOptions {
  DatasetReadOptions dataset;        // its read.columns and virtual_columns are set by the scan
  std::vector<std::string> columns;  // output columns; empty = files' then partition columns
  std::string where;                 // "" = every row
  expr::EvalContext eval;            // now() and current_date for the whole run
};

// The columns a scan over `objects` asks each format reader for (DatasetScan::Open sets
// dataset.read.columns to `read`): the output's and the filter's, less partition and virtual
// columns; empty = every column. `filtered`: the filter's columns among the files' (a Parquet
// reader may prune by them). options.dataset.root_prefix must be the listing's.
struct ScanFileColumns {
  std::vector<std::string> read;
  std::vector<std::string> filtered;
};
Result<ScanFileColumns> FileColumnsOf(const std::vector<ObjectInfo>& objects,
                                      const ScanOptions& options);

// The row-group predicate a scan of `objects` gives its Parquet readers when the files' columns
// are `files`: options.where bound to DatasetSchemaFor(files, ...) with the virtual columns it
// names, as DatasetScan::Open binds it to the opened dataset's schema. For a plan, which opens
// footers but no dataset. nullptr without a filter; errors as Open's for the filter.
Result<std::shared_ptr<const columnar::RowGroupPredicate>> BindRowGroupPredicate(
    const formats::Schema& files, const std::vector<ObjectInfo>& objects,
    const ScanOptions& options);

// Not thread-safe (as DatasetReader). Batches that the filter empties are dropped. The filter and
// projection run where the reader aligns its batches (on pool threads when objects are read at
// once, ParallelReadOptions).
class DatasetScan final : public formats::BatchReader {
 public:
  // Zero objects make a scan with an empty schema and no rows.
  // Errors: the filter does not parse or bind (position and did-you-mean in the message), an
  // output column that is none of the dataset's, and DatasetReader::Open's.
  static Result<std::unique_ptr<DatasetScan>> Open(ObjectStore& store,
                                                   std::vector<ObjectInfo> objects,
                                                   ScanOptions options);
  ~DatasetScan() override;

  std::shared_ptr<formats::Schema> schema() const override { return schema_; }
  Result<std::shared_ptr<formats::RecordBatch>> Next() override;
  int64_t rows_read() const override { return reader_ ? reader_->rows_read() : 0; }
  int64_t rows_rejected() const override { return reader_ ? reader_->rows_rejected() : 0; }
  formats::PruningCounters pruning() const override {
    return reader_ ? reader_->pruning() : formats::PruningCounters{};
  }

  int64_t rows_filtered() const { return rows_filtered_.load(); }  // rows the filter dropped
  ObjectPipelineStats pipeline_stats() const {
    return reader_ ? reader_->pipeline_stats() : ObjectPipelineStats{};
  }
  int64_t objects_read() const { return reader_ ? reader_->objects_read() : 0; }
  // Schema drift of the objects read so far (DatasetReader::drift).
  const std::vector<formats::SchemaDrift>& drift() const;

 private:
  DatasetScan() = default;
  // The filter, then the output columns: DatasetReader's transform (any thread).
  Result<std::shared_ptr<formats::RecordBatch>> FilterAndProject(
      std::shared_ptr<formats::RecordBatch> batch) const;

  std::unique_ptr<DatasetReader> reader_;
  std::shared_ptr<const expr::Filter> filter_;  // null: no filter
  expr::EvalContext eval_;
  std::vector<int> output_;                     // reader column index per output column
  std::shared_ptr<formats::Schema> schema_;
  mutable std::atomic<int64_t> rows_filtered_{0};
};

}  // namespace s3c::dataset
