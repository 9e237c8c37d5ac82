#include "formats/parquet/row_ranges.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <utility>

#include "s3c/columnar/buffer_builder.h"

namespace s3c::formats::parquet {
namespace {

namespace col = ::s3c::columnar;
using col::ArrayData;

// Where each row of one leaf begins in its levels and in its values.
struct LeafRows {
  const LeafData* data = nullptr;
  std::vector<int64_t> level;  // num_rows + 1 entries: level index of each row's start
  std::vector<int64_t> value;  // num_rows + 1 entries: value index of each row's start
  // Segmented leaves only: the segments, the first value index of each (plus the total), and
  // the bytes before each (plus the total).
  std::vector<const ArrayData*> segments;
  std::vector<int64_t> first_value;
  std::vector<int64_t> first_byte;

  bool segmented() const { return !segments.empty(); }
  // The segment holding value v (v below the total).
  size_t SegmentOf(int64_t v) const {
    return static_cast<size_t>(std::upper_bound(first_value.begin(), first_value.end(), v) -
                               first_value.begin() - 1);
  }
  // Bytes of the leaf's values before value v (v up to the total).
  int64_t BytePos(int64_t v) const {
    if (v == first_value.back()) return first_byte.back();
    const size_t k = SegmentOf(v);
    const int32_t* offsets = segments[k]->GetValues<int32_t>(1);
    return first_byte[k] + offsets[v - first_value[k]] - offsets[0];
  }
};

void CollectLeaves(const SchemaNode& node, std::vector<const SchemaNode*>* out) {
  if (node.kind == SchemaNode::Kind::kLeaf) {
    out->push_back(&node);
    return;
  }
  for (const SchemaNode& child : node.children) CollectLeaves(child, out);
}

Result<LeafRows> FindRows(const LeafData& leaf, int16_t max_def, int64_t num_rows,
                          const DecodeContext& context) {
  LeafRows rows;
  rows.data = &leaf;
  const bool has_def = !leaf.def_levels.empty();
  const bool has_rep = !leaf.rep_levels.empty();
  const int64_t n = leaf.num_levels;
  if ((has_def && static_cast<int64_t>(leaf.def_levels.size()) != n) ||
      (has_rep && static_cast<int64_t>(leaf.rep_levels.size()) != n)) {
    return context.Error(-1, "level counts differ");
  }
  if (num_rows < 0 || num_rows > n) {  // every row has at least one level entry
    return context.Error(-1, fmt::format("{} levels for {} rows", n, num_rows));
  }
  rows.level.reserve(static_cast<size_t>(num_rows) + 1);
  rows.value.reserve(static_cast<size_t>(num_rows) + 1);
  int64_t values = 0;
  for (int64_t i = 0; i < n; ++i) {
    if (!has_rep || leaf.rep_levels[static_cast<size_t>(i)] == 0) {
      rows.level.push_back(i);
      rows.value.push_back(values);
    }
    values += !has_def || leaf.def_levels[static_cast<size_t>(i)] == max_def;
  }
  if (static_cast<int64_t>(rows.level.size()) != num_rows || (n > 0 && rows.level[0] != 0)) {
    return context.Error(-1, fmt::format("levels describe {} rows, the row group has {}",
                                         rows.level.size(), num_rows));
  }
  rows.level.push_back(n);
  rows.value.push_back(values);
  if (!leaf.more_values.empty()) {
    rows.segments.push_back(leaf.values.get());
    for (const auto& s : leaf.more_values) rows.segments.push_back(s.get());
    int64_t v = 0, bytes = 0;
    for (const ArrayData* s : rows.segments) {
      rows.first_value.push_back(v);
      rows.first_byte.push_back(bytes);
      const int32_t* offsets = s->GetValues<int32_t>(1);
      v += s->length;
      bytes += offsets[s->length] - offsets[0];
    }
    rows.first_value.push_back(v);
    rows.first_byte.push_back(bytes);
    if (v != values) {
      return context.Error(-1, fmt::format("{} values for {} non-null levels", v, values));
    }
  }
  return rows;
}

// Values [begin, end) of a segmented leaf as one array: a slice of their segment, or a copy
// when they straddle segments.
std::shared_ptr<ArrayData> SegmentedValues(const LeafRows& leaf, int64_t begin, int64_t end) {
  if (begin == end) return leaf.segments[0]->Slice(0, 0);
  const size_t first = leaf.SegmentOf(begin);
  if (first == leaf.SegmentOf(end - 1)) {
    return leaf.segments[first]->Slice(begin - leaf.first_value[first], end - begin);
  }
  col::TypedBufferBuilder<int32_t> offsets;
  col::BufferBuilder data;
  offsets.Reserve(end - begin + 1);
  data.Reserve(leaf.BytePos(end) - leaf.BytePos(begin));
  offsets.UnsafeAppend(0);
  for (size_t k = first; begin < end; ++k) {
    const ArrayData& s = *leaf.segments[k];
    const int64_t from = begin - leaf.first_value[k];
    const int64_t to = std::min(end - leaf.first_value[k], s.length);
    const int32_t* o = s.GetValues<int32_t>(1);
    const auto* bytes = s.buffers[2]->data_as<uint8_t>();
    const int32_t base = static_cast<int32_t>(data.size());
    data.Append(bytes + o[from], o[to] - o[from]);
    for (int64_t i = from + 1; i <= to; ++i) offsets.UnsafeAppend(base + (o[i] - o[from]));
    begin += to - from;
  }
  const int64_t length = offsets.length() - 1;
  return ArrayData::Make(leaf.segments[0]->type, length, {nullptr, offsets.Finish(), data.Finish()},
                         0);
}

// The levels and values of rows [a, b) of one leaf.
LeafData SliceRows(const LeafRows& leaf, int64_t a, int64_t b) {
  const LeafData& d = *leaf.data;
  LeafData out;
  const auto l0 = static_cast<size_t>(leaf.level[a]);
  const auto l1 = static_cast<size_t>(leaf.level[b]);
  out.num_levels = static_cast<int64_t>(l1 - l0);
  if (!d.def_levels.empty()) {
    out.def_levels.assign(d.def_levels.begin() + l0, d.def_levels.begin() + l1);
  }
  if (!d.rep_levels.empty()) {
    out.rep_levels.assign(d.rep_levels.begin() + l0, d.rep_levels.begin() + l1);
  }
  const int64_t v0 = leaf.value[a], v1 = leaf.value[b];
  out.values = leaf.segmented() ? SegmentedValues(leaf, v0, v1) : d.values->Slice(v0, v1 - v0);
  return out;
}

// Whether row r cannot join the range starting at row `start` of a segmented leaf: its values
// would take the range past max_bytes, or begin in a later segment than the range's first.
bool MustCutBefore(const LeafRows& leaf, int64_t start, int64_t r, int64_t max_bytes) {
  const int64_t first = leaf.value[start], row_first = leaf.value[r], end = leaf.value[r + 1];
  if (first == row_first || row_first == end) return false;
  return leaf.BytePos(end) - leaf.BytePos(first) > max_bytes ||
         leaf.SegmentOf(row_first) != leaf.SegmentOf(first);
}

}  // namespace

Result<std::vector<std::shared_ptr<ArrayData>>> AssembleFieldInRowRanges(
    const SchemaNode& field, const std::vector<LeafData>& leaves, int first_leaf, int64_t num_rows,
    int64_t max_bytes, const DecodeContext& context) {
  std::vector<const SchemaNode*> nodes;
  CollectLeaves(field, &nodes);
  if (nodes.size() != leaves.size()) return InternalError("leaf count differs from the schema");
  std::vector<LeafRows> rows;
  for (const SchemaNode* node : nodes) {
    const int i = node->leaf - first_leaf;
    if (i < 0 || i >= static_cast<int>(leaves.size())) return InternalError("leaf out of range");
    S3C_ASSIGN_OR_RETURN(
        LeafRows r, FindRows(leaves[static_cast<size_t>(i)], node->def_level, num_rows, context));
    rows.push_back(std::move(r));
  }
  // Cut points: every range ends before a row some segmented leaf cannot take.
  std::vector<int64_t> cuts{0};
  for (int64_t r = 0; r < num_rows; ++r) {
    for (const LeafRows& leaf : rows) {
      if (!leaf.segmented()) continue;
      if (r > cuts.back() && MustCutBefore(leaf, cuts.back(), r, max_bytes)) cuts.push_back(r);
      const int64_t bytes = leaf.BytePos(leaf.value[r + 1]) - leaf.BytePos(leaf.value[r]);
      if (bytes > max_bytes) {
        return context.Wrap(-1, UnimplementedError(fmt::format(
                                    "row {} holds {} bytes of binary/string values, more than "
                                    "one array holds ({})",
                                    r, bytes, max_bytes)));
      }
    }
  }
  cuts.push_back(num_rows);
  // Leaves in the order AssembleField expects them (leaf index - first_leaf).
  std::vector<const LeafRows*> by_index(leaves.size());
  for (size_t k = 0; k < nodes.size(); ++k) {
    by_index[static_cast<size_t>(nodes[k]->leaf - first_leaf)] = &rows[k];
  }
  std::vector<std::shared_ptr<ArrayData>> pieces;
  for (size_t c = 0; c + 1 < cuts.size(); ++c) {
    std::vector<LeafData> slice;
    for (const LeafRows* leaf : by_index) slice.push_back(SliceRows(*leaf, cuts[c], cuts[c + 1]));
    S3C_ASSIGN_OR_RETURN(std::shared_ptr<ArrayData> piece,
                         AssembleField(field, slice, first_leaf, context));
    if (piece->length != cuts[c + 1] - cuts[c]) {
      return context.Error(-1, fmt::format("rows {} to {} assembled to {} rows", cuts[c],
                                           cuts[c + 1], piece->length));
    }
    pieces.push_back(std::move(piece));
  }
  return pieces;
}

Result<std::vector<std::shared_ptr<col::RecordBatch>>> BatchesOfPieces(
    const std::shared_ptr<col::Schema>& schema, const std::vector<FieldPieces>& columns,
    int64_t num_rows) {
  std::vector<int64_t> ends{num_rows};
  for (const FieldPieces& pieces : columns) {
    int64_t end = 0;
    for (const auto& piece : pieces) ends.push_back(end += piece->length());
    if (end != num_rows || pieces.empty()) {
      return InvalidArgumentError(fmt::format("pieces of {} rows for {} rows", end, num_rows));
    }
  }
  std::sort(ends.begin(), ends.end());
  ends.erase(std::unique(ends.begin(), ends.end()), ends.end());
  std::vector<size_t> piece(columns.size(), 0);  // the piece of each column holding `start`
  std::vector<int64_t> piece_start(columns.size(), 0);
  std::vector<std::shared_ptr<col::RecordBatch>> out;
  int64_t start = 0;
  for (const int64_t end : ends) {
    if (end == start && num_rows > 0) continue;
    std::vector<std::shared_ptr<col::Array>> slices;
    for (size_t c = 0; c < columns.size(); ++c) {
      while (end > start && piece_start[c] + columns[c][piece[c]]->length() <= start) {
        piece_start[c] += columns[c][piece[c]++]->length();
      }
      const auto& array = columns[c][piece[c]];
      const bool whole = start == piece_start[c] && end - start == array->length();
      slices.push_back(whole ? array : array->Slice(start - piece_start[c], end - start));
    }
    S3C_ASSIGN_OR_RETURN(std::shared_ptr<col::RecordBatch> batch,
                         col::RecordBatch::Make(schema, std::move(slices), end - start));
    out.push_back(std::move(batch));
    start = end;
  }
  return out;
}

}  // namespace s3c::formats::parquet
