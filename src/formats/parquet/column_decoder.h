// Decodes the column chunks of one top-level field of one row group into one columnar Array:
// pages (dictionary, data v1 and v2) are decompressed (block_codec.h; LZ4 is Hadoop-framed
// with a raw-LZ4 fallback), CRC-checked when present and options.verify_page_crc, their levels
// and values decoded (encodings.h), values converted to the leaf's columnar type, and the
// levels of all the field's leaves assembled into nested arrays (Dremel record shredding,
// reversed).
#pragma once

#include <climits>
#include <cstdint>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

#include "formats/parquet/parquet_metadata.h"
#include "formats/parquet/row_ranges.h"
#include "formats/parquet/schema_mapping.h"
#include "s3c/columnar/array.h"
#include "s3c/common/status.h"

namespace s3c::formats::parquet {

struct ColumnDecodeOptions {
  std::string_view
      object_name;  // for errors: "<name>: column a.b, row group 3, page at byte N: ..."
  bool verify_page_crc = true;
  MetadataLimits limits;
  // A page header claiming more uncompressed bytes is refused (DataLoss) before anything is
  // allocated for it. Page sizes are i32, so the format allows up to 2^31 - 1 bytes, and real
  // files come close: large_string_map.brotli.parquet has a dictionary page of 2^30 + 4 bytes
  // (one 1 GiB string), compressed to 3 KB.
  int64_t max_page_bytes = INT32_MAX;
  // Bytes of binary values one array holds: int32 offsets address 2^31 - 1. Tests lower it to
  // exercise fields cut into row ranges (row_ranges.h) with small data.
  int64_t max_binary_array_bytes = INT32_MAX;
};

// Bytes of a file at a file offset.
struct BytesAt {
  std::string_view bytes;
  int64_t file_offset = 0;  // where bytes[0] lies in the file (for error messages)
  // One data page the page index located: the values (= rows, no repetition) its OffsetIndex
  // gives it, which the page header must agree with (DataLoss otherwise). -1: not checked.
  int64_t page_values = -1;
};

// The bytes of one column chunk as stored in the file: starting at its first page (the
// dictionary page offset when present, else the data page offset) and total_compressed_size
// long. file_offset is where those bytes start in the file (for error messages).
// A read that fetched only some pages of the chunk (page_index.h) passes them as pieces: `bytes`
// then holds the first piece (the dictionary page, or the first page kept) and `more` the
// others, in file order, each whole pages; they are decoded as if they followed each other.
struct ChunkBytes {
  std::string_view bytes;
  int64_t file_offset = 0;
  std::vector<BytesAt> more = {};
  int64_t page_values = -1;  // as BytesAt::page_values, for `bytes`
};

// Decodes field `top_level_field` of row group `row_group` (metadata.row_groups[row_group]).
// chunks[i] holds the bytes of leaf LeavesOf(schema, top_level_field).first + i. The result
// has row_group's num_rows elements of type schema.fields[top_level_field].field.type(): in
// one array, or, when a leaf's binary values pass the 2^31 - 1 bytes int32 offsets address,
// in several arrays of consecutive rows (row_ranges.h).
// Corrupt data is DataLoss naming the object, column path, row group and file offset; it
// never crashes or allocates beyond what the page sizes (bounded by the chunk size) imply.
// page_rows: set when the chunk holds only some of its pages (ChunkBytes::more), for a field of
// one leaf without repetition: the rows those pages hold, which the result then has instead of
// num_rows (InvalidArgument for any other field).
Result<FieldPieces> DecodeField(const FileSchema& schema, int top_level_field,
                                const RowGroup& row_group, int row_group_index,
                                const std::vector<ChunkBytes>& chunks,
                                const ColumnDecodeOptions& options,
                                std::optional<int64_t> page_rows = std::nullopt);

}  // namespace s3c::formats::parquet
