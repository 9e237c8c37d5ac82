// RecordBatch: a schema and equal-length columns; the unit every format reader produces and
// every writer consumes. Immutable and shareable across threads.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "s3c/columnar/array.h"
#include "s3c/columnar/schema.h"
#include "s3c/common/status.h"

namespace s3c::columnar {

class RecordBatch {
 public:
  // Fails unless there is one column per field, each column's type equals its field's type and
  // every column has num_rows elements (num_rows < 0: taken from the first column, 0 if none).
  static Result<std::shared_ptr<RecordBatch>> Make(std::shared_ptr<Schema> schema,
                                                   std::vector<std::shared_ptr<Array>> columns,
                                                   int64_t num_rows = -1);

  const std::shared_ptr<Schema>& schema() const { return schema_; }
  int64_t num_rows() const { return num_rows_; }
  int num_columns() const { return static_cast<int>(columns_.size()); }
  const std::shared_ptr<Array>& column(int i) const { return columns_[static_cast<size_t>(i)]; }
  const std::vector<std::shared_ptr<Array>>& columns() const { return columns_; }
  // nullptr when no field (or more than one) has that name.
  std::shared_ptr<Array> GetColumnByName(std::string_view name) const;

  // Zero-copy rows [offset, offset + length), clamped to the batch.
  std::shared_ptr<RecordBatch> Slice(int64_t offset, int64_t length) const;
  std::shared_ptr<RecordBatch> Slice(int64_t offset) const;

  // See pretty_print.h and compare.h.
  std::string ToString() const;
  bool Equals(const RecordBatch& other, bool check_metadata = false) const;

 private:
  RecordBatch(std::shared_ptr<Schema> schema, std::vector<std::shared_ptr<Array>> columns,
              int64_t num_rows)
      : schema_(std::move(schema)), columns_(std::move(columns)), num_rows_(num_rows) {}

  std::shared_ptr<Schema> schema_;
  std::vector<std::shared_ptr<Array>> columns_;
  int64_t num_rows_;
};

// Bytes the batch's arrays hold: every buffer of every column and child, counted whole (a
// slice counts the buffers it shares). For memory budgets.
uint64_t BufferBytes(const RecordBatch& batch);

}  // namespace s3c::columnar
