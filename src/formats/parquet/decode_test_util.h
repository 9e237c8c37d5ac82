// Decodes hand-built column chunks as one row group, for the decoder tests (column_decoder_test,
// row_ranges_test).
#pragma once

#include <string>
#include <vector>

#include "formats/parquet/column_decoder.h"
#include "formats/parquet/schema_mapping.h"

namespace s3c::formats::parquet::testing {

// Where the test chunks claim to start in the file (for error messages: "page at byte 4").
inline constexpr int64_t kChunkOffset = 4;

struct Chunk {
  std::string bytes;
  int64_t num_values;
  CompressionCodec codec = CompressionCodec::kUncompressed;
};

// Decodes top-level field 0 of a file named "t.parquet" (unless options name another) whose
// schema is `elements` and whose one row group of num_rows rows has `chunks`, one per leaf.
inline Result<FieldPieces> DecodeTestField(const std::vector<SchemaElement>& elements,
                                           const std::vector<Chunk>& chunks, int64_t num_rows,
                                           ColumnDecodeOptions options = {}) {
  S3C_ASSIGN_OR_RETURN(FileSchema schema, MapParquetSchema(elements, "t.parquet"));
  RowGroup rg;
  rg.num_rows = num_rows;
  std::vector<ChunkBytes> bytes;
  for (size_t i = 0; i < chunks.size(); ++i) {
    ColumnChunk cc;
    ColumnMetaData meta;
    meta.type = schema.leaves[i].physical_type;
    meta.codec = chunks[i].codec;
    meta.num_values = chunks[i].num_values;
    cc.meta_data = meta;
    rg.columns.push_back(cc);
    bytes.push_back(ChunkBytes{chunks[i].bytes, kChunkOffset});
  }
  if (options.object_name.empty()) options.object_name = "t.parquet";
  return DecodeField(schema, 0, rg, 0, bytes, options);
}

}  // namespace s3c::formats::parquet::testing
