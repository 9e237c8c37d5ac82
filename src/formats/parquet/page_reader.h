// Iterates the pages of one column chunk (parquet-format README "Column chunks", "Data Pages"):
// decodes each page header, skips index pages and page types it does not know, checks the
// CRC-32 of the stored page bytes when present, and decompresses the body
// (Compression.md: LZ4 is Hadoop-framed with a raw-LZ4 fallback; LZO is not supported).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "formats/parquet/column_decoder.h"
#include "formats/parquet/decode_context.h"
#include "formats/parquet/parquet_metadata.h"
#include "s3c/common/status.h"

namespace s3c::formats::parquet {

// One decompressed page. Views stay valid until the next call to PageReader::Next.
struct Page {
  PageHeader header;
  int64_t file_offset = 0;  // where the page header starts in the file
  // Data page v2: [repetition levels][definition levels], never compressed. Empty otherwise.
  std::string_view levels;
  // Dictionary and v1 pages: the whole decompressed body. v2: the decompressed values.
  std::string_view body;
  int64_t expected_values = -1;  // BytesAt::page_values of the piece the page came from
};

class PageReader {
 public:
  PageReader(ChunkBytes chunk, CompressionCodec codec, const ColumnDecodeOptions& options,
             const DecodeContext& context);

  // The next dictionary or data page; false when the chunk bytes (every piece) are exhausted.
  // A page never spans two pieces (ChunkBytes::more).
  Result<bool> Next(Page* page);

 private:
  Status Decompress(std::string_view in, size_t expected, int64_t offset, std::string_view* out);

  std::vector<BytesAt> pieces_;  // the chunk's bytes, then its `more`
  size_t piece_ = 0;
  CompressionCodec codec_;
  const ColumnDecodeOptions& options_;
  const DecodeContext& context_;
  size_t pos_ = 0;
  std::string storage_;
};

// Hadoop's LZ4 framing (blocks of big-endian [decompressed size][compressed size][raw LZ4]),
// falling back to one raw LZ4 block when the framing does not add up. Exposed for tests.
Result<std::string> DecompressLz4Hadoop(std::string_view in, size_t expected);

}  // namespace s3c::formats::parquet
