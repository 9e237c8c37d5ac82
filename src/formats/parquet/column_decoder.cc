#include "formats/parquet/column_decoder.h"

#include <fmt/format.h>

#include <algorithm>

#include "formats/parquet/decode_context.h"
#include "formats/parquet/leaf_decoder.h"
#include "formats/parquet/level_assembly.h"
#include "formats/parquet/row_ranges.h"

namespace s3c::formats::parquet {

Result<FieldPieces> DecodeField(const FileSchema& schema, int top_level_field,
                                const RowGroup& row_group, int row_group_index,
                                const std::vector<ChunkBytes>& chunks,
                                const ColumnDecodeOptions& options,
                                std::optional<int64_t> page_rows) {
  if (top_level_field < 0 || top_level_field >= static_cast<int>(schema.fields.size())) {
    return InvalidArgumentError(
        fmt::format("{}: no top-level field {}", options.object_name, top_level_field));
  }
  const SchemaNode& field = schema.fields[static_cast<size_t>(top_level_field)];
  const LeafRange range = LeavesOf(schema, top_level_field);
  DecodeContext field_context{options.object_name, field.field.name(), row_group_index};
  if (static_cast<int>(chunks.size()) != range.count) {
    return InvalidArgumentError(fmt::format("{}: field {} has {} leaves, {} chunks given",
                                            options.object_name, field.field.name(), range.count,
                                            chunks.size()));
  }
  if (static_cast<int>(row_group.columns.size()) < range.first + range.count) {
    return field_context.Error(-1, fmt::format("row group has {} column chunks, the schema {} "
                                               "leaves",
                                               row_group.columns.size(), schema.leaves.size()));
  }
  if (row_group.num_rows < 0) return field_context.Error(-1, "negative row count");
  if (page_rows &&
      (range.count != 1 || schema.leaves[static_cast<size_t>(range.first)].max_rep_level > 0 ||
       *page_rows < 0 || *page_rows > row_group.num_rows)) {
    return InvalidArgumentError(fmt::format(
        "{}: field {}: only a field of one leaf without repetition is decoded from some of its "
        "pages ({} rows asked)",
        options.object_name, field.field.name(), *page_rows));
  }
  const int64_t num_rows = page_rows.value_or(row_group.num_rows);
  std::vector<LeafData> leaves;
  leaves.reserve(static_cast<size_t>(range.count));
  for (int i = 0; i < range.count; ++i) {
    const LeafColumn& leaf = schema.leaves[static_cast<size_t>(range.first + i)];
    const ColumnChunk& chunk = row_group.columns[static_cast<size_t>(range.first + i)];
    DecodeContext context{options.object_name, fmt::format("{}", fmt::join(leaf.path, ".")),
                          row_group_index};
    if (chunk.has_crypto_metadata) {
      return context.Wrap(-1, UnimplementedError("encrypted columns are not supported"));
    }
    if (chunk.file_path) {
      return context.Wrap(-1, UnimplementedError(fmt::format(
                                  "column chunk stored in another file ({})", *chunk.file_path)));
    }
    if (!chunk.meta_data) return context.Error(-1, "column chunk without metadata");
    if (chunk.meta_data->type != leaf.physical_type) {
      return context.Error(-1, "column chunk type differs from the schema");
    }
    // Some pages only: the leaf holds one value per row, so the chunk's value count is the rows.
    ColumnMetaData some_pages;
    if (page_rows) {
      some_pages = *chunk.meta_data;
      some_pages.num_values = num_rows;
    }
    S3C_ASSIGN_OR_RETURN(
        LeafData data, DecodeLeafChunk(leaf, page_rows ? some_pages : *chunk.meta_data,
                                       chunks[static_cast<size_t>(i)], num_rows, options, context));
    leaves.push_back(std::move(data));
  }
  const bool segmented = std::any_of(leaves.begin(), leaves.end(),
                                     [](const LeafData& l) { return !l.more_values.empty(); });
  if (segmented) {
    S3C_ASSIGN_OR_RETURN(std::vector<std::shared_ptr<columnar::ArrayData>> pieces,
                         AssembleFieldInRowRanges(field, leaves, range.first, num_rows,
                                                  options.max_binary_array_bytes, field_context));
    FieldPieces out;
    for (auto& piece : pieces) out.push_back(columnar::MakeArray(std::move(piece)));
    return out;
  }
  S3C_ASSIGN_OR_RETURN(std::shared_ptr<columnar::ArrayData> data,
                       AssembleField(field, leaves, range.first, field_context));
  if (data->length != num_rows) {
    return field_context.Error(
        -1, fmt::format("levels describe {} rows, the row group has {}", data->length, num_rows));
  }
  return FieldPieces{columnar::MakeArray(std::move(data))};
}

}  // namespace s3c::formats::parquet
