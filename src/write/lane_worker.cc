// LaneWorker (write/lane_worker.h).
#include "write/lane_worker.h"

#include "s3c/columnar/record_batch.h"

namespace s3c::write_internal {

LaneWorker::LaneWorker(WriteLane& lane, uint64_t max_queued_bytes)
    : lane_(lane), max_queued_bytes_(max_queued_bytes) {
  thread_.Submit([this] { Run(); });
}

LaneWorker::~LaneWorker() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
    queue_.clear();
  }
  cv_.notify_all();
  // thread_ (destroyed first of the members) joins Run(), which returns on stop_.
}

void LaneWorker::Push(PartitionGroup g) {
  const uint64_t bytes = columnar::BufferBytes(*g.rows);
  {
    std::unique_lock<std::mutex> lock(mu_);
    cv_.wait(lock, [&] {
      return !error_.ok() || queue_.empty() || queued_bytes_ + bytes <= max_queued_bytes_;
    });
    if (!error_.ok()) return;
    queue_.emplace_back(std::move(g), bytes);
    queued_bytes_ += bytes;
  }
  cv_.notify_all();
}

Status LaneWorker::error() const {
  std::lock_guard<std::mutex> lock(mu_);
  return error_;
}

void LaneWorker::RequestFinish() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    finish_ = true;
  }
  cv_.notify_all();
}

Result<std::vector<PublishedFile>> LaneWorker::WaitFinished() {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] { return finished_.has_value(); });
  return std::move(*finished_);
}

void LaneWorker::Run() {
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    cv_.wait(lock, [&] { return stop_ || finish_ || !queue_.empty(); });
    if (stop_) return;
    if (queue_.empty()) {  // finish_ requested and everything written
      Status failed = error_;
      lock.unlock();
      Result<std::vector<PublishedFile>> result =
          failed.ok() ? lane_.Finish() : Result<std::vector<PublishedFile>>(failed);
      lock.lock();
      finished_ = std::move(result);
      cv_.notify_all();
      return;
    }
    auto [group, bytes] = std::move(queue_.front());
    queue_.pop_front();
    const bool write = error_.ok();
    lock.unlock();
    Status st = write ? lane_.WriteGroup(group) : Status::OK();
    group = PartitionGroup();  // the rows go before the lock is taken again
    lock.lock();
    queued_bytes_ -= bytes;
    if (!st.ok() && error_.ok()) {
      error_ = std::move(st);
      queued_bytes_ = 0;
      queue_.clear();
    }
    cv_.notify_all();
  }
}

}  // namespace s3c::write_internal
