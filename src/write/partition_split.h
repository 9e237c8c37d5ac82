// Splits batches by the values of the partition_by columns (private to the write module).
//
// Contract: Make() checks the columns: a name the schema does not have is InvalidArgument naming
// it and the columns there are; a name given twice, or a column of a nested type (list, struct,
// map: no folder spelling), is InvalidArgument too. Split() returns one group per distinct
// combination of values, in the order of each one's first row, the rows in their input order and
// without the partition columns (they live in the folder names, as DuckDB's PARTITION_BY and
// Spark write them). Values are the columns cast to text (cast.h: dates "YYYY-MM-DD", timestamps
// ISO 8601); NULL and "" are nullopt (both are written __HIVE_DEFAULT_PARTITION__).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "s3c/columnar/record_batch.h"
#include "s3c/columnar/schema.h"
#include "s3c/common/status.h"

namespace s3c::write_internal {

struct PartitionGroup {
  std::vector<std::optional<std::string>> values;  // in partition_by order
  std::string folder;                              // "a=1/b=x/" ("" when not partitioned)
  std::shared_ptr<columnar::RecordBatch> rows;     // without the partition columns
};

class PartitionSplitter {
 public:
  static Result<PartitionSplitter> Make(std::shared_ptr<columnar::Schema> schema,
                                        std::vector<std::string> partition_by);

  // The schema of the files: the input's without the partition columns.
  const std::shared_ptr<columnar::Schema>& file_schema() const { return file_schema_; }
  const std::vector<std::string>& partition_by() const { return partition_by_; }

  Result<std::vector<PartitionGroup>> Split(const columnar::RecordBatch& batch) const;

 private:
  std::shared_ptr<columnar::Schema> schema_;
  std::vector<std::string> partition_by_;
  std::vector<int> partition_index_;  // column of each partition_by entry
  std::vector<int> kept_;             // the file columns, in input order
  std::shared_ptr<columnar::Schema> file_schema_;
};

}  // namespace s3c::write_internal
