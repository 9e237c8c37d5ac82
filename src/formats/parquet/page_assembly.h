// Builds the bytes of one page: Thrift page header + body (parquet-format README.md "Data
// Pages"). v1: [rep levels][def levels][values], each level section RLE with a 4-byte length
// prefix, the whole body compressed. v2: levels uncompressed without prefix, only the values
// compressed. The CRC, when asked, is CRC-32 of the body as stored (after compression).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "formats/parquet/column_writer.h"
#include "formats/parquet/parquet_metadata.h"

namespace s3c::formats::parquet {

struct DataPageInput {
  Encoding encoding = Encoding::kPlain;
  std::string values;                   // encoded values
  const int16_t* def_levels = nullptr;  // num_levels of them when max_def_level > 0
  const int16_t* rep_levels = nullptr;  // num_levels of them when max_rep_level > 0
  int64_t num_levels = 0;
  int64_t num_nulls = 0;
  int64_t num_rows = 0;
  int16_t max_def_level = 0;
  int16_t max_rep_level = 0;
  std::optional<Statistics> statistics;
};

struct AssembledPage {
  std::string bytes;              // header + body
  int64_t uncompressed_size = 0;  // header + uncompressed body
};

Result<AssembledPage> AssembleDataPage(const DataPageInput& input,
                                       const ColumnWriterOptions& options);
Result<AssembledPage> AssembleDictionaryPage(const std::string& plain_values, int32_t num_values,
                                             const ColumnWriterOptions& options);

}  // namespace s3c::formats::parquet
