#include "s3c/columnar/statistics.h"

#include <gtest/gtest.h>

#include <memory>

namespace s3c::columnar {
namespace {

// A predicate of the kind a filter module would write: "column `name` may hold a value >= at".
class MaxAtLeast final : public RowGroupPredicate {
 public:
  MaxAtLeast(std::string name, int64_t at) : name_(std::move(name)), at_(at) {}
  bool MayMatch(const std::vector<ColumnStatistics>& stats, int64_t num_rows) const override {
    if (num_rows == 0) return false;
    for (const ColumnStatistics& s : stats) {
      if (s.path != std::vector<std::string>{name_}) continue;
      const auto* max = std::get_if<int64_t>(&s.max);
      return max == nullptr || *max >= at_;  // unknown bounds prove nothing
    }
    return true;
  }

 private:
  std::string name_;
  int64_t at_;
};

TEST(ColumnStatistics, DefaultsKnowNothing) {
  ColumnStatistics s;
  EXPECT_TRUE(std::holds_alternative<std::monostate>(s.min));
  EXPECT_TRUE(std::holds_alternative<std::monostate>(s.max));
  EXPECT_FALSE(s.null_count.has_value());
  EXPECT_EQ(s.num_values, 0);
}

TEST(RowGroupPredicate, DecidesFromBoundsAndTreatsUnknownAsMaybe) {
  std::shared_ptr<const RowGroupPredicate> p = std::make_shared<MaxAtLeast>("id", 10);
  ColumnStatistics id;
  id.path = {"id"};
  id.type = Int64();
  id.min = int64_t{1};
  id.max = int64_t{9};
  id.num_values = 9;
  EXPECT_FALSE(p->MayMatch({id}, 9));
  id.max = int64_t{10};
  EXPECT_TRUE(p->MayMatch({id}, 9));
  id.max = StatValue{};
  EXPECT_TRUE(p->MayMatch({id}, 9));
  EXPECT_FALSE(p->MayMatch({id}, 0));
}

}  // namespace
}  // namespace s3c::columnar
