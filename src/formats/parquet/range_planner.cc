#include "formats/parquet/range_planner.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <limits>
#include <numeric>

#include "s3c/common/executor.h"

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

std::string_view FetchedRanges::Read(size_t r) const {
  if (buffers_[r].empty() && held_.Holds(plan_.reads[r])) return held_.View(plan_.reads[r]);
  return buffers_[r];
}

std::string_view FetchedRanges::View(size_t i) const {
  const RangePlan::Slot& slot = plan_.slots[i];
  if (slot.read == kNoRead) return {};
  return Read(slot.read).substr(slot.offset_in_read, ranges_[i].length);
}

uint64_t FetchedRanges::bytes_fetched() const {
  uint64_t total = 0;
  for (size_t r = 0; r < buffers_.size(); ++r) total += Read(r).size();
  return total;
}

namespace {

// Reads and bytes of one FetchRanges call, counted from whichever thread finished a read.
struct ReadTally {
  std::atomic<int64_t> reads{0};
  std::atomic<int64_t> bytes{0};
};

// Counts one finished read of `r` and checks it: its error, or DataLoss when the file ended
// inside it.
Status CheckRead(const Result<size_t>& got, const ByteRange& r, std::string_view object_name,
                 ReadTally* tally) {
  tally->reads.fetch_add(1);
  if (!got.ok()) return got.status();
  tally->bytes.fetch_add(static_cast<int64_t>(*got));
  if (*got != r.length) {
    return DataLossError(fmt::format(
        "{}: the file ends inside bytes [{}, {}) that the metadata places a column chunk in "
        "(got {} bytes)",
        object_name, r.offset, r.end(), *got));
  }
  return Status::OK();
}

// Keeps up to `window` reads in flight from this thread (asynchronous files; a synchronous file
// reads one after another here). After the first failure no read starts; the ones in flight are
// drained before returning, since they write into `buffers`.
Status FetchInFlight(RandomAccessFile& file, const RangePlan& plan,
                     const std::vector<size_t>& which, std::vector<std::string>& buffers,
                     size_t window, std::string_view object_name, ReadTally* tally) {
  CompletionQueue<Result<size_t>> finished;
  Status first_error;
  size_t next = 0;
  while (true) {
    while (first_error.ok() && next < which.size() && finished.Outstanding() < window) {
      const size_t i = which[next++];
      const ByteRange& r = plan.reads[i];
      file.ReadAtAsync(r.offset, r.length, buffers[i].data(), finished.Completer(i));
    }
    if (finished.Outstanding() == 0) return first_error;
    auto [i, got] = finished.Next();
    Status st = CheckRead(got, plan.reads[i], object_name, tally);
    if (!st.ok() && first_error.ok()) first_error = std::move(st);
  }
}

// Synchronous files: up to `window` blocking ReadAt calls at once, on the CPU pool and this
// thread (local files complete from the page cache or the disk; the pool is sized to the cores).
Status FetchOnPool(RandomAccessFile& file, const RangePlan& plan, const std::vector<size_t>& which,
                   std::vector<std::string>& buffers, size_t window, std::string_view object_name,
                   ReadTally* tally) {
  TaskGroup group(Executor::Shared(), static_cast<int>(window - 1));
  for (size_t i : which) {
    group.Submit([&, i] {
      const ByteRange& r = plan.reads[i];
      return CheckRead(file.ReadAt(r.offset, r.length, buffers[i].data()), r, object_name, tally);
    });
  }
  return group.Wait();
}

}  // namespace

Result<FetchedRanges> FetchRanges(RandomAccessFile& file, const std::vector<ByteRange>& ranges,
                                  uint64_t merge_gap, uint64_t max_range_bytes, int max_in_flight,
                                  std::string_view object_name, FetchCounters* counters,
                                  const HeldBytes& held) {
  RangePlan plan = PlanRanges(ranges, merge_gap, max_range_bytes);
  // Sized here, on the calling thread, whichever thread then reads into them; a read `held`
  // holds keeps an empty buffer and is viewed there.
  std::vector<std::string> buffers(plan.reads.size());
  std::vector<size_t> remote;  // the reads `held` does not hold
  for (size_t i = 0; i < buffers.size(); ++i) {
    if (held.Holds(plan.reads[i])) continue;
    buffers[i].resize(plan.reads[i].length);
    remote.push_back(i);
  }
  const size_t window = std::min(remote.size(), static_cast<size_t>(std::max(1, max_in_flight)));
  ReadTally tally;
  const Status status = window > 1 && !file.ReadsAsynchronously()
                            ? FetchOnPool(file, plan, remote, buffers, window, object_name, &tally)
                            : FetchInFlight(file, plan, remote, buffers,
                                            std::max<size_t>(window, 1), object_name, &tally);
  if (counters != nullptr) {
    counters->reads += tally.reads.load();
    counters->bytes += tally.bytes.load();
  }
  if (!status.ok()) return status;
  HeldBytes used = remote.size() < plan.reads.size() ? held : HeldBytes{};
  return FetchedRanges(std::move(plan), std::move(buffers), ranges, std::move(used));
}

}  // namespace s3c::formats::parquet
