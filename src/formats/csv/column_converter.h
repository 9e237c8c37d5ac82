// Converts the cells of one CSV column to its schema type, a batch of records at a time.
// Parse() stages values without touching the builder and marks records whose cell fails, so a
// record whose later cell fails can be rejected whole; Append() then adds the staged values of
// the records that every column accepted. One virtual call per column and batch.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "formats/csv/csv_tokenizer_internal.h"
#include "s3c/columnar/builder.h"
#include "s3c/formats/csv/csv_options.h"

namespace s3c::formats::csv {

// The records [first, first + count) of a token batch and the text its spans point into.
struct RecordRange {
  const TokenBatch* batch;
  const char* data;
  size_t first;
  size_t count;
};

class ColumnConverter {
 public:
  virtual ~ColumnConverter() = default;
  // Fails for types CSV cannot hold (nested, time, unsigned, map).
  static Result<std::unique_ptr<ColumnConverter>> Make(const columnar::Field& field,
                                                       const CsvReadOptions& options);

  // Stages column `col` of every record in `range` (a missing cell is null). For each record
  // whose cell does not parse (nulls always parse), sets bad[r] = col + 1 unless bad[r] != 0.
  virtual void Parse(const RecordRange& range, int col, int32_t* bad) = 0;
  // Appends the staged values of records r with bad[r] == 0 (bad == nullptr: all of them).
  virtual void Append(const int32_t* bad) = 0;
  // Makes room for about `rows` more rows (a hint).
  virtual void Reserve(int64_t rows) = 0;
  virtual Result<std::shared_ptr<columnar::Array>> Finish() = 0;
};

}  // namespace s3c::formats::csv
