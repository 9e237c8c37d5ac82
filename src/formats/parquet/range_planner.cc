#include "formats/parquet/range_planner.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <limits>
#include <mutex>
#include <numeric>
#include <thread>

namespace s3c::formats::parquet {
namespace {

constexpr size_t kNoRead = std::numeric_limits<size_t>::max();

}  // namespace

RangePlan PlanRanges(const std::vector<ByteRange>& ranges, uint64_t merge_gap,
                     uint64_t max_range_bytes) {
  RangePlan plan;
  plan.slots.assign(ranges.size(), RangePlan::Slot{kNoRead, 0});
  std::vector<size_t> order(ranges.size());
  std::iota(order.begin(), order.end(), size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return ranges[a].offset < ranges[b].offset; });
  for (size_t i : order) {
    const ByteRange& r = ranges[i];
    if (r.length == 0) continue;
    if (!plan.reads.empty()) {
      ByteRange& cur = plan.reads.back();
      const uint64_t gap = r.offset > cur.end() ? r.offset - cur.end() : 0;
      const uint64_t merged_end = std::max(cur.end(), r.end());
      if (gap <= merge_gap && merged_end - cur.offset <= max_range_bytes) {
        cur.length = merged_end - cur.offset;
        plan.slots[i] = {plan.reads.size() - 1, r.offset - cur.offset};
        continue;
      }
    }
    plan.reads.push_back(r);
    plan.slots[i] = {plan.reads.size() - 1, 0};
  }
  return plan;
}

std::string_view FetchedRanges::View(size_t i) const {
  const RangePlan::Slot& slot = plan_.slots[i];
  if (slot.read == kNoRead) return {};
  return std::string_view(buffers_[slot.read]).substr(slot.offset_in_read, ranges_[i].length);
}

uint64_t FetchedRanges::bytes_fetched() const {
  uint64_t total = 0;
  for (const auto& b : buffers_) total += b.size();
  return total;
}

Result<FetchedRanges> FetchRanges(RandomAccessFile& file, const std::vector<ByteRange>& ranges,
                                  uint64_t merge_gap, uint64_t max_range_bytes, int max_in_flight,
                                  std::string_view object_name, FetchCounters* counters) {
  RangePlan plan = PlanRanges(ranges, merge_gap, max_range_bytes);
  const size_t n = plan.reads.size();
  std::vector<std::string> buffers(n);
  std::atomic<size_t> next{0};
  std::atomic<bool> failed{false};
  std::atomic<int64_t> reads{0};
  std::atomic<int64_t> bytes{0};
  std::mutex mu;
  Status first_error;

  auto worker = [&] {
    for (size_t i = next++; i < n && !failed.load(); i = next++) {
      const ByteRange& r = plan.reads[i];
      std::string& buf = buffers[i];
      buf.resize(r.length);
      auto got = file.ReadAt(r.offset, r.length, buf.data());
      reads.fetch_add(1);
      Status st;
      if (!got.ok()) {
        st = got.status();
      } else {
        bytes.fetch_add(static_cast<int64_t>(*got));
        if (*got != r.length) {
          st = DataLossError(fmt::format(
              "{}: the file ends inside bytes [{}, {}) that the metadata places a column chunk in "
              "(got {} bytes)",
              object_name, r.offset, r.end(), *got));
        }
      }
      if (!st.ok()) {
        std::lock_guard<std::mutex> lock(mu);
        if (first_error.ok()) first_error = st;
        failed.store(true);
        return;
      }
    }
  };

  const size_t threads = std::min(n, static_cast<size_t>(std::max(1, max_in_flight)));
  if (threads <= 1) {
    worker();
  } else {
    std::vector<std::thread> pool;
    pool.reserve(threads - 1);
    for (size_t t = 1; t < threads; ++t) pool.emplace_back(worker);
    worker();
    for (auto& th : pool) th.join();
  }
  if (counters != nullptr) {
    counters->reads += reads.load();
    counters->bytes += bytes.load();
  }
  if (!first_error.ok()) return first_error;
  return FetchedRanges(std::move(plan), std::move(buffers), ranges);
}

}  // namespace s3c::formats::parquet
