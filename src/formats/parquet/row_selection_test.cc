#include "formats/parquet/row_selection.h"

#include <gtest/gtest.h>

#include "s3c/columnar/array_primitive.h"
#include "s3c/columnar/builder_primitive.h"

namespace s3c::formats::parquet {
namespace {

using columnar::Int64Array;
using columnar::Int64Builder;

TEST(RowSelectionTest, NormalizeSortsMergesTouchingAndDropsEmpty) {
  EXPECT_EQ(NormalizeSelection({{10, 20}, {0, 5}, {5, 7}, {8, 8}, {15, 30}, {40, 41}}),
            (RowSelection{{0, 7}, {10, 30}, {40, 41}}));
  EXPECT_EQ(NormalizeSelection({}), RowSelection{});
  EXPECT_EQ(NormalizeSelection({{3, 3}, {5, 4}}), RowSelection{});
}

TEST(RowSelectionTest, IntersectKeepsRowsInBoth) {
  const RowSelection a{{0, 10}, {20, 30}, {40, 50}};
  const RowSelection b{{5, 25}, {28, 45}};
  EXPECT_EQ(IntersectSelections(a, b), (RowSelection{{5, 10}, {20, 25}, {28, 30}, {40, 45}}));
  EXPECT_EQ(IntersectSelections(b, a), IntersectSelections(a, b));
  EXPECT_EQ(IntersectSelections(a, {}), RowSelection{});
  EXPECT_EQ(IntersectSelections({{0, 10}}, {{10, 20}}), RowSelection{});  // touching only
  EXPECT_EQ(IntersectSelections(a, {{0, 100}}), a);
  EXPECT_EQ(SelectedRows(a), 30);
}

// A brute-force check of Intersect against row-by-row membership.
TEST(RowSelectionTest, IntersectMatchesRowByRowMembership) {
  uint32_t seed = 12345;
  auto next = [&seed] {
    seed = seed * 1103515245u + 12345u;
    return static_cast<int64_t>((seed >> 16) % 60);
  };
  for (int round = 0; round < 200; ++round) {
    std::vector<RowSpan> x, y;
    for (int i = 0; i < 4; ++i) {
      const int64_t s = next(), t = next();
      x.push_back({std::min(s, t), std::max(s, t)});
      const int64_t u = next(), v = next();
      y.push_back({std::min(u, v), std::max(u, v)});
    }
    const RowSelection a = NormalizeSelection(x), b = NormalizeSelection(y);
    const RowSelection both = IntersectSelections(a, b);
    auto in = [](const RowSelection& s, int64_t row) {
      for (const RowSpan& r : s) {
        if (row >= r.begin && row < r.end) return true;
      }
      return false;
    };
    for (int64_t row = 0; row < 60; ++row) {
      EXPECT_EQ(in(both, row), in(a, row) && in(b, row)) << "round " << round << " row " << row;
    }
    EXPECT_EQ(NormalizeSelection(both), both);
  }
}

std::shared_ptr<columnar::Array> Values(int64_t from, int64_t to) {
  Int64Builder b;
  for (int64_t v = from; v < to; ++v) b.Append(v);
  return *b.Finish();
}

std::vector<int64_t> Flatten(const FieldPieces& pieces) {
  std::vector<int64_t> out;
  for (const auto& p : pieces) {
    const auto& a = static_cast<const Int64Array&>(*p);
    for (int64_t i = 0; i < a.length(); ++i) out.push_back(a.Value(i));
  }
  return out;
}

TEST(RowSelectionTest, SliceKeepsExactlyTheWantedRowsAcrossPieces) {
  // Held rows [10, 20) and [30, 40), values = row numbers, in pieces of 4, 9 and 7 rows.
  auto held_values = [] {
    std::vector<int64_t> v;
    for (int64_t r = 10; r < 20; ++r) v.push_back(r);
    for (int64_t r = 30; r < 40; ++r) v.push_back(r);
    return v;
  }();
  auto piece = [&](size_t from, size_t to) {
    Int64Builder b;
    for (size_t i = from; i < to; ++i) b.Append(held_values[i]);
    return *b.Finish();
  };
  const FieldPieces pieces{piece(0, 4), piece(4, 13), piece(13, 20)};
  const RowSelection held{{10, 20}, {30, 40}};
  auto sliced = SliceToSelection(pieces, held, {{12, 15}, {18, 20}, {30, 31}, {35, 40}});
  ASSERT_TRUE(sliced.ok()) << sliced.status().ToString();
  EXPECT_EQ(Flatten(*sliced), (std::vector<int64_t>{12, 13, 14, 18, 19, 30, 35, 36, 37, 38, 39}));
  auto all = SliceToSelection(pieces, held, held);
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(Flatten(*all), held_values);
  auto none = SliceToSelection(pieces, held, {});
  ASSERT_TRUE(none.ok());
  EXPECT_TRUE(none->empty());
}

TEST(RowSelectionTest, SliceRefusesRowsNotHeldAndMiscountedPieces) {
  const FieldPieces pieces{Values(0, 10)};
  EXPECT_FALSE(SliceToSelection(pieces, {{0, 10}}, {{5, 11}}).ok());
  EXPECT_FALSE(SliceToSelection(pieces, {{0, 4}, {6, 12}}, {{4, 5}}).ok());
  EXPECT_FALSE(SliceToSelection(pieces, {{0, 11}}, {{0, 1}}).ok());
}

}  // namespace
}  // namespace s3c::formats::parquet
