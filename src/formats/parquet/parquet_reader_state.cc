#include "formats/parquet/parquet_reader_state.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>

#include "formats/parquet/column_decoder.h"
#include "formats/parquet/page_index.h"
#include "formats/parquet/statistics_decoder.h"
#include "s3c/common/executor.h"
#include "s3c/common/strings.h"

namespace s3c::formats::parquet {
namespace {

// Largest dictionary page header parquet-mr wrote (Arrow's kMaxDictHeaderSize for PARQUET-816).
constexpr int64_t kDictHeaderPadding = 100;

}  // namespace

bool NeedsDictionaryHeaderPadding(const std::optional<std::string>& created_by) {
  if (!created_by || !StartsWith(*created_by, "parquet-mr")) return false;
  // "parquet-mr" without a version counts as older than any release (as parquet-cpp does).
  int major = 0, minor = 0, patch = 0;
  if (!StartsWith(*created_by, "parquet-mr version ") ||
      std::sscanf(created_by->c_str() + 19, "%d.%d.%d", &major, &minor, &patch) != 3) {
    return true;
  }
  // Fixed in 1.2.9.
  if (major != 1) return major < 1;
  if (minor != 2) return minor < 2;
  return patch < 9;
}

ReaderState::ReaderState(std::shared_ptr<RandomAccessFile> file, ParquetReadOptions options,
                         uint64_t file_size, FileMetaData metadata, FileSchema schema,
                         std::vector<int> projection, std::shared_ptr<columnar::Schema> projected,
                         HeldBytes held)
    : file_(std::move(file)),
      held_(std::move(held)),
      options_(std::move(options)),
      name_(options_.object_name),
      file_size_(file_size),
      metadata_(std::move(metadata)),
      schema_(std::move(schema)),
      projection_(std::move(projection)),
      projected_(std::move(projected)) {
  pad_chunks_ = NeedsDictionaryHeaderPadding(metadata_.created_by);
  stats_.row_groups_total = static_cast<int64_t>(metadata_.row_groups.size());
}

Result<ByteRange> ReaderState::ChunkRange(int row_group, int leaf) const {
  const ColumnMetaData& md = *metadata_.row_groups[static_cast<size_t>(row_group)]
                                  .columns[static_cast<size_t>(leaf)]
                                  .meta_data;
  // The chunk starts at its dictionary page when it has one. Some writers stored 0 (or the data
  // page offset) for "no dictionary page": only an offset before the data page counts.
  int64_t start = md.data_page_offset;
  if (md.dictionary_page_offset && *md.dictionary_page_offset > 0 &&
      *md.dictionary_page_offset < start) {
    start = *md.dictionary_page_offset;
  }
  int64_t length = md.total_compressed_size;
  const uint64_t size = file_size_;
  if (start < 0 || length < 0 || static_cast<uint64_t>(start) > size ||
      static_cast<uint64_t>(length) > size - static_cast<uint64_t>(start)) {
    return DataLossError(fmt::format(
        "{}: corrupt Parquet metadata: column {} of row group {} claims bytes [{}, {}) but the "
        "file has {} bytes",
        name_, Join(schema_.leaves[static_cast<size_t>(leaf)].path, "."), row_group, start,
        start + length, size));
  }
  if (pad_chunks_) {
    length += std::min<int64_t>(kDictHeaderPadding, static_cast<int64_t>(size) - (start + length));
  }
  return ByteRange{static_cast<uint64_t>(start), static_cast<uint64_t>(length)};
}

Result<FetchedRowGroup> ReaderState::Fetch(int row_group, bool prune_pages) {
  PagePlan plan;
  if (prune_pages && options_.predicate != nullptr) {
    S3C_ASSIGN_OR_RETURN(plan, PlanPages(row_group, *options_.predicate));
  }
  std::vector<ByteRange> ranges;
  int64_t projected_bytes = 0;
  S3C_ASSIGN_OR_RETURN(FetchedRowGroup out,
                       PlanFetch(row_group, std::move(plan), &ranges, &projected_bytes));
  FetchCounters counters;
  auto fetched = FetchRanges(*file_, ranges, options_.merge_gap, options_.max_range_bytes,
                             options_.max_in_flight, name_, &counters, held_);
  AddCounters(counters, fetched.ok() ? projected_bytes : 0);
  if (!fetched.ok()) return fetched.status();
  out.ranges = std::move(*fetched);
  return out;
}

Result<FetchedRowGroup> ReaderState::PlanFetch(int row_group, PagePlan plan,
                                               std::vector<ByteRange>* ranges,
                                               int64_t* projected_bytes) {
  FetchedRowGroup out;
  out.index = row_group;
  const int64_t num_rows = metadata_.row_groups[static_cast<size_t>(row_group)].num_rows;
  // A selection of every row reads as no selection.
  if (plan.rows && plan.rows->size() == 1 && plan.rows->front() == RowSpan{0, num_rows}) {
    plan.rows.reset();
  }
  out.rows = plan.rows;
  int64_t pages = 0, skipped = 0;
  size_t k = 0;  // projected leaf
  for (int f : projection_) {
    const LeafRange lr = LeavesOf(schema_, f);
    for (int leaf = lr.first; leaf < lr.first + lr.count; ++leaf, ++k) {
      S3C_ASSIGN_OR_RETURN(ByteRange chunk, ChunkRange(row_group, leaf));
      *projected_bytes += static_cast<int64_t>(chunk.length);
      out.leaf_ranges.push_back(ranges->size());
      out.leaf_rows.emplace_back();
      const OffsetIndex* index =
          k < plan.offsets.size() && plan.offsets[k] ? &*plan.offsets[k] : nullptr;
      if (index != nullptr) pages += static_cast<int64_t>(index->page_locations.size());
      if (out.rows && out.rows->empty()) {  // no row can match: fetch nothing
        if (index != nullptr) skipped += static_cast<int64_t>(index->page_locations.size());
        continue;
      }
      // Only a field of one leaf without repetition is decoded from some of its pages.
      const bool some_pages = out.rows && index != nullptr && lr.count == 1 &&
                              schema_.leaves[static_cast<size_t>(leaf)].max_rep_level == 0;
      if (!some_pages) {
        ranges->push_back(chunk);
        out.range_offsets.push_back(static_cast<int64_t>(chunk.offset));
        out.range_values.push_back(-1);
        continue;
      }
      const PagePick pick = PagesOverlapping(*index, *out.rows, num_rows);
      skipped += static_cast<int64_t>(index->page_locations.size() - pick.pages.size());
      out.leaf_rows.back() = pick.rows;
      // The dictionary page (and whatever else precedes the first data page) comes first.
      const auto first_page = static_cast<uint64_t>(index->page_locations[0].offset);
      if (first_page > chunk.offset) {
        ranges->push_back({chunk.offset, first_page - chunk.offset});
        out.range_offsets.push_back(static_cast<int64_t>(chunk.offset));
        out.range_values.push_back(-1);
      }
      for (size_t page : pick.pages) {
        const PageLocation& location = index->page_locations[page];
        ranges->push_back({static_cast<uint64_t>(location.offset),
                           static_cast<uint64_t>(location.compressed_page_size)});
        out.range_offsets.push_back(location.offset);
        out.range_values.push_back(PageRowSpan(*index, page, num_rows).size());
      }
    }
  }
  out.leaf_ranges.push_back(ranges->size());
  AddPageCounters(pages, skipped, 0);
  return out;
}

Result<std::vector<std::shared_ptr<columnar::RecordBatch>>> ReaderState::Decode(
    const FetchedRowGroup& fetched) {
  const RowGroup& rg = metadata_.row_groups[static_cast<size_t>(fetched.index)];
  if (fetched.rows && fetched.rows->empty()) {
    return std::vector<std::shared_ptr<columnar::RecordBatch>>{};
  }
  ColumnDecodeOptions decode_options;
  decode_options.object_name = name_;
  decode_options.verify_page_crc = options_.verify_page_crc;

  // Chunks of each projected field, as views into the fetched buffers, and the rows each
  // field's chunks hold (the row group's, or those of the pages fetched).
  std::vector<std::vector<ChunkBytes>> chunks(projection_.size());
  std::vector<RowSelection> held(projection_.size(), RowSelection{{0, rg.num_rows}});
  std::vector<std::optional<int64_t>> page_rows(projection_.size());
  size_t k = 0;
  for (size_t p = 0; p < projection_.size(); ++p) {
    const LeafRange lr = LeavesOf(schema_, projection_[p]);
    for (int i = 0; i < lr.count; ++i, ++k) {
      ChunkBytes chunk;
      for (size_t r = fetched.leaf_ranges[k]; r < fetched.leaf_ranges[k + 1]; ++r) {
        const BytesAt piece{fetched.ranges.View(r), fetched.range_offsets[r],
                            fetched.range_values[r]};
        if (r == fetched.leaf_ranges[k]) {
          chunk.bytes = piece.bytes;
          chunk.file_offset = piece.file_offset;
          chunk.page_values = piece.page_values;
        } else {
          chunk.more.push_back(piece);
        }
      }
      chunks[p].push_back(std::move(chunk));
      if (!fetched.leaf_rows[k].empty()) {  // some pages (a field of one leaf)
        held[p] = fetched.leaf_rows[k];
        page_rows[p] = SelectedRows(held[p]);
      }
    }
  }

  std::vector<Result<FieldPieces>> arrays(projection_.size(),
                                          Result<FieldPieces>(InternalError("not decoded")));
  auto decode = [&](size_t p) {
    arrays[p] = DecodeField(schema_, projection_[p], rg, fetched.index, chunks[p], decode_options,
                            page_rows[p]);
    if (arrays[p].ok() && fetched.rows) {
      arrays[p] = SliceToSelection(*arrays[p], held[p], *fetched.rows);
    }
  };
  const size_t threads =
      std::min(projection_.size(), static_cast<size_t>(std::max(1, options_.max_threads)));
  if (threads <= 1) {
    for (size_t p = 0; p < projection_.size(); ++p) decode(p);
  } else {
    // threads - 1 pool threads and this one (Wait runs what the pool has not started).
    TaskGroup group(Executor::Shared(), static_cast<int>(threads - 1));
    for (size_t p = 0; p < projection_.size(); ++p) {
      group.Submit([&decode, p] {
        decode(p);
        return Status::OK();  // each field's error is in arrays[p]
      });
    }
    (void)group.Wait();
  }
  const int64_t rows = fetched.rows ? SelectedRows(*fetched.rows) : rg.num_rows;
  std::vector<FieldPieces> columns;
  columns.reserve(arrays.size());
  for (auto& a : arrays) {
    if (!a.ok()) return a.status();
    int64_t length = 0;
    for (const auto& piece : *a) length += piece->length();
    if (length != rows) {
      return DataLossError(fmt::format(
          "{}: column {} of row group {} decoded to {} values but {} rows were read", name_,
          projected_->field(static_cast<int>(columns.size())).name(), fetched.index, length, rows));
    }
    columns.push_back(std::move(*a));
  }
  auto batches = BatchesOfPieces(projected_, columns, rows);
  if (!batches.ok()) {
    return DataLossError(
        fmt::format("{}: row group {}: {}", name_, fetched.index, batches.status().message()));
  }
  return batches;
}

std::vector<int> ReaderState::KeptRowGroups(const RowGroupPredicate* predicate,
                                            int64_t* skipped) const {
  std::vector<int> out;
  for (size_t g = 0; g < metadata_.row_groups.size(); ++g) {
    const RowGroup& rg = metadata_.row_groups[g];
    if (predicate != nullptr &&
        !predicate->MayMatch(DecodeRowGroupStatistics(metadata_, schema_, rg), rg.num_rows)) {
      ++*skipped;
      continue;
    }
    out.push_back(static_cast<int>(g));
  }
  return out;
}

std::vector<int> ReaderState::SelectRowGroups() {
  int64_t skipped = 0;
  std::vector<int> out = KeptRowGroups(options_.predicate.get(), &skipped);
  std::lock_guard<std::mutex> lock(mu_);
  stats_.row_groups_skipped = skipped;
  return out;
}

uint64_t ReaderState::WorkingBytes(const std::vector<int>& row_groups) const {
  uint64_t compressed = 0, uncompressed = 0;
  for (int g : row_groups) {
    const RowGroup& rg = metadata_.row_groups[static_cast<size_t>(g)];
    uint64_t c = 0, u = 0;
    for (int f : projection_) {
      const LeafRange lr = LeavesOf(schema_, f);
      for (int leaf = lr.first; leaf < lr.first + lr.count; ++leaf) {
        const ColumnMetaData& md = *rg.columns[static_cast<size_t>(leaf)].meta_data;
        c += static_cast<uint64_t>(std::max<int64_t>(md.total_compressed_size, 0));
        u += static_cast<uint64_t>(std::max<int64_t>(md.total_uncompressed_size, 0));
      }
    }
    compressed = std::max(compressed, c);
    uncompressed = std::max(uncompressed, u);
  }
  return held_.size + 2 * compressed + uncompressed;
}

void ReaderState::AddCounters(const FetchCounters& counters, int64_t projected_bytes) {
  std::lock_guard<std::mutex> lock(mu_);
  stats_.reads += counters.reads;
  stats_.bytes_read += counters.bytes;
  stats_.projected_chunk_bytes += projected_bytes;
}

void ReaderState::AddPageCounters(int64_t pages, int64_t skipped, int64_t index_bytes) {
  std::lock_guard<std::mutex> lock(mu_);
  stats_.pages_total += pages;
  stats_.pages_skipped += skipped;
  stats_.page_index_bytes += index_bytes;
}

ParquetReadStats ReaderState::stats() const {
  std::lock_guard<std::mutex> lock(mu_);
  return stats_;
}

}  // namespace s3c::formats::parquet
