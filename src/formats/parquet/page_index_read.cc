// ReaderState::PlanPages (parquet_reader_state.h): the page index of one row group, the
// indexes the predicate and the projection need, fetched in merged reads and judged with the
// predicate (page_index.h).
#include "formats/parquet/page_index.h"
#include "formats/parquet/parquet_reader_state.h"

namespace s3c::formats::parquet {
namespace {

// The index range [offset, offset + length) when it is present and inside the file.
std::optional<ByteRange> IndexRange(const std::optional<int64_t>& offset,
                                    const std::optional<int32_t>& length, uint64_t file_size) {
  if (!offset || !length || *offset < 0 || *length <= 0) return std::nullopt;
  const auto start = static_cast<uint64_t>(*offset);
  const auto size = static_cast<uint64_t>(*length);
  if (start > file_size || size > file_size - start) return std::nullopt;
  return ByteRange{start, size};
}

}  // namespace

Result<PagePlan> ReaderState::PlanPages(int row_group, const RowGroupPredicate& predicate) {
  const RowGroup& rg = metadata_.row_groups[static_cast<size_t>(row_group)];
  const size_t leaves = schema_.leaves.size();
  // Which leaves' indexes to fetch: the ColumnIndex (and OffsetIndex) of every leaf the
  // predicate judges (JudgesColumn; no repetition), the OffsetIndex of every projected leaf.
  std::vector<bool> projected(leaves, false);
  std::vector<size_t> projected_leaves;
  for (int f : projection_) {
    const LeafRange lr = LeavesOf(schema_, f);
    for (int leaf = lr.first; leaf < lr.first + lr.count; ++leaf) {
      projected[static_cast<size_t>(leaf)] = true;
      projected_leaves.push_back(static_cast<size_t>(leaf));
    }
  }
  struct Wanted {
    size_t leaf;
    bool column;  // ColumnIndex, else OffsetIndex
  };
  std::vector<Wanted> wanted;
  std::vector<ByteRange> ranges;
  for (size_t i = 0; i < leaves && i < rg.columns.size(); ++i) {
    const ColumnChunk& chunk = rg.columns[i];
    std::optional<ByteRange> column =
        schema_.leaves[i].max_rep_level == 0 && predicate.JudgesColumn(schema_.leaves[i].path)
            ? IndexRange(chunk.column_index_offset, chunk.column_index_length, file_size_)
            : std::nullopt;
    std::optional<ByteRange> offset =
        IndexRange(chunk.offset_index_offset, chunk.offset_index_length, file_size_);
    if (column && offset) {
      wanted.push_back({i, true});
      ranges.push_back(*column);
    }
    if (offset && (column || projected[i])) {
      wanted.push_back({i, false});
      ranges.push_back(*offset);
    }
  }
  PagePlan plan;
  plan.offsets.resize(projected_leaves.size());
  if (ranges.empty()) return plan;

  // Writers store the indexes in one place (every ColumnIndex, then every OffsetIndex): the
  // wanted ones merge into one read unless the unwanted between them exceed merge_gap.
  FetchCounters counters;
  auto fetched = FetchRanges(*file_, ranges, options_.merge_gap, options_.max_range_bytes,
                             options_.max_in_flight, name_, &counters, held_);
  AddCounters(counters, 0);
  if (!fetched.ok()) return fetched.status();
  AddPageCounters(0, 0, counters.bytes);

  std::vector<ChunkPageIndex> indexes(leaves);
  for (size_t w = 0; w < wanted.size(); ++w) {
    const size_t i = wanted[w].leaf;
    if (wanted[w].column) {
      Result<ColumnIndex> column = DecodeColumnIndex(fetched->View(w), name_);
      if (column.ok()) indexes[i].column = std::move(*column);
      continue;
    }
    Result<OffsetIndex> offset = DecodeOffsetIndex(fetched->View(w), name_);
    if (!offset.ok()) continue;
    Result<ByteRange> chunk = ChunkRange(row_group, static_cast<int>(i));
    if (chunk.ok() && UsableOffsetIndex(*offset, rg.num_rows, *chunk)) {
      indexes[i].offset = std::move(*offset);
    }
  }
  plan.rows = SelectRowsByPageIndex(predicate, metadata_, schema_, indexes, rg.num_rows);
  for (size_t k = 0; k < projected_leaves.size(); ++k) {
    plan.offsets[k] = indexes[projected_leaves[k]].offset;
  }
  return plan;
}

}  // namespace s3c::formats::parquet

namespace s3c::formats::parquet {

namespace {

// Adds to `out` the merged reads of `ranges` that the footer's read does not hold, as
// FetchRanges makes them.
void CountReads(const std::vector<ByteRange>& ranges, const ParquetReadOptions& options,
                const HeldBytes& held, ParquetReadPlan* out) {
  for (const ByteRange& r : PlanRanges(ranges, options.merge_gap, options.max_range_bytes).reads) {
    if (held.Holds(r)) continue;  // FetchRanges copies it from the footer's read
    out->reads += 1;
    out->bytes += static_cast<int64_t>(r.length);
  }
}

}  // namespace

// Fetch with a plan that prunes nothing: PlanPages (when a predicate is set) reads the
// OffsetIndexes of the projected leaves only (no leaf is judged, so no ColumnIndex), which
// select no rows, so each projected chunk is then fetched whole.
Result<ParquetReadPlan> ReaderState::PlanWholeRead(bool with_predicate) const {
  ParquetReadPlan out;
  for (size_t g = 0; g < metadata_.row_groups.size(); ++g) {
    const RowGroup& rg = metadata_.row_groups[g];
    std::vector<ByteRange> index_ranges, chunk_ranges;
    for (int f : projection_) {
      const LeafRange lr = LeavesOf(schema_, f);
      for (int leaf = lr.first; leaf < lr.first + lr.count; ++leaf) {
        const auto i = static_cast<size_t>(leaf);
        if (with_predicate && i < rg.columns.size()) {
          std::optional<ByteRange> offset = IndexRange(
              rg.columns[i].offset_index_offset, rg.columns[i].offset_index_length, file_size_);
          if (offset) index_ranges.push_back(*offset);
        }
        S3C_ASSIGN_OR_RETURN(ByteRange chunk, ChunkRange(static_cast<int>(g), leaf));
        chunk_ranges.push_back(chunk);
      }
    }
    CountReads(index_ranges, options_, held_, &out);
    CountReads(chunk_ranges, options_, held_, &out);
  }
  return out;
}

// ReadBatches' steps without its chunk reads: the row groups SelectRowGroups keeps, for each
// the page index read of PlanPages (made, as Fetch makes it), then the ranges PlanFetch plans.
Result<ParquetReadPlan> ReaderState::PlanRead(std::shared_ptr<const RowGroupPredicate> predicate) {
  ParquetReadPlan out;
  int64_t skipped = 0;
  for (int g : KeptRowGroups(predicate.get(), &skipped)) {
    PagePlan pages;
    if (predicate != nullptr) {
      const ParquetReadStats before = stats();
      S3C_ASSIGN_OR_RETURN(pages, PlanPages(g, *predicate));
      const ParquetReadStats after = stats();
      out.reads += after.reads - before.reads;
      out.bytes += after.bytes_read - before.bytes_read;
    }
    std::vector<ByteRange> ranges;
    int64_t projected_bytes = 0;
    S3C_RETURN_IF_ERROR(PlanFetch(g, std::move(pages), &ranges, &projected_bytes).status());
    CountReads(ranges, options_, held_, &out);
  }
  return out;
}

}  // namespace s3c::formats::parquet
