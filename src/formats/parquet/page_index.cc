#include "formats/parquet/page_index.h"

#include <utility>

#include "formats/parquet/statistics_decoder.h"

namespace s3c::formats::parquet {
namespace {

// The page's entry in the statistics vector: its bounds when they are usable, its null count.
void SetPageStatistics(const LeafColumn& leaf, bool type_defined_order, const ColumnIndex& index,
                       size_t page, int64_t page_rows, columnar::ColumnStatistics* out) {
  out->num_values = page_rows;  // no repetition: one value (or null) per row
  if (!index.null_counts.empty() && index.null_counts[page] >= 0 &&
      index.null_counts[page] <= page_rows) {
    out->null_count = index.null_counts[page];
  }
  if (index.null_pages[page]) return;  // all null: min and max are meaningless (empty)
  if (type_defined_order || SignedOrderIsValueOrder(leaf)) {
    SetStatBounds(leaf, index.min_values[page], index.max_values[page], out);
  }
}

bool ConsistentColumnIndex(const ColumnIndex& index, size_t pages) {
  return index.null_pages.size() == pages && index.min_values.size() == pages &&
         index.max_values.size() == pages &&
         (index.null_counts.empty() || index.null_counts.size() == pages);
}

}  // namespace

bool UsableOffsetIndex(const OffsetIndex& index, int64_t num_rows, ByteRange chunk) {
  const auto& pages = index.page_locations;
  if (pages.empty() || pages[0].first_row_index != 0) return false;
  int64_t previous_end = static_cast<int64_t>(chunk.offset);
  for (size_t i = 0; i < pages.size(); ++i) {
    const PageLocation& p = pages[i];
    if (p.first_row_index >= num_rows) return false;
    if (i > 0 && p.first_row_index <= pages[i - 1].first_row_index) return false;
    if (p.compressed_page_size <= 0 || p.offset < previous_end) return false;
    const int64_t end = p.offset + p.compressed_page_size;
    if (end > static_cast<int64_t>(chunk.end())) return false;
    previous_end = end;
  }
  return true;
}

RowSpan PageRowSpan(const OffsetIndex& index, size_t page, int64_t num_rows) {
  const auto& pages = index.page_locations;
  const int64_t end = page + 1 < pages.size() ? pages[page + 1].first_row_index : num_rows;
  return {pages[page].first_row_index, end};
}

std::vector<columnar::ColumnStatistics> UnknownStatistics(const FileSchema& schema) {
  std::vector<columnar::ColumnStatistics> out(schema.leaves.size());
  for (size_t i = 0; i < schema.leaves.size(); ++i) {
    out[i].path = schema.leaves[i].path;
    out[i].type = schema.leaves[i].type;
  }
  return out;
}

std::optional<RowSelection> RowsAllowedByColumn(const columnar::RowGroupPredicate& predicate,
                                                std::vector<columnar::ColumnStatistics>* scratch,
                                                const LeafColumn& leaf, bool type_defined_order,
                                                const ColumnIndex& column_index,
                                                const OffsetIndex& offset_index, int64_t num_rows) {
  const size_t pages = offset_index.page_locations.size();
  const auto slot = static_cast<size_t>(leaf.index);
  if (leaf.max_rep_level > 0 || slot >= scratch->size() ||
      !ConsistentColumnIndex(column_index, pages)) {
    return std::nullopt;
  }
  columnar::ColumnStatistics& entry = (*scratch)[slot];
  const columnar::ColumnStatistics unknown = entry;
  std::vector<RowSpan> kept;
  for (size_t page = 0; page < pages; ++page) {
    const RowSpan rows = PageRowSpan(offset_index, page, num_rows);
    entry = unknown;
    SetPageStatistics(leaf, type_defined_order, column_index, page, rows.size(), &entry);
    if (predicate.MayMatch(*scratch, rows.size())) kept.push_back(rows);
  }
  entry = unknown;
  return NormalizeSelection(std::move(kept));
}

std::optional<RowSelection> SelectRowsByPageIndex(const columnar::RowGroupPredicate& predicate,
                                                  const FileMetaData& metadata,
                                                  const FileSchema& schema,
                                                  const std::vector<ChunkPageIndex>& indexes,
                                                  int64_t num_rows) {
  std::vector<columnar::ColumnStatistics> scratch = UnknownStatistics(schema);
  std::optional<RowSelection> selected;
  for (const LeafColumn& leaf : schema.leaves) {
    const auto i = static_cast<size_t>(leaf.index);
    if (i >= indexes.size() || !indexes[i].column || !indexes[i].offset) continue;
    const bool type_order =
        i < metadata.column_orders_type_defined.size() && metadata.column_orders_type_defined[i];
    std::optional<RowSelection> allowed = RowsAllowedByColumn(
        predicate, &scratch, leaf, type_order, *indexes[i].column, *indexes[i].offset, num_rows);
    if (!allowed) continue;
    selected = selected ? IntersectSelections(*selected, *allowed) : std::move(*allowed);
    if (selected->empty()) break;  // nothing can match: no other column changes that
  }
  return selected;
}

PagePick PagesOverlapping(const OffsetIndex& index, const RowSelection& selection,
                          int64_t num_rows) {
  PagePick out;
  std::vector<RowSpan> spans;
  size_t s = 0;
  for (size_t page = 0; page < index.page_locations.size() && s < selection.size(); ++page) {
    const RowSpan rows = PageRowSpan(index, page, num_rows);
    while (s < selection.size() && selection[s].end <= rows.begin) ++s;
    if (s < selection.size() && selection[s].begin < rows.end) {
      out.pages.push_back(page);
      spans.push_back(rows);
    }
  }
  out.rows = NormalizeSelection(std::move(spans));
  return out;
}

}  // namespace s3c::formats::parquet
