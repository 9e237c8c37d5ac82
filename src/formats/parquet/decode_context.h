// Where in a file a column chunk is, for error messages of the page and level decoders:
// "<object>: column a.b, row group 3, page at byte N: <what>".
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "s3c/common/status.h"

namespace s3c::formats::parquet {

struct DecodeContext {
  std::string_view object_name;
  std::string column;  // dotted path of the leaf (or of the field, for assembly errors)
  int row_group = 0;

  // DataLoss at the page whose header starts at file_offset (< 0: no page).
  Status Error(int64_t file_offset, std::string_view what) const;
  // `status` with the location prefixed; codes other than Unimplemented become DataLoss (a
  // truncated page header, OutOfRange from its decoder, is corruption here).
  Status Wrap(int64_t file_offset, const Status& status) const;
};

}  // namespace s3c::formats::parquet
