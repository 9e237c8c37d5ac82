#include "formats/parquet/range_planner.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstring>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace s3c::formats::parquet {
namespace {

using Reads = std::vector<ByteRange>;

TEST(RangePlannerTest, EmptyInputPlansNoRead) {
  RangePlan plan = PlanRanges({}, 100, 1000);
  EXPECT_TRUE(plan.reads.empty());
  EXPECT_TRUE(plan.slots.empty());
}

TEST(RangePlannerTest, EmptyRangesNeedNoRead) {
  RangePlan plan = PlanRanges({{50, 0}, {10, 5}}, 0, 1000);
  EXPECT_EQ(plan.reads, (Reads{{10, 5}}));
  EXPECT_EQ(plan.slots[1].read, 0u);
}

TEST(RangePlannerTest, MergesWhenGapAtMostMergeGap) {
  // Gap 10 between the first two (merged at merge_gap 10), gap 11 before the third (not).
  RangePlan plan = PlanRanges({{0, 100}, {110, 50}, {171, 9}}, 10, 1 << 20);
  EXPECT_EQ(plan.reads, (Reads{{0, 160}, {171, 9}}));
  EXPECT_EQ(plan.slots[0].read, 0u);
  EXPECT_EQ(plan.slots[0].offset_in_read, 0u);
  EXPECT_EQ(plan.slots[1].read, 0u);
  EXPECT_EQ(plan.slots[1].offset_in_read, 110u);
  EXPECT_EQ(plan.slots[2].read, 1u);
  EXPECT_EQ(plan.slots[2].offset_in_read, 0u);
}

TEST(RangePlannerTest, AdjacentRangesMergeWithZeroGap) {
  RangePlan plan = PlanRanges({{0, 10}, {10, 10}, {20, 10}}, 0, 1 << 20);
  EXPECT_EQ(plan.reads, (Reads{{0, 30}}));
}

TEST(RangePlannerTest, NeverMergesBeyondMaxRangeBytes) {
  // Three 40-byte chunks 10 apart: a cap of 90 holds two of them (0..90), not three.
  RangePlan plan = PlanRanges({{0, 40}, {50, 40}, {100, 40}}, 100, 90);
  EXPECT_EQ(plan.reads, (Reads{{0, 90}, {100, 40}}));
  // Cap exactly at 140 merges all three.
  EXPECT_EQ(PlanRanges({{0, 40}, {50, 40}, {100, 40}}, 100, 140).reads, (Reads{{0, 140}}));
}

TEST(RangePlannerTest, OversizedRangeIsReadAloneAndWhole) {
  RangePlan plan = PlanRanges({{0, 10}, {10, 500}, {510, 10}}, 100, 100);
  EXPECT_EQ(plan.reads, (Reads{{0, 10}, {10, 500}, {510, 10}}));
}

TEST(RangePlannerTest, UnorderedInputGivesAscendingReadsAndRightSlots) {
  RangePlan plan = PlanRanges({{1000, 10}, {0, 10}, {500, 10}}, 0, 1 << 20);
  EXPECT_EQ(plan.reads, (Reads{{0, 10}, {500, 10}, {1000, 10}}));
  EXPECT_EQ(plan.slots[0].read, 2u);
  EXPECT_EQ(plan.slots[1].read, 0u);
  EXPECT_EQ(plan.slots[2].read, 1u);
}

TEST(RangePlannerTest, OverlappingRangesShareARead) {
  RangePlan plan = PlanRanges({{0, 100}, {50, 100}}, 0, 1 << 20);
  EXPECT_EQ(plan.reads, (Reads{{0, 150}}));
  EXPECT_EQ(plan.slots[1].offset_in_read, 50u);
}

// A file whose byte i is i % 251, counting reads and the most concurrent ones.
class PatternFile : public RandomAccessFile {
 public:
  explicit PatternFile(uint64_t size) : size_(size) {}
  Result<uint64_t> Size() override { return size_; }
  Result<size_t> ReadAt(uint64_t offset, size_t n, void* out) override {
    const int now = ++active_;
    {
      std::lock_guard<std::mutex> lock(mu_);
      max_active_ = std::max(max_active_, now);
      offsets_.push_back(offset);
    }
    size_t got = offset >= size_ ? 0 : std::min<uint64_t>(n, size_ - offset);
    auto* p = static_cast<char*>(out);
    for (size_t i = 0; i < got; ++i) p[i] = static_cast<char>((offset + i) % 251);
    --active_;
    if (fail_at_ && offset == *fail_at_) return AbortedError("object replaced");
    return got;
  }
  std::optional<uint64_t> fail_at_;
  std::vector<uint64_t> offsets_;
  int max_active_ = 0;

 private:
  uint64_t size_;
  std::atomic<int> active_{0};
  std::mutex mu_;
};

std::string Pattern(uint64_t offset, uint64_t n) {
  std::string s(n, '\0');
  for (uint64_t i = 0; i < n; ++i) s[i] = static_cast<char>((offset + i) % 251);
  return s;
}

TEST(RangeFetchTest, ViewsHoldTheRequestedBytes) {
  PatternFile file(10000);
  std::vector<ByteRange> ranges = {{9000, 100}, {100, 50}, {160, 40}, {5000, 0}};
  FetchCounters counters;
  auto fetched = FetchRanges(file, ranges, 16, 1 << 20, 4, "obj", &counters);
  ASSERT_TRUE(fetched.ok()) << fetched.status().ToString();
  EXPECT_EQ(counters.reads, 2);  // [100, 200) merged, [9000, 9100)
  EXPECT_EQ(counters.bytes, 200);
  EXPECT_EQ(fetched->bytes_fetched(), 200u);
  for (size_t i = 0; i < ranges.size(); ++i) {
    EXPECT_EQ(fetched->View(i), Pattern(ranges[i].offset, ranges[i].length)) << i;
  }
}

TEST(RangeFetchTest, ConcurrencyIsBoundedByMaxInFlight) {
  PatternFile file(1 << 20);
  std::vector<ByteRange> ranges;
  for (uint64_t i = 0; i < 40; ++i) ranges.push_back({i * 20000, 1000});
  FetchCounters counters;
  auto fetched = FetchRanges(file, ranges, 0, 1 << 20, 3, "obj", &counters);
  ASSERT_TRUE(fetched.ok());
  EXPECT_EQ(counters.reads, 40);
  EXPECT_LE(file.max_active_, 3);
  EXPECT_EQ(fetched->View(39), Pattern(39 * 20000, 1000));
}

TEST(RangeFetchTest, ShortReadIsDataLossNamingTheObject) {
  PatternFile file(1000);
  FetchCounters counters;
  auto fetched = FetchRanges(file, {{900, 200}}, 0, 1 << 20, 2, "s3://b/k.parquet", &counters);
  ASSERT_FALSE(fetched.ok());
  EXPECT_EQ(fetched.status().code(), StatusCode::kDataLoss);
  EXPECT_NE(fetched.status().message().find("s3://b/k.parquet"), std::string::npos);
  EXPECT_EQ(counters.reads, 1);
  EXPECT_EQ(counters.bytes, 100);
}

TEST(RangeFetchTest, ReadErrorIsReturnedAsIs) {
  PatternFile file(100000);
  file.fail_at_ = 50000;
  FetchCounters counters;
  auto fetched =
      FetchRanges(file, {{0, 10}, {50000, 10}, {90000, 10}}, 0, 1 << 20, 1, "obj", &counters);
  ASSERT_FALSE(fetched.ok());
  EXPECT_EQ(fetched.status().code(), StatusCode::kAborted);
  // One at a time, in offset order: the read after the failing one is not sent.
  EXPECT_EQ(file.offsets_, (std::vector<uint64_t>{0, 50000}));
}

// A file that reads asynchronously: ReadAtAsync only queues the read; a "transport" thread
// completes the queued reads, newest first, once `batch` of them are queued (or the caller has
// started every read it will start). Records what the fetch did.
class AsyncPatternFile : public RandomAccessFile {
 public:
  AsyncPatternFile(uint64_t size, size_t batch, size_t total)
      : size_(size), batch_(batch), total_(total) {
    transport_ = std::thread([this] { Complete(); });
  }
  ~AsyncPatternFile() override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      stop_ = true;
    }
    cv_.notify_all();
    transport_.join();
  }
  Result<uint64_t> Size() override { return size_; }
  Result<size_t> ReadAt(uint64_t, size_t, void*) override {
    return InternalError("the fetch must use ReadAtAsync on an asynchronous file");
  }
  bool ReadsAsynchronously() const override { return true; }
  void ReadAtAsync(uint64_t offset, size_t n, void* out,
                   std::function<void(Result<size_t>)> done) override {
    std::lock_guard<std::mutex> lock(mu_);
    if (std::this_thread::get_id() != caller_) other_thread_starts_++;
    queued_.push_back(Read{offset, n, out, std::move(done)});
    ++started_;
    most_in_flight_ = std::max(most_in_flight_, queued_.size());
    cv_.notify_all();
  }
  std::optional<uint64_t> fail_at_;
  std::thread::id caller_ = std::this_thread::get_id();
  size_t started_ = 0, most_in_flight_ = 0, other_thread_starts_ = 0;  // guarded by mu_
  std::mutex mu_;

 private:
  struct Read {
    uint64_t offset;
    size_t n;
    void* out;
    std::function<void(Result<size_t>)> done;
  };
  void Complete() {
    std::unique_lock<std::mutex> lock(mu_);
    while (true) {
      cv_.wait(lock, [&] {
        return stop_ || queued_.size() >= batch_ || (!queued_.empty() && started_ == total_);
      });
      if (stop_) return;
      std::vector<Read> now(queued_.rbegin(), queued_.rend());
      queued_.clear();
      lock.unlock();
      for (Read& r : now) {
        const size_t got = std::min<uint64_t>(r.n, size_ - r.offset);
        auto* p = static_cast<char*>(r.out);
        for (size_t i = 0; i < got; ++i) p[i] = static_cast<char>((r.offset + i) % 251);
        if (fail_at_ && r.offset == *fail_at_) {
          r.done(AbortedError("object replaced"));
        } else {
          r.done(got);
        }
      }
      lock.lock();
    }
  }
  uint64_t size_;
  size_t batch_, total_;
  std::condition_variable cv_;
  std::vector<Read> queued_;
  bool stop_ = false;
  std::thread transport_;
};

TEST(RangeFetchTest, AsynchronousReadsAreInFlightTogetherFromTheCallingThread) {
  std::vector<ByteRange> ranges;
  for (uint64_t i = 0; i < 40; ++i) ranges.push_back({i * 20000, 1000});
  // The transport completes nothing until 3 reads are queued: the fetch only gets there by
  // starting 3 reads without waiting for one.
  AsyncPatternFile file(1 << 20, 3, ranges.size());
  FetchCounters counters;
  auto fetched = FetchRanges(file, ranges, 0, 1 << 20, 3, "obj", &counters);
  ASSERT_TRUE(fetched.ok()) << fetched.status().ToString();
  EXPECT_EQ(counters.reads, 40);
  EXPECT_EQ(counters.bytes, 40000);
  for (size_t i = 0; i < ranges.size(); ++i) {
    EXPECT_EQ(fetched->View(i), Pattern(ranges[i].offset, ranges[i].length)) << i;
  }
  std::lock_guard<std::mutex> lock(file.mu_);
  EXPECT_EQ(file.most_in_flight_, 3u);
  EXPECT_EQ(file.other_thread_starts_, 0u);
}

TEST(RangeFetchTest, AsynchronousFailureStopsNewReadsAndDrainsTheOthers) {
  std::vector<ByteRange> ranges;
  for (uint64_t i = 0; i < 10; ++i) ranges.push_back({i * 20000, 1000});
  AsyncPatternFile file(1 << 20, 2, ranges.size());
  file.fail_at_ = 20000;  // the second read; completed first of its batch of two
  FetchCounters counters;
  auto fetched = FetchRanges(file, ranges, 0, 1 << 20, 2, "obj", &counters);
  ASSERT_FALSE(fetched.ok());
  EXPECT_EQ(fetched.status().code(), StatusCode::kAborted);
  std::lock_guard<std::mutex> lock(file.mu_);
  EXPECT_EQ(file.started_, 2u);  // nothing started after the failure
  EXPECT_EQ(counters.reads, 2);  // and the other read in flight was waited for
}

}  // namespace
}  // namespace s3c::formats::parquet
