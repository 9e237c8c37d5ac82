// What a read with page pruning must do, computed by the tests independently of page_index.cc
// and row_selection.cc: the page index decoded with the metadata decoders, each page of each
// term's column judged on its own bounds, rows kept marked one by one, then the pages, bytes
// and reads (merge_gap 0) that holding those rows needs. For flat files of integer terms.
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <utility>
#include <vector>

#include "formats/parquet/parquet_metadata.h"
#include "s3c/columnar/array_primitive.h"
#include "s3c/columnar/record_batch.h"
#include "s3c/formats/parquet/parquet_reader.h"

namespace s3c::formats::parquet::page_index_expect {

// One term: integer column `column` in [lo, hi]; NULL never matches.
struct Term {
  std::string column;
  int64_t lo = 0;
  int64_t hi = 0;
};

// The conjunction of terms, as the reader's predicate and as a row filter.
class IntRanges : public RowGroupPredicate {
 public:
  explicit IntRanges(std::vector<Term> terms) : terms_(std::move(terms)) {}
  bool MayMatch(const std::vector<ColumnStatistics>& stats, int64_t num_rows) const override {
    for (const Term& t : terms_) {
      for (const ColumnStatistics& s : stats) {
        if (s.path != std::vector<std::string>{t.column}) continue;
        if (s.null_count && *s.null_count >= num_rows) return false;
        const auto* min = std::get_if<int64_t>(&s.min);
        const auto* max = std::get_if<int64_t>(&s.max);
        if (min != nullptr && max != nullptr && (*max < t.lo || *min > t.hi)) return false;
      }
    }
    return true;
  }
  // Only the terms' columns are judged, as the filter language's predicate reports: the reader
  // fetches no ColumnIndex of another column.
  bool JudgesColumn(const std::vector<std::string>& path) const override {
    for (const Term& t : terms_) {
      if (path == std::vector<std::string>{t.column}) return true;
    }
    return false;
  }
  bool Row(const columnar::RecordBatch& batch, int64_t row) const {
    for (const Term& t : terms_) {
      const int c = batch.schema()->GetFieldIndex(t.column);
      EXPECT_GE(c, 0) << t.column << " must be projected";
      if (c < 0) return false;
      const columnar::Array& a = *batch.column(c);
      if (a.IsNull(row)) return false;
      const int64_t v = a.type().id() == columnar::TypeId::kInt64
                            ? static_cast<const columnar::Int64Array&>(a).Value(row)
                            : static_cast<const columnar::Int32Array&>(a).Value(row);
      if (v < t.lo || v > t.hi) return false;
    }
    return true;
  }
  std::string Sql() const {
    std::string out;
    for (const Term& t : terms_) {
      if (!out.empty()) out += " AND ";
      out += t.column + " BETWEEN " + std::to_string(t.lo) + " AND " + std::to_string(t.hi);
    }
    return out;
  }
  const std::vector<Term>& terms() const { return terms_; }

 private:
  std::vector<Term> terms_;
};

struct Expected {
  std::vector<std::vector<bool>> kept;  // [row group][row]
  int64_t pages_total = 0;
  int64_t pages_skipped = 0;
  int64_t skipped_bytes = 0;  // compressed sizes of the skipped pages
  int64_t data_bytes = 0;     // dictionary pages and kept pages of the projected columns
  int64_t data_reads = 0;     // with merge_gap 0: runs of contiguous ranges per row group
  int64_t row_groups_read = 0;
  // The index reads, per row group read: the ColumnIndexes of the judged columns (with an
  // OffsetIndex too) and the OffsetIndexes of those and of the projected columns, contiguous
  // ones merged into one read (merge_gap 0).
  int64_t index_reads = 0;
  int64_t index_bytes = 0;
};

inline int LeafIndex(const FileMetaData& md, const std::string& name) {
  // Flat files: leaf i is schema element i + 1.
  for (size_t i = 1; i < md.schema.size(); ++i) {
    if (md.schema[i].name == name) return static_cast<int>(i - 1);
  }
  ADD_FAILURE() << "no column " << name;
  return 0;
}

inline int64_t LoadInt(const std::string& bytes) {
  if (bytes.size() == 4) {
    int32_t v;
    std::memcpy(&v, bytes.data(), 4);
    return v;
  }
  int64_t v;
  std::memcpy(&v, bytes.data(), 8);
  return v;
}

// What the read must do, from the page index decoded here and the terms judged page by page.
inline Expected Expect(const std::string& file, const FileMetaData& md, const IntRanges& predicate,
                       const std::vector<std::string>& columns) {
  Expected out;
  for (const RowGroup& rg : md.row_groups) {
    auto offsets_of = [&](int leaf) {
      const ColumnChunk& c = rg.columns[static_cast<size_t>(leaf)];
      auto oi = DecodeOffsetIndex(
          std::string_view(file).substr(*c.offset_index_offset, *c.offset_index_length), "oi");
      EXPECT_TRUE(oi.ok());
      return *oi;
    };
    auto index_of = [&](int leaf) {
      const ColumnChunk& c = rg.columns[static_cast<size_t>(leaf)];
      auto ci = DecodeColumnIndex(
          std::string_view(file).substr(*c.column_index_offset, *c.column_index_length), "ci");
      EXPECT_TRUE(ci.ok());
      return std::make_pair(*ci, offsets_of(leaf));
    };
    auto page_end = [&](const OffsetIndex& oi, size_t p) {
      return p + 1 < oi.page_locations.size() ? oi.page_locations[p + 1].first_row_index
                                              : rg.num_rows;
    };
    std::vector<bool> kept(static_cast<size_t>(rg.num_rows), true);
    for (const Term& t : predicate.terms()) {
      auto [ci, oi] = index_of(LeafIndex(md, t.column));
      for (size_t p = 0; p < oi.page_locations.size(); ++p) {
        const int64_t rows = page_end(oi, p) - oi.page_locations[p].first_row_index;
        bool drop;
        if (ci.null_pages[p]) {
          drop = !ci.null_counts.empty() && ci.null_counts[p] == rows;
        } else {
          drop = LoadInt(ci.max_values[p]) < t.lo || LoadInt(ci.min_values[p]) > t.hi;
        }
        if (!drop) continue;
        for (int64_t r = oi.page_locations[p].first_row_index; r < page_end(oi, p); ++r) {
          kept[static_cast<size_t>(r)] = false;
        }
      }
    }
    // Row-group pruning comes first: a group whose statistics exclude a term is never read.
    bool group_read = true;
    for (const Term& t : predicate.terms()) {
      const ColumnChunk& c = rg.columns[static_cast<size_t>(LeafIndex(md, t.column))];
      const Statistics& s = *c.meta_data->statistics;
      if (s.min_value && (LoadInt(*s.max_value) < t.lo || LoadInt(*s.min_value) > t.hi)) {
        group_read = false;
      }
    }
    if (!group_read) {
      out.kept.emplace_back(static_cast<size_t>(rg.num_rows), false);
      continue;
    }
    ++out.row_groups_read;
    std::vector<std::pair<int64_t, int64_t>> index_ranges;  // [start, end)
    for (size_t i = 0; i < rg.columns.size(); ++i) {
      const ColumnChunk& c = rg.columns[i];
      const std::string& name = md.schema[i + 1].name;
      const bool projected = std::find(columns.begin(), columns.end(), name) != columns.end();
      const bool has_column =
          c.column_index_offset.has_value() && predicate.JudgesColumn({name});
      const bool has_offset = c.offset_index_offset.has_value();
      if (has_column && has_offset) {
        index_ranges.emplace_back(*c.column_index_offset,
                                  *c.column_index_offset + *c.column_index_length);
      }
      if (has_offset && (has_column || projected)) {
        index_ranges.emplace_back(*c.offset_index_offset,
                                  *c.offset_index_offset + *c.offset_index_length);
      }
    }
    std::sort(index_ranges.begin(), index_ranges.end());
    int64_t run_end = -1;
    for (const auto& [start, end] : index_ranges) {
      if (start > run_end) ++out.index_reads;  // not touching the previous run: a new read
      run_end = std::max(run_end, end);
      out.index_bytes += end - start;
    }
    std::vector<std::pair<int64_t, int64_t>> ranges;
    for (const std::string& name : columns) {
      const int leaf = LeafIndex(md, name);
      const OffsetIndex oi = offsets_of(leaf);
      const ColumnMetaData& m = *rg.columns[static_cast<size_t>(leaf)].meta_data;
      const int64_t chunk_start = m.dictionary_page_offset && *m.dictionary_page_offset > 0
                                      ? std::min(*m.dictionary_page_offset, m.data_page_offset)
                                      : m.data_page_offset;
      bool any = false;
      for (size_t p = 0; p < oi.page_locations.size(); ++p) {
        const PageLocation& loc = oi.page_locations[p];
        ++out.pages_total;
        bool needed = false;
        for (int64_t r = loc.first_row_index; r < page_end(oi, p); ++r) {
          needed = needed || kept[static_cast<size_t>(r)];
        }
        if (!needed) {
          ++out.pages_skipped;
          out.skipped_bytes += loc.compressed_page_size;
          continue;
        }
        any = true;
        ranges.push_back({loc.offset, loc.offset + loc.compressed_page_size});
        out.data_bytes += loc.compressed_page_size;
      }
      const int64_t first_page = oi.page_locations[0].offset;
      if (any && first_page > chunk_start) {
        ranges.push_back({chunk_start, first_page});
        out.data_bytes += first_page - chunk_start;
      }
    }
    std::sort(ranges.begin(), ranges.end());
    int64_t end = -1;
    for (const auto& [s, e] : ranges) {
      if (end < 0 || s > end) ++out.data_reads;
      end = std::max(end, e);
    }
    out.kept.push_back(std::move(kept));
  }
  return out;
}

}  // namespace s3c::formats::parquet::page_index_expect
