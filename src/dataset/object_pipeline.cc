// ObjectPipeline (object_pipeline.h).
#include "dataset/object_pipeline.h"

#include <algorithm>

namespace s3c::dataset {
namespace {

// Batches the head object may queue ahead of the consumer without reserving memory.
constexpr size_t kHeadQueueBatches = 4;

}  // namespace

ObjectPipelineOptions ResolvePipelineOptions(const ParallelReadOptions& p) {
  const int cores = Executor::Shared().size();
  ObjectPipelineOptions o;
  o.objects_in_flight = p.objects_in_flight > 0 ? p.objects_in_flight : std::max(4, 2 * cores);
  o.decode_threads = p.decode_threads > 0 ? p.decode_threads : cores;
  o.memory_bytes = p.memory_bytes > 0 ? p.memory_bytes : uint64_t{128} << 20;
  o.read_ahead_bytes = std::clamp<uint64_t>(o.memory_bytes / o.objects_in_flight / 2, 16 << 10,
                                            8 << 20);
  o.unordered = p.unordered;
  return o;
}

ObjectPipeline::ObjectPipeline(size_t objects, ObjectPipelineOptions options, OpenSource open,
                               ObjectConsumed consumed)
    : options_(options),
      open_(std::move(open)),
      consumed_(std::move(consumed)),
      budget_(options.memory_bytes),
      slots_(objects),
      pool_(std::max(1, std::min<int>(options.objects_in_flight, static_cast<int>(objects)))),
      tasks_(pool_) {
  // One task per object, started in object order as pool threads free up. The tasks report
  // their errors through their slots, never to the group (which would drop the rest).
  for (size_t i = 0; i < objects; ++i) {
    tasks_.Submit([this, i] {
      ReadObject(i);
      return Status::OK();
    });
  }
}

ObjectPipeline::~ObjectPipeline() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    stop_ = true;
  }
  cv_.notify_all();
  tasks_.Cancel();
  (void)tasks_.Wait();
}

bool ObjectPipeline::WaitForMemory(std::unique_lock<std::mutex>& lock, size_t index,
                                   uint64_t bytes, bool queue_cap, MemoryReservation* out) {
  while (true) {
    if (stop_) return false;
    // The head (first object not consumed) never waits on the budget, in either order: the
    // consumer takes its batches first, so the pipeline always makes progress.
    const bool head = index == head_;
    if (head) {
      if (!queue_cap || slots_[index].queue.size() < kHeadQueueBatches) return true;
    } else if (std::optional<MemoryReservation> r = budget_.TryAcquire(bytes)) {
      *out = std::move(*r);
      stats_.peak_memory_bytes = budget_.peak();
      return true;
    }
    cv_.wait(lock);
  }
}

void ObjectPipeline::EnterDecode() {
  std::unique_lock<std::mutex> lock(mu_);
  cv_.wait(lock, [&] { return decoding_ < options_.decode_threads; });
  ++decoding_;
  stats_.peak_decoding = std::max(stats_.peak_decoding, decoding_);
}

void ObjectPipeline::LeaveDecode() {
  {
    std::lock_guard<std::mutex> lock(mu_);
    --decoding_;
  }
  cv_.notify_all();
}

void ObjectPipeline::ReadObject(size_t index) {
  MemoryReservation read_ahead;
  {
    std::unique_lock<std::mutex> lock(mu_);
    started_end_ = std::max(started_end_, index + 1);
    const uint64_t working =
        options_.decode_working_bytes ? options_.decode_working_bytes(index) : 0;
    if (!WaitForMemory(lock, index, options_.read_ahead_bytes + working, /*queue_cap=*/false,
                       &read_ahead)) {
      return;
    }
    ++in_flight_;
    stats_.peak_objects_in_flight = std::max(stats_.peak_objects_in_flight, in_flight_);
  }
  // Opening waits on the network (a text object's first GET, a Parquet footer) and decodes
  // little: it takes no decode slot, so every object in flight can be waiting on its first
  // response at once (with the open in a slot, a read under 30 ms of latency waited that long
  // for each object in turn, decode_threads at a time).
  Result<std::unique_ptr<ObjectBatchSource>> opened = open_(index);
  Status status = opened.status();
  MemoryReservation working;
  if (opened.ok()) {
    // What the open revealed the source holds beyond what was reserved for it.
    const uint64_t more = (*opened)->working_bytes();
    if (more > read_ahead.bytes()) {
      std::unique_lock<std::mutex> lock(mu_);
      if (!WaitForMemory(lock, index, more - read_ahead.bytes(), /*queue_cap=*/false, &working)) {
        status = CancelledError("the read stopped");
      }
    }
  }
  if (opened.ok() && status.ok()) status = Pull(index, **opened);
  {
    std::lock_guard<std::mutex> lock(mu_);
    Slot& slot = slots_[index];
    slot.finished = true;
    slot.status = std::move(status);
    if (opened.ok()) slot.source = std::move(*opened);
    --in_flight_;
    read_ahead.Release();
    working.Release();
  }
  cv_.notify_all();
}

Status ObjectPipeline::Pull(size_t index, ObjectBatchSource& source) {
  while (true) {
    EnterDecode();
    Result<std::shared_ptr<columnar::RecordBatch>> batch = source.Next();
    LeaveDecode();
    if (!batch.ok()) return batch.status();
    if (*batch == nullptr) return Status::OK();
    if ((*batch)->num_rows() == 0) continue;
    MemoryReservation reservation;
    {
      std::unique_lock<std::mutex> lock(mu_);
      if (!WaitForMemory(lock, index, columnar::BufferBytes(**batch), /*queue_cap=*/true,
                         &reservation)) {
        return CancelledError("the read stopped");
      }
      slots_[index].queue.push_back({std::move(*batch), std::move(reservation)});
    }
    cv_.notify_all();
  }
}

Status ObjectPipeline::RetireFinishedLocked() {
  for (size_t i = head_; i < started_end_; ++i) {
    Slot& slot = slots_[i];
    if (slot.consumed) {
      if (i == head_) ++head_;
      continue;
    }
    const bool due = options_.unordered || i == head_;
    if (!due) break;
    if (slot.finished && !slot.status.ok() && (options_.unordered || slot.queue.empty())) {
      return slot.status;
    }
    if (slot.finished && slot.queue.empty()) {
      consumed_(i, slot.source.get());
      slot.source.reset();
      slot.consumed = true;
      ++consumed_count_;
      if (!slot.reached) ++reached_count_;
      slot.reached = true;
      if (i == head_) ++head_;
      continue;
    }
    if (!options_.unordered) break;  // the head has batches to hand out, or is still reading
  }
  return Status::OK();
}

Result<std::shared_ptr<columnar::RecordBatch>> ObjectPipeline::Next() {
  std::unique_lock<std::mutex> lock(mu_);
  while (true) {
    if (!failed_.ok()) return failed_;
    const size_t head_before = head_;
    Status st = RetireFinishedLocked();
    // A new head may be waiting for memory it no longer needs (the head bypasses the budget).
    if (head_ != head_before) cv_.notify_all();
    if (!st.ok()) {
      failed_ = std::move(st);
      stop_ = true;
      lock.unlock();
      cv_.notify_all();
      return failed_;
    }
    if (consumed_count_ == slots_.size()) return std::shared_ptr<columnar::RecordBatch>();
    // The head's batch (object order), else the lowest started object's that has one.
    const size_t last = options_.unordered ? started_end_ : std::min(head_ + 1, started_end_);
    for (size_t i = head_; i < last; ++i) {
      Slot& slot = slots_[i];
      if (slot.queue.empty()) continue;
      std::shared_ptr<columnar::RecordBatch> batch = std::move(slot.queue.front().batch);
      slot.queue.pop_front();  // gives its reservation back
      if (!slot.reached) ++reached_count_;
      slot.reached = true;
      lock.unlock();
      cv_.notify_all();
      return batch;
    }
    cv_.wait(lock);
  }
}

size_t ObjectPipeline::objects_reached() const {
  std::lock_guard<std::mutex> lock(mu_);
  return reached_count_;
}

ObjectPipelineStats ObjectPipeline::stats() const {
  std::lock_guard<std::mutex> lock(mu_);
  return stats_;
}

}  // namespace s3c::dataset
