// Reads many objects at once for DatasetReader (dataset_reader.h, ParallelReadOptions).
//
// Each object is one task on a pool of `objects_in_flight` threads (they wait on the network as
// much as they compute, so they are not the CPU pool). A task opens the object's source (which
// waits for its first response: no decode slot, so every object in flight can be waiting at
// once) and pulls its batches; every pull holds one of `decode_threads` decode slots, so at most
// that many objects decode at once while the others wait with their read-ahead running (S3
// streams fetch ahead on the HTTP client's thread).
//
// Memory: one MemoryBudget covers what the tasks hold ahead of the consumer: each object in
// flight reserves its read-ahead and its decoder's working set (a text parser's chunks and
// their parsed rows) when it starts, then, once open, what its source says it holds beyond
// that (ObjectBatchSource::working_bytes: a Parquet reader's footer bytes, fetched column
// chunks and decoded row group, known from the footer), and every batch queued for the consumer
// reserves its bytes until the consumer takes it. A task that cannot reserve waits. The first
// object not yet consumed (the head) never waits on the budget (its queue is capped at a few
// batches instead): the consumer takes its batches first (in object order it needs them before
// anything else), so the pipeline always makes progress. Peak memory is therefore the budget
// plus the head's read-ahead and few batches, whatever the number or size of the objects.
//
// Order: by default batches come out in object order, then row order. `unordered` hands out
// whichever object's batch is ready (still row order within an object).
//
// Errors: the first error of an object is returned when the consumer reaches that object (in
// object order; rows of earlier objects come first), or as soon as it is seen (unordered); then
// the pipeline stops. Destroying the pipeline stops the tasks (a task finishes the pull it is
// in) and waits for them.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "s3c/columnar/record_batch.h"
#include "s3c/common/executor.h"
#include "s3c/common/memory_budget.h"
#include "s3c/common/status.h"
#include "s3c/dataset/dataset_reader.h"
#include "s3c/dataset/read_pipeline_stats.h"

namespace s3c::dataset {

// The batches of one object, pulled by one task. Next() returns null at the end.
class ObjectBatchSource {
 public:
  virtual ~ObjectBatchSource() = default;
  virtual Result<std::shared_ptr<columnar::RecordBatch>> Next() = 0;
  // What the opened source holds at most besides the batches it returns and its read-ahead
  // (formats::BatchReader::working_bytes); asked once, after the open.
  virtual uint64_t working_bytes() const { return 0; }
};

struct ObjectPipelineOptions {
  int objects_in_flight = 4;  // at least 1
  int decode_threads = 2;     // at least 1
  uint64_t memory_bytes = 128 << 20;
  uint64_t read_ahead_bytes = 8 << 20;  // reserved per object in flight
  // Reserved for object `index` while it is in flight, besides its read-ahead: what its decoder
  // holds (null: nothing).
  std::function<uint64_t(size_t index)> decode_working_bytes;
  bool unordered = false;
};

class ObjectPipeline {
 public:
  // Opens object `index`'s source; called on a pool thread, outside any decode slot.
  using OpenSource = std::function<Result<std::unique_ptr<ObjectBatchSource>>(size_t index)>;
  // Called on the consumer's thread (inside Next()) once per object whose batches have all been
  // handed out, in the order objects finish being consumed; `source` is the object's source,
  // after its last Next() (null when opening failed or the object was skipped).
  using ObjectConsumed = std::function<void(size_t index, ObjectBatchSource* source)>;

  // Starts reading at once. `open` and `consumed` must stay valid for the pipeline's life.
  ObjectPipeline(size_t objects, ObjectPipelineOptions options, OpenSource open,
                 ObjectConsumed consumed);
  ~ObjectPipeline();
  ObjectPipeline(const ObjectPipeline&) = delete;
  ObjectPipeline& operator=(const ObjectPipeline&) = delete;

  // The next batch (null when every object has been consumed) or the first error. Consumer
  // thread only; after an error every later call returns it again.
  Result<std::shared_ptr<columnar::RecordBatch>> Next();

  ObjectPipelineStats stats() const;
  // Objects that have handed out a batch or been consumed (for "rows from N objects").
  size_t objects_reached() const;

 private:
  struct Queued {
    std::shared_ptr<columnar::RecordBatch> batch;
    MemoryReservation reservation;  // empty for the head's batches
  };
  struct Slot {
    std::deque<Queued> queue;
    bool finished = false;  // the task returned (status says how)
    bool consumed = false;
    bool reached = false;   // handed out a batch or consumed
    Status status;
    std::unique_ptr<ObjectBatchSource> source;
  };

  void ReadObject(size_t index);
  Status Pull(size_t index, ObjectBatchSource& source);
  // Waits until `bytes` may be held for object `index` (see the header comment); false when
  // the pipeline stopped. The lock is held on entry and exit.
  bool WaitForMemory(std::unique_lock<std::mutex>& lock, size_t index, uint64_t bytes,
                     bool queue_cap, MemoryReservation* out);
  void EnterDecode();
  void LeaveDecode();
  // Retires the finished, drained objects that are due (object order: from the head on, stopping
  // at the first that is not; unordered: every started one), calling consumed_; returns the
  // error of a failed object that is due.
  Status RetireFinishedLocked();

  const ObjectPipelineOptions options_;
  OpenSource open_;
  ObjectConsumed consumed_;
  MemoryBudget budget_;

  mutable std::mutex mu_;
  std::condition_variable cv_;
  std::vector<Slot> slots_;        // guarded by mu_
  size_t head_ = 0;                // first slot not consumed, guarded by mu_
  size_t started_end_ = 0;         // one past the last slot whose task started, guarded by mu_
  size_t consumed_count_ = 0;      // guarded by mu_
  size_t reached_count_ = 0;       // guarded by mu_
  bool stop_ = false;              // guarded by mu_
  Status failed_;                  // the error Next() returned, guarded by mu_
  int in_flight_ = 0;              // guarded by mu_
  int decoding_ = 0;               // guarded by mu_
  ObjectPipelineStats stats_;      // guarded by mu_

  // Declared last: destroyed first, so the tasks end before the state they use.
  Executor pool_;
  TaskGroup tasks_;
};

// ParallelReadOptions with its defaults filled in (dataset_reader.h). Each object's read-ahead
// is its share of the memory (memory / objects in flight / 2), between 16 KiB and 8 MiB.
ObjectPipelineOptions ResolvePipelineOptions(const ParallelReadOptions& parallel);

}  // namespace s3c::dataset
