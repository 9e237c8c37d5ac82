// Parquet reader (Apache Parquet format specification; formats/parquet).
//
// Reads a file through RandomAccessFile, so the same code serves local files and S3 objects
// (ObjectStore::OpenRandomAccess pins every range to the object's ETag). Remote economy:
// the footer comes from one read of the last footer_guess bytes (a second read only
// when the metadata is larger; the whole file when it is at most whole_object_bytes, and then
// no further read), after the file's Size(), which the reader never asks
// separately: an object of unknown size is opened with its last footer_guess bytes
// (ObjectStore::OpenRandomAccess tail_bytes: one suffix GET gives the size and those bytes, so
// the footer read costs no further request); the column chunks a projection needs are fetched with
// nearby ranges merged (gap <= merge_gap) and up to max_in_flight reads at once. Row groups whose
// statistics prove the caller's predicate false are never fetched. Within a row group that
// survives, the page index (PageIndex.md: ColumnIndex, OffsetIndex), when the file has one and
// a predicate is set, is fetched in one merged read; pages whose bounds prove the predicate
// false for every row they hold are skipped: a column of one leaf without repetition fetches
// only its dictionary page and the pages overlapping the rows kept, and every column emits
// exactly those rows (row-aligned). Columns without a usable index are read whole. Skipped
// pages cost no bytes unless merge_gap merges a read across them.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "s3c/columnar/data_type.h"
#include "s3c/columnar/statistics.h"
#include "s3c/formats/batch_io.h"
#include "s3c/io/streams.h"

namespace s3c::formats::parquet {

// Row-group statistics and the predicate over them are columnar's (s3c/columnar/statistics.h);
// the names stay here for the reader's callers.
using columnar::ColumnStatistics;
using columnar::RowGroupPredicate;
using columnar::StatValue;

struct ParquetReadOptions {
  std::string object_name;            // key or path, for errors
  std::vector<std::string> columns;   // top-level column names to read; empty = all
  int64_t batch_rows = 64 * 1024;
  std::shared_ptr<const RowGroupPredicate> predicate;  // nullptr = read every row group
  uint64_t footer_guess = 64 << 10;
  // A file of at most this many bytes is read whole by the footer's read, and its column chunks
  // come from those bytes: one request per small object instead of two or more. It trades
  // bytes for requests (at most this much read that a projection or the statistics would have
  // skipped); 0 turns it off.
  uint64_t whole_object_bytes = 1 << 20;
  uint64_t merge_gap = 1 << 20;       // merge column-chunk ranges closer than this
  uint64_t max_range_bytes = 64 << 20;  // never merge into a range larger than this
  int max_in_flight = 8;              // concurrent ReadAt calls
  bool verify_page_crc = true;        // check page CRCs when the writer stored them
  int max_threads = 1;                // decode threads (1 = the caller's thread)
  // Read BYTE_ARRAY columns without a string annotation (written by older Spark, Impala and
  // Hive) as string instead of binary, as DuckDB's and Spark's binary_as_string do. The bytes
  // are taken as they are (no UTF-8 check, as for annotated strings).
  bool binary_as_string = false;
};

// Counters for tests and the run report.
struct ParquetReadStats {
  int64_t row_groups_total = 0;
  int64_t row_groups_skipped = 0;     // pruned by the predicate
  int64_t reads = 0;                  // ReadAt calls (= GET requests on S3)
  int64_t bytes_read = 0;             // bytes those calls returned
  int64_t projected_chunk_bytes = 0;  // compressed size of the projected chunks of the row
                                      // groups read (whole, whatever the page index skipped)
  // Page index (only read with a predicate): the data pages the OffsetIndexes of the projected
  // chunks list, in the row groups read, and those of them never fetched because no row they
  // hold can match. page_index_bytes: bytes of index fetched (also in bytes_read).
  int64_t pages_total = 0;
  int64_t pages_skipped = 0;
  int64_t page_index_bytes = 0;
};

// What a whole read (ReadBatches to its end) fetches when the predicate keeps every row group
// and judges no column (no predicate, or one over columns the file does not hold, such as
// partition columns): per row group the projected chunks' ranges, merged as the read merges
// them (merge_gap, max_range_bytes), and, when a predicate is set, first the read of the
// projected columns' OffsetIndexes that ReadBatches makes before every row group. Reads and
// bytes as stats() counts them (footer reads not included: Open made those).
struct ParquetReadPlan {
  int64_t reads = 0;
  int64_t bytes = 0;
};

// Thread-safety: every method may run from several threads at once (the footer, schema and
// projection are immutable after Open; the counters are locked). Each BatchReader from
// ReadBatches is not thread-safe: one thread at a time calls its Next().
// Lifetimes: the reader and every BatchReader it hands out share ownership of the file and the
// decoded footer, so a BatchReader may outlive the reader. Batches own their values: they stay
// valid after the reader, its BatchReaders and the file are gone.
class ParquetFileReader {
 public:
  virtual ~ParquetFileReader() = default;
  // Reads and checks the footer. Encrypted files: InvalidArgument "encrypted Parquet is not
  // supported". The reader keeps `file` (shared) and calls its ReadAt from several threads at
  // once (up to max_in_flight range reads, plus the prefetch of the next row group).
  static Result<std::unique_ptr<ParquetFileReader>> Open(std::shared_ptr<RandomAccessFile> file,
                                                         ParquetReadOptions options = {});

  // The columnar schema of the projected columns. Field metadata carries the Parquet field id
  // ("PARQUET:field_id") when the file has one.
  virtual std::shared_ptr<columnar::Schema> schema() const = 0;
  // The whole file's columnar schema (before projection).
  virtual std::shared_ptr<columnar::Schema> file_schema() const = 0;
  virtual int64_t num_rows() const = 0;
  virtual int num_row_groups() const = 0;
  // Key-value metadata of the footer.
  virtual std::vector<std::pair<std::string, std::string>> key_value_metadata() const = 0;
  // Human-readable description for `s3c schema --verbose`: physical and logical types of each
  // leaf, row groups with rows, codecs, encodings, compressed and uncompressed sizes.
  virtual std::string Describe() const = 0;

  // Batches of every row group the predicate keeps, in file order, less the rows of pages the
  // page index excluded (see above). A row group comes in batches of at most batch_rows rows,
  // and in more than one batch when a column holds more than 2 GiB of binary/string values in
  // it (the int32 offsets of a batch's arrays) or when pages were excluded (a batch never
  // spans a gap).
  // Each call starts an independent pass over the file. While one row group is decoded the
  // next is fetched on another thread; destroying the BatchReader waits for that fetch.
  virtual Result<std::unique_ptr<BatchReader>> ReadBatches() = 0;
  // One whole row group (projected), ignoring the predicate. Unimplemented for a row group that
  // holds more than 2 GiB of binary/string values in one column (use ReadBatches).
  virtual Result<std::shared_ptr<columnar::RecordBatch>> ReadRowGroup(int index) = 0;

  // The reads of a whole unpruned read (ParquetReadPlan), from the footer alone: no request.
  // `with_predicate`: ReadBatches will run with a predicate set (its OffsetIndex reads counted).
  virtual Result<ParquetReadPlan> PlanWholeRead(bool with_predicate) const = 0;
  // The reads ReadBatches to its end makes when `predicate` is the options' predicate (a plan
  // binds it after Open, from the file's schema; null: none): the row groups its statistics
  // keep and, with a predicate, for each the page index read (made here as ReadBatches makes
  // it: those reads count in stats() and in the plan) and the ranges of the pages it keeps.
  // For a predicate that judges no column, PlanWholeRead gives the figures without a read.
  virtual Result<ParquetReadPlan> PlanRead(std::shared_ptr<const RowGroupPredicate> predicate) = 0;

  // Totals over Open and every read so far (of all BatchReaders), a consistent snapshot.
  virtual ParquetReadStats stats() const = 0;
  // The most a BatchReader of ReadBatches holds at once besides the batches it returned
  // (formats::BatchReader::working_bytes), whatever row groups the predicate keeps: the footer
  // read's bytes, twice the largest projected compressed size of a row group (the one decoded,
  // the next one fetched meanwhile) and once the largest projected uncompressed size.
  virtual uint64_t working_bytes() const = 0;
};

}  // namespace s3c::formats::parquet
