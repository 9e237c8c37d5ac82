// Converts tokenized records into columns of a schema, rejecting whole records whose field
// count or cells do not fit (the reasons are the texts of the bad-record policy's errors).
// With a projection (CsvReadOptions::columns) only the projected columns are converted: the
// cells of the others are skipped after tokenizing, so they never reject a record (the field
// count is still checked against the whole schema).
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

// The indices of `schema`'s fields named in `columns`, in the schema's order (every field when
// `columns` is empty). Names the schema does not have are left out.
std::vector<int> ProjectedFields(const columnar::Schema& schema,
                                 const std::vector<std::string>& columns);
// `schema` with those fields (`schema` itself when `columns` is empty).
std::shared_ptr<columnar::Schema> ProjectedSchema(std::shared_ptr<columnar::Schema> schema,
                                                  const std::vector<std::string>& columns);

class BatchConverter {
 public:
  // `schema`: the file's columns; batches hold those options.columns projects.
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

  std::shared_ptr<columnar::Schema> schema_;  // the file's
  std::shared_ptr<columnar::Schema> output_;  // the projected columns
  RaggedRowPolicy ragged_;
  std::vector<int> fields_;  // the file column of each converter
  std::vector<std::unique_ptr<ColumnConverter>> columns_;
  std::vector<int32_t> bad_;  // per record: 0 ok, c + 1 first bad column, kRagged, kBroken
};

}  // namespace s3c::formats::csv
