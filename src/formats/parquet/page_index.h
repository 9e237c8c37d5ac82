// Page-level pruning with the page index (parquet-format PageIndex.md; parquet.thrift
// ColumnIndex, OffsetIndex). A column chunk's ColumnIndex holds each data page's min, max, null
// count and whether it is all null; its OffsetIndex holds each page's location and first row.
// From them a predicate decides, column by column and page by page, which rows of a row group
// may match; the read then fetches and decodes only the pages holding those rows.
//
// Contract: conservative. A column is judged only when its ColumnIndex and OffsetIndex are both
// present, consistent with each other and with the chunk (UsableOffsetIndex), and the leaf has
// no repetition (a page's first_row_index is then the row of its first value). A page is
// dropped only when the predicate, shown a statistics vector in which that column carries the
// page's bounds and null count and every other column is unknown, says it cannot match.
// Bounds follow the row-group rules (statistics_decoder.h): min/max are used when the column
// order is TYPE_ORDER (or the signed order is the value order), a bound that does not decode
// (wrong size, unsupported type), a NaN bound, or a null page leaves the bounds unknown (a null
// page still passes its null count, which is then the page's row count).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "formats/parquet/parquet_metadata.h"
#include "formats/parquet/range_planner.h"
#include "formats/parquet/row_selection.h"
#include "formats/parquet/schema_mapping.h"
#include "s3c/columnar/statistics.h"

namespace s3c::formats::parquet {

// The page index of one column chunk, each part absent when the file has none or it did not
// decode.
struct ChunkPageIndex {
  std::optional<ColumnIndex> column;
  std::optional<OffsetIndex> offset;
};

// Whether `index` describes a chunk of a row group of num_rows rows lying in `chunk`: at least
// one page, the first at row 0, first rows strictly ascending and below num_rows, pages inside
// the chunk, ascending and not overlapping. An index failing this is not used.
bool UsableOffsetIndex(const OffsetIndex& index, int64_t num_rows, ByteRange chunk);

// The rows of page `page` (to the next page's first row, the last to num_rows).
RowSpan PageRowSpan(const OffsetIndex& index, size_t page, int64_t num_rows);

// The rows column `leaf` lets through: the spans of the pages the predicate may match, or
// nullopt when the column cannot be judged (see the contract). `scratch` is one entry per leaf
// of the file, every one unknown; entry leaf.index is set for each page and restored after.
std::optional<RowSelection> RowsAllowedByColumn(const columnar::RowGroupPredicate& predicate,
                                                std::vector<columnar::ColumnStatistics>* scratch,
                                                const LeafColumn& leaf, bool type_defined_order,
                                                const ColumnIndex& column_index,
                                                const OffsetIndex& offset_index, int64_t num_rows);

// Statistics entries for every leaf of `schema` with nothing known (path and type only).
std::vector<columnar::ColumnStatistics> UnknownStatistics(const FileSchema& schema);

// The rows of a row group of num_rows rows that every judged column lets through (the
// intersection), or nullopt when no column could be judged. indexes: one per leaf of the file;
// offset indexes are checked with UsableOffsetIndex by the caller (unusable ones absent).
std::optional<RowSelection> SelectRowsByPageIndex(const columnar::RowGroupPredicate& predicate,
                                                  const FileMetaData& metadata,
                                                  const FileSchema& schema,
                                                  const std::vector<ChunkPageIndex>& indexes,
                                                  int64_t num_rows);

// The pages of a column holding any row of `selection`, and the rows those pages hold.
struct PagePick {
  std::vector<size_t> pages;  // ascending page numbers
  RowSelection rows;          // the union of their spans, normalized
};
PagePick PagesOverlapping(const OffsetIndex& index, const RowSelection& selection,
                          int64_t num_rows);

}  // namespace s3c::formats::parquet
