// The state a ParquetFileReader and the BatchReaders it hands out share: the file, its decoded
// footer and schema, the projection, and the counters. Row groups are read in two steps so a
// batch reader can fetch the next row group while it decodes the current one.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "formats/parquet/column_decoder.h"
#include "formats/parquet/parquet_metadata.h"
#include "formats/parquet/range_planner.h"
#include "formats/parquet/row_selection.h"
#include "formats/parquet/schema_mapping.h"
#include "s3c/columnar/record_batch.h"
#include "s3c/formats/parquet/parquet_reader.h"

namespace s3c::formats::parquet {

// The projected column chunks of one row group, fetched: whole, or only the pages holding the
// rows the page index kept (page_index.h).
struct FetchedRowGroup {
  int index = 0;
  FetchedRanges ranges;
  // Projected leaf k (fields in projection order, each field's leaves in file order) is
  // requested ranges [leaf_ranges[k], leaf_ranges[k + 1]): one chunk, or its dictionary page
  // and kept pages.
  std::vector<size_t> leaf_ranges;
  std::vector<int64_t> range_offsets;  // file offset of each requested range
  std::vector<int64_t> range_values;   // a page's rows per its OffsetIndex, else -1
  // The rows to emit; nullopt: every row of the row group.
  std::optional<RowSelection> rows;
  // Per projected leaf: the rows of the pages fetched when only some were; empty: the chunk.
  std::vector<RowSelection> leaf_rows;
};

// What the page index says about a row group's read (ReaderState::PlanPages).
struct PagePlan {
  std::optional<RowSelection> rows;  // nullopt: every row (no column could be judged)
  // Per projected leaf: its usable OffsetIndex, when the plan fetched one.
  std::vector<std::optional<OffsetIndex>> offsets;
};

class ReaderState {
 public:
  // `held`: the bytes the footer's read brought, which serve the reads they cover.
  ReaderState(std::shared_ptr<RandomAccessFile> file, ParquetReadOptions options,
              uint64_t file_size, FileMetaData metadata, FileSchema schema,
              std::vector<int> projection, std::shared_ptr<columnar::Schema> projected,
              HeldBytes held);

  const std::string& name() const { return name_; }
  const ParquetReadOptions& options() const { return options_; }
  uint64_t file_size() const { return file_size_; }
  const FileMetaData& metadata() const { return metadata_; }
  const FileSchema& schema() const { return schema_; }
  const std::vector<int>& projection() const { return projection_; }
  const std::shared_ptr<columnar::Schema>& projected_schema() const { return projected_; }

  // Where column chunk `leaf` of row group `row_group` lies in the file (validated against the
  // file size; DataLoss naming the column otherwise).
  Result<ByteRange> ChunkRange(int row_group, int leaf) const;
  // Fetches the projected chunks of a row group (thread-safe): with prune_pages and a
  // predicate, only the pages PlanPages keeps; otherwise whole.
  Result<FetchedRowGroup> Fetch(int row_group, bool prune_pages = true);
  // The ranges Fetch requests for a row group once `plan` (PlanPages, or none) is known,
  // appended to `ranges`, with the bookkeeping Decode needs (out.ranges left empty); adds the
  // chunks' compressed size to `projected_bytes` and counts the pages kept and skipped.
  Result<FetchedRowGroup> PlanFetch(int row_group, PagePlan plan, std::vector<ByteRange>* ranges,
                                    int64_t* projected_bytes);
  // Decodes a fetched row group into batches of the projected schema covering its rows in
  // order: one batch, or several when a column's binary values pass 2 GiB (DecodeField).
  Result<std::vector<std::shared_ptr<columnar::RecordBatch>>> Decode(
      const FetchedRowGroup& fetched);
  // Row groups to read, in file order, after the predicate (counts the skipped ones).
  std::vector<int> SelectRowGroups();
  // The same without counting; `skipped` receives how many the predicate excluded.
  std::vector<int> KeptRowGroups(const RowGroupPredicate* predicate, int64_t* skipped) const;
  // With a predicate: fetches the page index of a row group (the ColumnIndex of every leaf
  // without repetition, the OffsetIndex of those and of the projected leaves) in one merged
  // read, and selects its rows (page_index_read.cc). An index that is absent, out of the file,
  // does not decode or is inconsistent is not used; only a failed read is an error.
  Result<PagePlan> PlanPages(int row_group, const RowGroupPredicate& predicate);
  // The reads Fetch makes for every row group when no page can be pruned (ParquetReadPlan;
  // page_index_read.cc, beside PlanPages, whose index reads it counts).
  Result<ParquetReadPlan> PlanWholeRead(bool with_predicate) const;
  // The reads ReadBatches to its end makes with `predicate` as the options' (null: none);
  // ParquetFileReader::PlanRead.
  Result<ParquetReadPlan> PlanRead(std::shared_ptr<const RowGroupPredicate> predicate);

  // ParquetFileReader::working_bytes over `row_groups`.
  uint64_t WorkingBytes(const std::vector<int>& row_groups) const;

  void AddCounters(const FetchCounters& counters, int64_t projected_bytes);
  void AddPageCounters(int64_t pages, int64_t skipped, int64_t index_bytes);
  ParquetReadStats stats() const;

 private:
  std::shared_ptr<RandomAccessFile> file_;
  HeldBytes held_;
  ParquetReadOptions options_;
  std::string name_;
  uint64_t file_size_;
  FileMetaData metadata_;
  FileSchema schema_;
  std::vector<int> projection_;
  std::shared_ptr<columnar::Schema> projected_;

  // PARQUET-816: parquet-mr up to 1.2.8 left the dictionary page header out of
  // total_compressed_size; chunks of such files are read with up to 100 extra bytes.
  bool pad_chunks_ = false;

  mutable std::mutex mu_;
  ParquetReadStats stats_;
};

// The batch reader over the selected row groups (parquet_batch_reader.cc).
std::unique_ptr<BatchReader> MakeParquetBatchReader(std::shared_ptr<ReaderState> state,
                                                    std::vector<int> row_groups);

// Describe() text (parquet_describe.cc).
std::string DescribeParquetFile(const ReaderState& state);

// Whether created_by names a parquet-mr release before 1.2.9, or parquet-mr without a version
// (PARQUET-816).
bool NeedsDictionaryHeaderPadding(const std::optional<std::string>& created_by);

}  // namespace s3c::formats::parquet
