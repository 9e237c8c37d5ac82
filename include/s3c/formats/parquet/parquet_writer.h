// Parquet writer (Apache Parquet format specification; formats/parquet).
//
// Streams: a row group is encoded and written to the OutputStream as soon as it fills
// (row_group_rows or row_group_bytes), so memory holds at most one row group's encoded pages.
// The OutputStream publishes only in Close() (S3: the multipart upload completes there); an
// error, Abort() or destruction before Close() aborts it.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "s3c/codec/block_codec.h"
#include "s3c/columnar/schema.h"
#include "s3c/formats/batch_io.h"
#include "s3c/io/streams.h"

namespace s3c::formats::parquet {

struct ParquetWriteOptions {
  BlockCodec codec = BlockCodec::kSnappy;
  int compression_level = kDefaultBlockLevel;
  bool data_page_v2 = false;
  int64_t row_group_rows = 1 << 20;
  int64_t row_group_bytes = 128 << 20;   // uncompressed estimate
  int64_t page_bytes = 1 << 20;          // target uncompressed data page size
  bool dictionary = true;
  int64_t dictionary_page_bytes = 1 << 20;  // above this the column falls back to plain
  bool statistics = true;                // column-chunk and page statistics
  bool page_index = false;               // write ColumnIndex / OffsetIndex
  bool page_crc = false;                 // store CRC-32 of each page
  // Per-column encoding override for non-dictionary pages: "DELTA_BINARY_PACKED",
  // "DELTA_LENGTH_BYTE_ARRAY", "DELTA_BYTE_ARRAY", "BYTE_STREAM_SPLIT", "PLAIN"; empty = PLAIN.
  std::vector<std::pair<std::string, std::string>> column_encodings;
  std::vector<std::pair<std::string, std::string>> key_value_metadata;
  std::string created_by = "s3c";
  std::string object_name;               // for errors
};

// A BatchWriter writing one Parquet file. Every columnar type maps to Parquet: ints and uints
// of each width (INTEGER logical type), float32/64, decimal128 (INT32/INT64/FIXED by
// precision), string (STRING), binary, date32 (DATE), time32/64 (TIME), timestamp (TIMESTAMP,
// isAdjustedToUTC when it has a time zone), bool, list (3-level LIST), struct, map (MAP),
// null (UNKNOWN, INT32 all null).
Result<std::unique_ptr<BatchWriter>> OpenParquetWriter(std::unique_ptr<OutputStream> output,
                                                       std::shared_ptr<columnar::Schema> schema,
                                                       ParquetWriteOptions options = {});

}  // namespace s3c::formats::parquet
