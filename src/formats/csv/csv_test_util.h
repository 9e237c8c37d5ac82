// Test helpers: chunked in-memory input, recording output, batch rendering.
#pragma once

#include "support/chunked_input.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "formats/csv/value_format.h"
#include "s3c/formats/csv/csv.h"

namespace s3c::formats::csv::testing {

// Serves `data` at most `chunk` bytes per Read (exercises buffer boundaries).
using ::s3c::testing::ChunkedInput;

struct Sink {
  std::string data;
  bool closed = false;
  bool aborted = false;
};

class SinkOutput final : public OutputStream {
 public:
  explicit SinkOutput(std::shared_ptr<Sink> sink) : sink_(std::move(sink)) {}
  Status Write(const void* d, size_t n) override {
    pending_.append(static_cast<const char*>(d), n);
    return Status::OK();
  }
  Status Close() override {
    sink_->data = pending_;
    sink_->closed = true;
    return Status::OK();
  }
  void Abort() override { sink_->aborted = true; }

 private:
  std::shared_ptr<Sink> sink_;
  std::string pending_;
};

// Rows as text cells ("<null>" for nulls).
inline std::vector<std::vector<std::string>> Rows(const columnar::RecordBatch& b) {
  std::vector<std::vector<std::string>> out;
  for (int64_t r = 0; r < b.num_rows(); ++r) {
    std::vector<std::string> row;
    for (int c = 0; c < b.num_columns(); ++c) {
      std::string s;
      if (b.column(c)->IsNull(r)) {
        s = "<null>";
      } else {
        AppendCellText(*b.column(c), r, &s);
      }
      row.push_back(s);
    }
    out.push_back(row);
  }
  return out;
}

struct ReadResult {
  std::shared_ptr<columnar::Schema> schema;
  std::vector<std::shared_ptr<columnar::RecordBatch>> batches;
  std::vector<std::vector<std::string>> rows;
  int64_t rows_read = 0;
  int64_t rows_rejected = 0;
};

inline Result<ReadResult> ReadCsv(std::string text, CsvReadOptions o = {}, size_t chunk = 1 << 20,
                                  std::string object = "t.csv") {
  o.read_chunk_bytes = chunk;  // buffer boundaries at every `chunk` bytes too
  S3C_ASSIGN_OR_RETURN(auto reader,
                       OpenCsvReader(std::make_unique<ChunkedInput>(std::move(text), chunk),
                                     std::move(object), std::move(o)));
  ReadResult rr;
  rr.schema = reader->schema();
  while (true) {
    S3C_ASSIGN_OR_RETURN(auto b, reader->Next());
    if (b == nullptr) break;
    for (auto& row : Rows(*b)) rr.rows.push_back(row);
    rr.batches.push_back(b);
  }
  rr.rows_read = reader->rows_read();
  rr.rows_rejected = reader->rows_rejected();
  return rr;
}

using RowsT = std::vector<std::vector<std::string>>;

// Everything a read produced, for comparing thread counts and chunk sizes: the final status,
// schema, rows, counters, quarantined records (when the policy is kQuarantine) and batch sizes.
struct Outcome {
  std::string status = "OK";
  std::string schema;
  RowsT rows;
  int64_t rows_read = 0;
  int64_t rows_rejected = 0;
  std::vector<std::string> rejected;  // "line|offset|reason|raw"
  std::vector<int64_t> batch_rows;
};

inline Outcome Read(const std::string& text, CsvReadOptions o, size_t read_chunk) {
  Outcome out;
  o.read_chunk_bytes = read_chunk;
  if (o.bad_records.policy == BadRecordPolicy::kQuarantine) {
    o.bad_records.quarantine = [&out](const RejectedRecord& r) {
      out.rejected.push_back(
          fmt::format("{}|{}|{}|{}|{}", r.object, r.line, r.byte_offset, r.reason, r.raw));
      return Status::OK();
    };
  }
  auto reader = OpenCsvReader(std::make_unique<ChunkedInput>(text, read_chunk), "p.csv", o);
  if (!reader.ok()) {
    out.status = reader.status().ToString();
    return out;
  }
  out.schema = (*reader)->schema()->ToString();
  while (true) {
    auto b = (*reader)->Next();
    if (!b.ok()) {
      out.status = b.status().ToString();
      break;
    }
    if (*b == nullptr) break;
    out.batch_rows.push_back((*b)->num_rows());
    for (auto& row : Rows(**b)) out.rows.push_back(row);
  }
  out.rows_read = (*reader)->rows_read();
  out.rows_rejected = (*reader)->rows_rejected();
  return out;
}

}  // namespace s3c::formats::csv::testing
