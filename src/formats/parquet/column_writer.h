// Writes one leaf column of a row group (parquet-format README.md "Column chunks", "Data
// Pages"; Encodings.md; PageIndex.md). Levels and values are appended batch by batch; data pages
// are cut at ~page_bytes of uncompressed data and kept compressed in memory until FinishChunk
// writes the chunk (the dictionary page must come first, and it is complete only then).
//
// Dictionary: values go through a per-chunk hash map (RLE_DICTIONARY data pages, PLAIN
// dictionary page) until the dictionary's PLAIN size exceeds dictionary_page_bytes; the pages
// after that use the column's fallback encoding. Pages already written keep the dictionary.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "formats/parquet/column_values.h"
#include "formats/parquet/level_shredding.h"
#include "formats/parquet/parquet_metadata.h"
#include "formats/parquet/schema_to_parquet.h"
#include "s3c/codec/block_codec.h"
#include "s3c/common/status.h"
#include "s3c/io/streams.h"

namespace s3c::formats::parquet {

struct ColumnWriterOptions {
  BlockCodec codec = BlockCodec::kSnappy;
  int compression_level = kDefaultBlockLevel;
  bool data_page_v2 = false;
  int64_t page_bytes = 1 << 20;
  bool dictionary = true;
  int64_t dictionary_page_bytes = 1 << 20;
  bool statistics = true;
  bool page_index = false;  // pages then start at record boundaries (PageIndex.md)
  bool page_crc = false;
  Encoding encoding = Encoding::kPlain;  // non-dictionary pages (BOOLEAN in v2 pages: RLE)
};

// Parses "PLAIN", "DELTA_BINARY_PACKED", "DELTA_LENGTH_BYTE_ARRAY", "DELTA_BYTE_ARRAY",
// "BYTE_STREAM_SPLIT" (case-insensitive); InvalidArgument otherwise.
Result<Encoding> ParseValueEncoding(std::string_view name);
// True when `encoding` can encode values of `type` (Encodings.md).
bool EncodingSupports(Encoding encoding, PhysicalType type);
CompressionCodec ParquetCodec(BlockCodec codec);

// What FinishChunk produced: the chunk's metadata (file offsets absolute) and its page indexes.
struct ChunkResult {
  ColumnChunk chunk;
  std::optional<ColumnIndex> column_index;  // absent without statistics for every page
  OffsetIndex offset_index;
  int64_t bytes_written = 0;
};

class ColumnWriter {
 public:
  virtual ~ColumnWriter() = default;
  // InvalidArgument when options.encoding does not apply to the leaf's physical type.
  static Result<std::unique_ptr<ColumnWriter>> Make(const ParquetLeaf& leaf,
                                                    const ColumnWriterOptions& options);

  // Buffers the levels and values of one batch of this leaf (`shredded` must come from
  // ShredColumn for this leaf's top-level column).
  virtual Status Append(const ShreddedLeaf& shredded) = 0;
  // Uncompressed bytes buffered for the current chunk (PLAIN size of the values plus levels):
  // an estimate of the chunk's encoded size, for cutting row groups and files.
  virtual int64_t buffered_bytes() const = 0;
  // Memory the writer holds (its buffers' capacities: the chunk's compressed pages, the page
  // being built, the dictionary and its hash index, the gathered batch), for memory budgets.
  // A dictionary column holds several times its PLAIN size (a unique int64: the value, its
  // index and 2 to 4 hash slots). FinishChunk gives the chunk's buffers back.
  virtual int64_t memory_bytes() const = 0;
  // Writes the chunk (dictionary page, then data pages) to `out`, whose next byte is at file
  // offset `file_offset`, and starts a new chunk.
  virtual Result<ChunkResult> FinishChunk(OutputStream& out, int64_t file_offset) = 0;
};

}  // namespace s3c::formats::parquet
