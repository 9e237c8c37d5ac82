// Column statistics of one data file, as Delta Lake's `add` action stats (PROTOCOL.md,
// "Per-file Statistics"): {"numRecords":N,"minValues":{..},"maxValues":{..},"nullCount":{..}}.
// Private to the write module.
//
// Every top-level column gets a nullCount. minValues / maxValues hold the columns whose order is
// plain: integers, floats (NaN left out; a column of only NaN has no bounds), strings (byte
// order, which is UTF-8 code point order; kept whole, not truncated), dates ("YYYY-MM-DD") and
// timestamps (ISO 8601 in UTC with milliseconds, the min rounded down and the max up so the
// bounds hold every value). Columns of other types, or with no non-null value, have no entry.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "s3c/columnar/record_batch.h"
#include "s3c/columnar/statistics.h"

namespace s3c::write_internal {

class FileStatsCollector {
 public:
  explicit FileStatsCollector(std::shared_ptr<columnar::Schema> schema);

  // `batch` has the schema given at construction.
  void Add(const columnar::RecordBatch& batch);
  int64_t rows() const { return rows_; }
  std::string ToDeltaJson() const;

 private:
  struct Column {
    int64_t nulls = 0;
    columnar::StatValue min;
    columnar::StatValue max;
  };
  void AddColumn(const columnar::Array& array, Column* column);

  std::shared_ptr<columnar::Schema> schema_;
  std::vector<Column> columns_;
  int64_t rows_ = 0;
};

}  // namespace s3c::write_internal
