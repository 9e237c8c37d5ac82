// What a pipeline does to rows between its source and its destinations, after the scan has
// applied `select` (projection) and `where` (filter): `rename` columns, then `cast` them, then
// stop after `limit` rows. Made once against the scan's schema, so every mistake in the
// pipeline file is reported before any data is read.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "s3c/columnar/data_type.h"
#include "s3c/columnar/record_batch.h"
#include "s3c/columnar/schema.h"
#include "s3c/common/status.h"

namespace s3c::pipeline {

struct TransformSpec {
  std::vector<std::pair<std::string, std::string>> rename;  // old name -> new name
  // Column (after renaming) -> type; values that do not convert fail the run (DataLoss).
  std::vector<std::pair<std::string, columnar::DataType>> cast;
  std::optional<int64_t> limit;  // rows out at most
};

class BatchTransform {
 public:
  // InvalidArgument, naming the column: a rename or cast of a column the input does not have
  // (with "did you mean"), a rename onto a name another column keeps or takes, a column
  // renamed or cast twice, a cast between types that never convert, a negative limit.
  static Result<BatchTransform> Make(const columnar::Schema& input, const TransformSpec& spec);

  const std::shared_ptr<columnar::Schema>& output_schema() const { return output_; }

  // The batch renamed, cast and cut to what is left of the limit (an empty batch once the
  // limit is reached). `where` names the batch's origin for errors (an object's URI).
  // Not thread-safe: the limit counts rows across calls.
  Result<std::shared_ptr<columnar::RecordBatch>> Apply(const columnar::RecordBatch& batch,
                                                       const std::string& where);

  // True once `limit` rows have been returned: the caller stops reading.
  bool done() const { return spec_limit_ && rows_out_ >= *spec_limit_; }

 private:
  BatchTransform() = default;

  std::shared_ptr<columnar::Schema> output_;
  std::vector<std::optional<columnar::DataType>> casts_;  // per column: the cast, if any
  std::optional<int64_t> spec_limit_;
  int64_t rows_out_ = 0;
};

}  // namespace s3c::pipeline
