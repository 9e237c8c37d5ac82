#include "formats/parquet/row_selection.h"

#include <fmt/format.h>

#include <algorithm>

namespace s3c::formats::parquet {

RowSelection NormalizeSelection(std::vector<RowSpan> spans) {
  std::sort(spans.begin(), spans.end(),
            [](const RowSpan& a, const RowSpan& b) { return a.begin < b.begin; });
  RowSelection out;
  for (const RowSpan& s : spans) {
    if (s.end <= s.begin) continue;
    if (!out.empty() && s.begin <= out.back().end) {
      out.back().end = std::max(out.back().end, s.end);
    } else {
      out.push_back(s);
    }
  }
  return out;
}

RowSelection IntersectSelections(const RowSelection& a, const RowSelection& b) {
  RowSelection out;
  size_t i = 0, j = 0;
  while (i < a.size() && j < b.size()) {
    const int64_t begin = std::max(a[i].begin, b[j].begin);
    const int64_t end = std::min(a[i].end, b[j].end);
    if (begin < end) out.push_back({begin, end});
    // Advance the span that ends first; the other may still overlap the next one.
    if (a[i].end < b[j].end) {
      ++i;
    } else {
      ++j;
    }
  }
  return out;
}

int64_t SelectedRows(const RowSelection& selection) {
  int64_t n = 0;
  for (const RowSpan& s : selection) n += s.size();
  return n;
}

Result<FieldPieces> SliceToSelection(const FieldPieces& pieces, const RowSelection& held,
                                     const RowSelection& wanted) {
  int64_t piece_rows = 0;
  for (const auto& p : pieces) piece_rows += p->length();
  if (piece_rows != SelectedRows(held)) {
    return InternalError(
        fmt::format("decoded {} rows for a selection of {}", piece_rows, SelectedRows(held)));
  }
  FieldPieces out;
  size_t h = 0;
  int64_t held_before = 0;  // rows of held spans before held[h]
  size_t p = 0;
  int64_t piece_start = 0;  // position of pieces[p]'s first row among the held rows
  for (const RowSpan& w : wanted) {
    while (h < held.size() && held[h].end <= w.begin) {
      held_before += held[h].size();
      ++h;
    }
    if (h == held.size() || w.begin < held[h].begin || w.end > held[h].end) {
      return InternalError(
          fmt::format("selected rows [{}, {}) are not all decoded", w.begin, w.end));
    }
    int64_t pos = held_before + (w.begin - held[h].begin);  // among the held rows
    int64_t left = w.size();
    while (left > 0) {
      while (pos >= piece_start + pieces[p]->length()) {
        piece_start += pieces[p]->length();
        ++p;
      }
      const int64_t offset = pos - piece_start;
      const int64_t n = std::min(left, pieces[p]->length() - offset);
      out.push_back(offset == 0 && n == pieces[p]->length() ? pieces[p]
                                                            : pieces[p]->Slice(offset, n));
      pos += n;
      left -= n;
    }
  }
  return out;
}

}  // namespace s3c::formats::parquet
