// Runs one WriteLane on a thread of its own (a one-thread Executor) (private to the write module):
// partition groups queued by the writer's thread are written in arrival order. The queue holds at
// most `max_queued_bytes` of rows (always at least one group), so the writer's thread waits when
// the lane falls behind. The lane's first error stops it: later groups are dropped, and error()
// reports it. Destroying the worker stops it (queued groups dropped) and joins its thread; the
// lane is left for its owner to finish or abort.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <utility>
#include <vector>

#include "s3c/common/executor.h"
#include "write/write_lane.h"

namespace s3c::write_internal {

class LaneWorker {
 public:
  LaneWorker(WriteLane& lane, uint64_t max_queued_bytes);
  ~LaneWorker();
  LaneWorker(const LaneWorker&) = delete;
  LaneWorker& operator=(const LaneWorker&) = delete;

  // Queues `g` (waits for room); dropped once the lane has failed.
  void Push(PartitionGroup g);
  // The lane's first error, OK while none.
  Status error() const;
  // Once every queued group is written, the worker's thread finishes the lane (closes its
  // files); WaitFinished() returns that result. Lanes finish side by side.
  void RequestFinish();
  Result<std::vector<PublishedFile>> WaitFinished();

 private:
  void Run();

  WriteLane& lane_;
  const uint64_t max_queued_bytes_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::deque<std::pair<PartitionGroup, uint64_t>> queue_;  // groups and their bytes
  uint64_t queued_bytes_ = 0;
  bool finish_ = false;
  bool stop_ = false;
  Status error_;
  std::optional<Result<std::vector<PublishedFile>>> finished_;
  Executor thread_{1};  // runs Run(); declared last: destroyed (joined) first
};

}  // namespace s3c::write_internal
