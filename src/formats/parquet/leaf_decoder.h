// Decodes the pages of one column chunk into the levels and dense values of its leaf
// (parquet-format README "Data Pages", Encodings.md): a dictionary page (PLAIN values), data
// pages v1 (levels then values, all compressed) and v2 (levels stored uncompressed before the
// possibly-compressed values), with every value encoding of encodings.h.
#pragma once

#include <cstdint>

#include "formats/parquet/column_decoder.h"
#include "formats/parquet/decode_context.h"
#include "formats/parquet/level_assembly.h"
#include "formats/parquet/parquet_metadata.h"
#include "formats/parquet/schema_mapping.h"
#include "s3c/common/status.h"

namespace s3c::formats::parquet {

// num_rows: the row group's row count. Levels decoded must add up to meta.num_values (and to
// num_rows for a leaf without repetition); a page claiming more is DataLoss before anything
// is allocated for it.
Result<LeafData> DecodeLeafChunk(const LeafColumn& leaf, const ColumnMetaData& meta,
                                 ChunkBytes chunk, int64_t num_rows,
                                 const ColumnDecodeOptions& options, const DecodeContext& context);

}  // namespace s3c::formats::parquet
