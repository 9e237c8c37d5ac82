// The page index decisions on hand-made indexes (page_index.h): which offset indexes are used,
// which pages a predicate drops, the intersection over columns, and the pages a selection needs.
#include "formats/parquet/page_index.h"

#include <gtest/gtest.h>

#include <cstring>

namespace s3c::formats::parquet {
namespace {

using columnar::ColumnStatistics;

// Keeps what may hold a value of column `name` in [lo, hi] (NULL never matches).
class Int64Between : public columnar::RowGroupPredicate {
 public:
  Int64Between(std::string name, int64_t lo, int64_t hi)
      : name_(std::move(name)), lo_(lo), hi_(hi) {}
  bool MayMatch(const std::vector<ColumnStatistics>& stats, int64_t num_rows) const override {
    for (const ColumnStatistics& s : stats) {
      if (s.path != std::vector<std::string>{name_}) continue;
      if (s.null_count && *s.null_count >= num_rows) return false;
      const auto* min = std::get_if<int64_t>(&s.min);
      const auto* max = std::get_if<int64_t>(&s.max);
      if (min != nullptr && max != nullptr && (*max < lo_ || *min > hi_)) return false;
    }
    return true;
  }

 private:
  std::string name_;
  int64_t lo_, hi_;
};

LeafColumn Int64Leaf(int index, std::string name) {
  LeafColumn leaf;
  leaf.index = index;
  leaf.path = {std::move(name)};
  leaf.physical_type = PhysicalType::kInt64;
  leaf.type = columnar::Int64();
  leaf.max_def_level = 1;
  return leaf;
}

std::string Plain64(int64_t v) {
  std::string out(8, '\0');
  std::memcpy(out.data(), &v, 8);
  return out;
}

// Pages starting at `first_rows`, each 100 bytes from offset 1000.
OffsetIndex Offsets(const std::vector<int64_t>& first_rows) {
  OffsetIndex index;
  for (size_t i = 0; i < first_rows.size(); ++i) {
    index.page_locations.push_back({1000 + 100 * static_cast<int64_t>(i), 100, first_rows[i]});
  }
  return index;
}

// Pages with these [min, max] bounds.
ColumnIndex Bounds(const std::vector<std::pair<int64_t, int64_t>>& bounds) {
  ColumnIndex index;
  for (const auto& [lo, hi] : bounds) {
    index.null_pages.push_back(false);
    index.min_values.push_back(Plain64(lo));
    index.max_values.push_back(Plain64(hi));
    index.null_counts.push_back(0);
  }
  return index;
}

FileSchema TwoColumns() {
  FileSchema schema;
  schema.leaves = {Int64Leaf(0, "x"), Int64Leaf(1, "y")};
  return schema;
}

// Column `leaf` judged on a fresh vector of unknown statistics of TwoColumns().
std::optional<RowSelection> Allowed(const Int64Between& predicate, const LeafColumn& leaf,
                                    bool type_order, const ColumnIndex& column_index,
                                    const OffsetIndex& offset_index, int64_t num_rows) {
  auto scratch = UnknownStatistics(TwoColumns());
  return RowsAllowedByColumn(predicate, &scratch, leaf, type_order, column_index, offset_index,
                             num_rows);
}

TEST(PageIndexTest, UsableOffsetIndexChecksRowsAndLocations) {
  const ByteRange chunk{900, 500};  // [900, 1400): pages at 1000..1399 fit
  EXPECT_TRUE(UsableOffsetIndex(Offsets({0, 10, 20, 30}), 40, chunk));
  EXPECT_FALSE(UsableOffsetIndex(OffsetIndex{}, 40, chunk));                 // no page
  EXPECT_FALSE(UsableOffsetIndex(Offsets({1, 10}), 40, chunk));              // not from row 0
  EXPECT_FALSE(UsableOffsetIndex(Offsets({0, 10, 10}), 40, chunk));          // not ascending
  EXPECT_FALSE(UsableOffsetIndex(Offsets({0, 10, 40}), 40, chunk));          // row past the group
  EXPECT_FALSE(UsableOffsetIndex(Offsets({0, 10, 20, 30, 35}), 40, chunk));  // page past the chunk
  OffsetIndex overlapping = Offsets({0, 10});
  overlapping.page_locations[1].offset = 1050;
  EXPECT_FALSE(UsableOffsetIndex(overlapping, 40, chunk));
  OffsetIndex before = Offsets({0, 10});
  before.page_locations[0].offset = 800;
  EXPECT_FALSE(UsableOffsetIndex(before, 40, chunk));
}

TEST(PageIndexTest, PageRowSpansEndAtTheNextPageOrTheRowGroup) {
  const OffsetIndex index = Offsets({0, 10, 25});
  EXPECT_EQ(PageRowSpan(index, 0, 40), (RowSpan{0, 10}));
  EXPECT_EQ(PageRowSpan(index, 1, 40), (RowSpan{10, 25}));
  EXPECT_EQ(PageRowSpan(index, 2, 40), (RowSpan{25, 40}));
}

TEST(PageIndexTest, ColumnKeepsThePagesThePredicateMayMatch) {
  const FileSchema schema = TwoColumns();
  auto scratch = UnknownStatistics(schema);
  const Int64Between predicate("x", 15, 32);
  auto rows = RowsAllowedByColumn(predicate, &scratch, schema.leaves[0], true,
                                  Bounds({{0, 9}, {10, 19}, {20, 29}, {30, 39}, {40, 49}}),
                                  Offsets({0, 10, 20, 30, 40}), 50);
  ASSERT_TRUE(rows.has_value());
  EXPECT_EQ(*rows, (RowSelection{{10, 40}}));
  // The scratch vector is left unknown for the next column.
  EXPECT_TRUE(std::holds_alternative<std::monostate>(scratch[0].min));
  EXPECT_FALSE(scratch[0].null_count.has_value());
}

TEST(PageIndexTest, OtherColumnsAreUnknownSoEveryPageMayMatch) {
  const FileSchema schema = TwoColumns();
  const Int64Between predicate("x", 15, 32);
  auto rows = Allowed(predicate, schema.leaves[1], true, Bounds({{100, 109}, {200, 209}}),
                      Offsets({0, 10}), 20);
  ASSERT_TRUE(rows.has_value());
  EXPECT_EQ(*rows, (RowSelection{{0, 20}}));
}

TEST(PageIndexTest, NullPagesPassOnlyTheirNullCount) {
  const FileSchema schema = TwoColumns();
  const Int64Between predicate("x", 0, 1000);
  ColumnIndex index = Bounds({{0, 9}, {0, 0}, {0, 0}});
  index.null_pages[1] = index.null_pages[2] = true;
  index.min_values[1] = index.max_values[1] = "";  // what writers store for a null page
  index.null_counts[1] = 10;                       // every row of page 1 is NULL
  index.null_counts[2] = 3;                        // inconsistent: not all of page 2's rows
  auto rows = Allowed(predicate, schema.leaves[0], true, index, Offsets({0, 10, 20}), 30);
  ASSERT_TRUE(rows.has_value());
  EXPECT_EQ(*rows, (RowSelection{{0, 10}, {20, 30}}));
  // Without null counts a null page is unknown: kept.
  index.null_counts.clear();
  rows = Allowed(predicate, schema.leaves[0], true, index, Offsets({0, 10, 20}), 30);
  ASSERT_TRUE(rows.has_value());
  EXPECT_EQ(*rows, (RowSelection{{0, 30}}));
}

TEST(PageIndexTest, UndecodableOrUnorderedBoundsKeepThePage) {
  const FileSchema schema = TwoColumns();
  const Int64Between predicate("x", 100, 200);
  ColumnIndex index = Bounds({{0, 9}, {10, 19}});
  index.min_values[1] = "abc";  // not 8 bytes: unknown
  auto rows = Allowed(predicate, schema.leaves[0], true, index, Offsets({0, 10}), 20);
  ASSERT_TRUE(rows.has_value());
  EXPECT_EQ(*rows, (RowSelection{{10, 20}}));
  // Without TYPE_ORDER, signed INT64 bounds are still in value order.
  rows = Allowed(predicate, schema.leaves[0], false, Bounds({{0, 9}}), Offsets({0}), 10);
  ASSERT_TRUE(rows.has_value());
  EXPECT_TRUE(rows->empty());
  // An unsigned leaf without TYPE_ORDER has no usable bounds.
  LeafColumn unsigned_leaf = schema.leaves[0];
  unsigned_leaf.type = columnar::UInt64();
  rows = Allowed(predicate, unsigned_leaf, false, Bounds({{0, 9}}), Offsets({0}), 10);
  ASSERT_TRUE(rows.has_value());
  EXPECT_EQ(*rows, (RowSelection{{0, 10}}));
}

TEST(PageIndexTest, InconsistentIndexOrRepeatedLeafIsNotJudged) {
  const FileSchema schema = TwoColumns();
  const Int64Between predicate("x", 100, 200);
  EXPECT_FALSE(Allowed(predicate, schema.leaves[0], true, Bounds({{0, 9}}), Offsets({0, 10}), 20)
                   .has_value());
  ColumnIndex short_counts = Bounds({{0, 9}, {10, 19}});
  short_counts.null_counts.pop_back();
  EXPECT_FALSE(
      Allowed(predicate, schema.leaves[0], true, short_counts, Offsets({0, 10}), 20).has_value());
  LeafColumn repeated = schema.leaves[0];
  repeated.max_rep_level = 1;
  EXPECT_FALSE(Allowed(predicate, repeated, true, Bounds({{0, 9}}), Offsets({0}), 10).has_value());
}

// Keeps what may match both parts.
class Both : public columnar::RowGroupPredicate {
 public:
  Both(Int64Between a, Int64Between b) : a_(std::move(a)), b_(std::move(b)) {}
  bool MayMatch(const std::vector<ColumnStatistics>& stats, int64_t num_rows) const override {
    return a_.MayMatch(stats, num_rows) && b_.MayMatch(stats, num_rows);
  }

 private:
  Int64Between a_, b_;
};

TEST(PageIndexTest, SelectionIsTheIntersectionOverJudgedColumns) {
  const FileSchema schema = TwoColumns();
  FileMetaData metadata;
  metadata.column_orders_type_defined = {true, true};
  std::vector<ChunkPageIndex> indexes(2);
  // x: pages of 10 rows holding 0..9, 10..19, ...; y: pages of 25 rows, y = 1000 - row.
  indexes[0] = {Bounds({{0, 9}, {10, 19}, {20, 29}, {30, 39}, {40, 49}}),
                Offsets({0, 10, 20, 30, 40})};
  indexes[1] = {Bounds({{976, 1000}, {951, 975}}), Offsets({0, 25})};
  const Both predicate(Int64Between("x", 12, 45), Int64Between("y", 0, 970));
  auto rows = SelectRowsByPageIndex(predicate, metadata, schema, indexes, 50);
  ASSERT_TRUE(rows.has_value());
  EXPECT_EQ(*rows, (RowSelection{{25, 50}}));  // x allows [10, 50), y allows [25, 50)
  // A column without a ColumnIndex is not judged; with none judged there is no selection.
  indexes[1].column.reset();
  rows = SelectRowsByPageIndex(predicate, metadata, schema, indexes, 50);
  ASSERT_TRUE(rows.has_value());
  EXPECT_EQ(*rows, (RowSelection{{10, 50}}));
  indexes[0].offset.reset();
  EXPECT_FALSE(SelectRowsByPageIndex(predicate, metadata, schema, indexes, 50).has_value());
}

TEST(PageIndexTest, PagesOverlappingASelection) {
  const OffsetIndex index = Offsets({0, 10, 20, 30, 40});
  PagePick pick = PagesOverlapping(index, {{12, 14}, {18, 22}, {45, 50}}, 50);
  EXPECT_EQ(pick.pages, (std::vector<size_t>{1, 2, 4}));
  EXPECT_EQ(pick.rows, (RowSelection{{10, 30}, {40, 50}}));
  pick = PagesOverlapping(index, {{0, 50}}, 50);
  EXPECT_EQ(pick.pages.size(), 5u);
  pick = PagesOverlapping(index, {{10, 20}}, 50);  // page 1 exactly, not its neighbours
  EXPECT_EQ(pick.pages, (std::vector<size_t>{1}));
  pick = PagesOverlapping(index, {}, 50);
  EXPECT_TRUE(pick.pages.empty());
  EXPECT_TRUE(pick.rows.empty());
}

}  // namespace
}  // namespace s3c::formats::parquet
