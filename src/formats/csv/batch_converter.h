// Converts tokenized records into columns of a schema, rejecting whole records whose field
// count or cells do not fit (the reasons are the texts of the bad-record policy's errors).
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "formats/csv/column_converter.h"
#include "s3c/columnar/record_batch.h"

namespace s3c::formats::csv {

struct Rejection {
  size_t record;  // index into the token batch's records
  std::string reason;
};

class BatchConverter {
 public:
  static Result<std::unique_ptr<BatchConverter>> Make(std::shared_ptr<columnar::Schema> schema,
                                                      const CsvReadOptions& options);

  // Converts the records of `range`, appending the accepted ones to the columns; rejected
  // records are appended to *rejected in input order. Returns the number accepted.
  int64_t Convert(const RecordRange& range, std::vector<Rejection>* rejected);
  // Makes room for about `rows` more rows in every column (a hint).
  void Reserve(int64_t rows) {
    for (auto& c : columns_) c->Reserve(rows);
  }
  // The rows appended since the last Finish() as a batch of `rows` rows.
  Result<std::shared_ptr<columnar::RecordBatch>> Finish(int64_t rows);

 private:
  BatchConverter(std::shared_ptr<columnar::Schema> schema, RaggedRowPolicy ragged)
      : schema_(std::move(schema)), ragged_(ragged) {}

  std::shared_ptr<columnar::Schema> schema_;
  RaggedRowPolicy ragged_;
  std::vector<std::unique_ptr<ColumnConverter>> columns_;
  std::vector<int32_t> bad_;  // per record: 0 ok, c + 1 first bad column, kRagged, kBroken
};

}  // namespace s3c::formats::csv
