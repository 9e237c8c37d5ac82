// A byte budget shared by the parts of one operation that hold buffers (a parallel scan's
// row groups, a writer's pending parts): each takes a reservation before it allocates and gives
// it back when it frees, so the whole stays under one cap however many threads work.
//
// Rules:
//  - Acquire() blocks until the bytes fit; requests are granted in arrival order (a large
//    request is not starved by a stream of small ones: those behind it wait too).
//  - A request larger than the whole capacity would never fit: it is granted when nothing else
//    is reserved (it then runs alone, and used() exceeds capacity() by it until it is released).
//    So every request is eventually granted as long as the holders release theirs.
//  - A thread that already holds a reservation and acquires more can wait for itself (nothing it
//    holds is released while it waits): acquire everything one step needs in one request.
// Thread-safety: every method may be called from any thread.
// Lifetime: the budget must outlive its reservations.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <optional>

namespace s3c {

class MemoryBudget;

// Bytes held from a MemoryBudget, given back on destruction or Release(). Movable, not
// copyable; an empty (default or moved-from) reservation holds nothing.
class MemoryReservation {
 public:
  MemoryReservation() = default;
  MemoryReservation(MemoryReservation&& other) noexcept;
  MemoryReservation& operator=(MemoryReservation&& other) noexcept;
  ~MemoryReservation() { Release(); }
  MemoryReservation(const MemoryReservation&) = delete;
  MemoryReservation& operator=(const MemoryReservation&) = delete;

  uint64_t bytes() const { return bytes_; }
  // Gives back `bytes` of the reservation (clamped to what it holds), waking waiters.
  void Shrink(uint64_t bytes);
  void Release() { Shrink(bytes_); }

 private:
  friend class MemoryBudget;
  MemoryReservation(MemoryBudget* budget, uint64_t bytes) : budget_(budget), bytes_(bytes) {}

  MemoryBudget* budget_ = nullptr;
  uint64_t bytes_ = 0;
};

class MemoryBudget {
 public:
  explicit MemoryBudget(uint64_t capacity_bytes) : capacity_(capacity_bytes) {}
  MemoryBudget(const MemoryBudget&) = delete;
  MemoryBudget& operator=(const MemoryBudget&) = delete;

  // Blocks until `bytes` are granted (rules above). Acquire(0) returns at once.
  MemoryReservation Acquire(uint64_t bytes);
  // Grants `bytes` only if Acquire() would without waiting (nobody queued before it, and the bytes
  // fit or nothing is reserved); never blocks.
  std::optional<MemoryReservation> TryAcquire(uint64_t bytes);

  uint64_t capacity() const { return capacity_; }
  uint64_t used() const;
  uint64_t peak() const;   // the most ever reserved at once
  size_t waiting() const;  // Acquire() calls blocked now

 private:
  friend class MemoryReservation;
  bool FitsLocked(uint64_t bytes) const;
  void Return(uint64_t bytes);

  const uint64_t capacity_;
  mutable std::mutex mu_;
  std::condition_variable cv_;
  uint64_t used_ = 0;         // guarded by mu_
  uint64_t peak_ = 0;         // guarded by mu_
  uint64_t next_ticket_ = 0;  // arrival order of Acquire() calls, guarded by mu_
  uint64_t serving_ = 0;      // the ticket whose turn it is, guarded by mu_
};

}  // namespace s3c
