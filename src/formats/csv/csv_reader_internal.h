// The CSV BatchReader (csv.h): decode -> tokenize -> (sample, infer) -> convert, with the
// bad-record policy. The schema is settled from a sample that stays buffered
// (csv_reader_init.cc); reading then restarts at the first data record, single-threaded
// (record_buffer.h) or in chunks on workers (parallel_parser.h).
#pragma once

#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "formats/csv/batch_converter.h"
#include "formats/csv/parallel_parser.h"
#include "formats/csv/record_buffer.h"
#include "s3c/formats/csv/csv.h"

namespace s3c::formats::csv {

inline std::string_view StripLineEnd(std::string_view s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

struct OwnedRecord {
  std::vector<std::string> fields;
  std::vector<uint8_t> quoted;
};

class CsvReader final : public BatchReader {
 public:
  CsvReader(std::unique_ptr<InputStream> input, std::string object, CsvReadOptions options)
      : options_(std::move(options)),
        object_(std::move(object)),
        source_(std::move(input), options_.encoding, options_.invalid_utf8, object_),
        buffer_(&source_, options_, object_) {}

  // Settles the schema, then applies the projection.
  Status Init();
  std::shared_ptr<Schema> schema() const override { return output_schema_; }
  Result<std::shared_ptr<RecordBatch>> Next() override;
  int64_t rows_read() const override { return rows_read_; }
  int64_t rows_rejected() const override { return rows_rejected_; }

 private:
  // The next sample record (false at the end, or at a broken record unless that fails the
  // read under kFail).
  Result<bool> SampleRecord(OwnedRecord* rec, int64_t* raw_bytes);
  Status SampleAndInfer(std::vector<std::string> names, bool header_decided);
  // options_.detect_dialect: sets the delimiter and quote from the buffered text.
  Status DetectDialect();
  Status Reject(int64_t line, int64_t offset, const std::string& reason, std::string_view raw);
  Result<std::shared_ptr<RecordBatch>> NextSequential();
  Result<std::shared_ptr<RecordBatch>> NextParallel();
  Status CheckRatio() const;
  // The header, the inference sample and schema_.
  Status Settle();
  // Checks options_.columns against schema_ and sets output_schema_.
  Status Project();

  CsvReadOptions options_;
  std::string object_;
  TextSource source_;
  RecordBuffer buffer_;
  RecordBuffer::Mark data_start_;
  bool done_ = false;
  Status failed_;

  std::deque<OwnedRecord> pending_;  // the inference sample
  std::shared_ptr<Schema> schema_;         // the file's columns
  std::shared_ptr<Schema> output_schema_;  // the projected ones (options_.columns)
  std::unique_ptr<BatchConverter> conv_;
  TokenBatch tb_;
  std::vector<Rejection> rejected_;
  std::unique_ptr<ParallelParser> parallel_;
  std::deque<std::shared_ptr<RecordBatch>> ready_;
  int64_t rows_read_ = 0;
  int64_t rows_rejected_ = 0;
  bool last_batch_full_ = false;
};

}  // namespace s3c::formats::csv
