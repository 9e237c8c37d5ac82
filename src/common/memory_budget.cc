// Byte budget with FIFO grants (s3c/common/memory_budget.h).
#include "s3c/common/memory_budget.h"

#include <algorithm>
#include <utility>

namespace s3c {

MemoryReservation::MemoryReservation(MemoryReservation&& other) noexcept
    : budget_(std::exchange(other.budget_, nullptr)), bytes_(std::exchange(other.bytes_, 0)) {}

MemoryReservation& MemoryReservation::operator=(MemoryReservation&& other) noexcept {
  if (this != &other) {
    Release();
    budget_ = std::exchange(other.budget_, nullptr);
    bytes_ = std::exchange(other.bytes_, 0);
  }
  return *this;
}

void MemoryReservation::Shrink(uint64_t bytes) {
  const uint64_t n = std::min(bytes, bytes_);
  if (n == 0 || budget_ == nullptr) return;
  bytes_ -= n;
  budget_->Return(n);
}

bool MemoryBudget::FitsLocked(uint64_t bytes) const {
  return used_ == 0 || (bytes <= capacity_ && used_ <= capacity_ - bytes);
}

MemoryReservation MemoryBudget::Acquire(uint64_t bytes) {
  if (bytes == 0) return MemoryReservation(this, 0);
  std::unique_lock<std::mutex> lock(mu_);
  const uint64_t ticket = next_ticket_++;
  cv_.wait(lock, [&] { return serving_ == ticket && FitsLocked(bytes); });
  ++serving_;
  used_ += bytes;
  peak_ = std::max(peak_, used_);
  lock.unlock();
  cv_.notify_all();  // the next ticket may fit as well
  return MemoryReservation(this, bytes);
}

std::optional<MemoryReservation> MemoryBudget::TryAcquire(uint64_t bytes) {
  if (bytes == 0) return MemoryReservation(this, 0);
  std::lock_guard<std::mutex> lock(mu_);
  if (serving_ != next_ticket_ || !FitsLocked(bytes)) return std::nullopt;
  used_ += bytes;
  peak_ = std::max(peak_, used_);
  return MemoryReservation(this, bytes);
}

void MemoryBudget::Return(uint64_t bytes) {
  {
    std::lock_guard<std::mutex> lock(mu_);
    used_ -= bytes;
  }
  cv_.notify_all();
}

uint64_t MemoryBudget::used() const {
  std::lock_guard<std::mutex> lock(mu_);
  return used_;
}

uint64_t MemoryBudget::peak() const {
  std::lock_guard<std::mutex> lock(mu_);
  return peak_;
}

size_t MemoryBudget::waiting() const {
  std::lock_guard<std::mutex> lock(mu_);
  return static_cast<size_t>(next_ticket_ - serving_);
}

}  // namespace s3c
