// The interfaces every format reader and writer implements (docs/architecture.md: formats).
// Readers turn a (decompressed) byte stream into RecordBatches; writers turn batches into bytes
// on an OutputStream that commits in Close().
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "s3c/columnar/record_batch.h"
#include "s3c/columnar/schema.h"
#include "s3c/common/status.h"
#include "s3c/io/streams.h"

namespace s3c::formats {

using columnar::RecordBatch;
using columnar::Schema;

// What a reader skipped without decoding it, for the run report. Formats without such parts
// (text formats) report zeros. Parquet: row groups pruned by their statistics, data pages
// pruned by the page index (parquet_reader.h, ParquetReadStats).
struct PruningCounters {
  int64_t row_groups_total = 0;
  int64_t row_groups_skipped = 0;
  int64_t pages_total = 0;
  int64_t pages_skipped = 0;
  PruningCounters& operator+=(const PruningCounters& o) {
    row_groups_total += o.row_groups_total;
    row_groups_skipped += o.row_groups_skipped;
    pages_total += o.pages_total;
    pages_skipped += o.pages_skipped;
    return *this;
  }
};

// A stream of batches that all share schema(). Not thread-safe.
class BatchReader {
 public:
  virtual ~BatchReader() = default;
  // The schema of every batch (known after construction: inferred or given).
  virtual std::shared_ptr<Schema> schema() const = 0;
  // The next batch, or nullptr at the end. Errors name the object, line and byte offset.
  virtual Result<std::shared_ptr<RecordBatch>> Next() = 0;
  // Counters for the run report (rows read, rows rejected by the bad-record policy).
  virtual int64_t rows_read() const = 0;
  virtual int64_t rows_rejected() const { return 0; }
  // What was skipped so far (zeros for formats that skip nothing).
  virtual PruningCounters pruning() const { return {}; }
  // The most this reader holds at once besides the batches it returned and its input's
  // read-ahead, for a memory budget (dataset/object_pipeline.h): Parquet, known once the footer
  // is read: the footer read's bytes, two row groups' projected chunks (the one decoded and the
  // next, fetched meanwhile) and one decoded row group. 0: nothing worth counting.
  virtual uint64_t working_bytes() const { return 0; }
};

// Writes batches; bytes reach the destination only when Close() returns OK. Destroyed before
// that, it aborts the destination (no partial output published). Not thread-safe.
class BatchWriter {
 public:
  virtual ~BatchWriter() = default;
  virtual Status Write(const RecordBatch& batch) = 0;
  virtual Status Close() = 0;
  virtual void Abort() = 0;
  // Memory held for rows written and not yet at the destination: the encoder's buffers (text:
  // the pending output; Parquet: what the current row group's column writers allocated - its
  // compressed pages, the page being built, dictionaries and their hash indexes, often several
  // times the PLAIN size) plus the output stream's buffered_bytes() (a compressor's state, an S3
  // part buffer). Changes only with calls on this writer.
  virtual uint64_t buffered_bytes() const { return 0; }
  // Output not yet handed to the output stream, for size estimates: text formats the bytes
  // they collected; Parquet its open row group at PLAIN size (more than it will take encoded).
  // What a compressor below holds is not in it (the writer cannot see it).
  virtual uint64_t pending_output_bytes() const { return 0; }
  // Hands what the encoder buffered to the output stream now, so buffered_bytes() drops to
  // what the stream holds (Parquet: the current row group ends early, a smaller row group).
  // The file stays open and valid; an error fails the writer as Write's would.
  virtual Status FlushBuffered() { return Status::OK(); }
};

// What happens to a record that does not parse or does not fit the schema: fail the read, skip
// it (counted), or skip it and hand it to a quarantine sink (docs/cli.md, "Bad records").
enum class BadRecordPolicy { kFail, kSkip, kQuarantine };

// One rejected record, as written to quarantine: where it was and why.
struct RejectedRecord {
  std::string object;       // object key or path
  int64_t line = 0;         // 1-based line of the record's start
  int64_t byte_offset = 0;  // offset of the record's first byte in the (decompressed) stream
  std::string reason;
  std::string raw;  // the record's text
};

struct BadRecordOptions {
  BadRecordPolicy policy = BadRecordPolicy::kFail;
  int64_t max_errors = -1;       // -1 = no limit (skip / quarantine)
  double max_error_ratio = 1.0;  // rejected / read above this fails the read
  // Receives rejected records under kQuarantine (e.g. a JSONL writer to another object).
  std::function<Status(const RejectedRecord&)> quarantine;
};

}  // namespace s3c::formats
