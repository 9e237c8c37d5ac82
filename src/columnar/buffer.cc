#include "s3c/columnar/buffer.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace s3c::columnar {
namespace {

int64_t RoundUpToAlignment(int64_t n) {
  return std::max<int64_t>(kBufferAlignment, (n + kBufferAlignment - 1) & ~(kBufferAlignment - 1));
}

uint8_t* AlignedAllocate(int64_t capacity) {
  void* p =
      std::aligned_alloc(static_cast<size_t>(kBufferAlignment), static_cast<size_t>(capacity));
  if (p == nullptr) {
    std::fprintf(stderr, "s3c columnar: out of memory allocating %lld bytes\n",
                 static_cast<long long>(capacity));
    std::abort();
  }
  return static_cast<uint8_t*>(p);
}

}  // namespace

std::shared_ptr<Buffer> Buffer::Allocate(int64_t size) {
  std::shared_ptr<Buffer> b(new Buffer());
  b->capacity_ = RoundUpToAlignment(size);
  b->data_ = AlignedAllocate(b->capacity_);
  b->owned_ = true;
  b->size_ = size;
  std::memset(b->data_, 0, static_cast<size_t>(b->capacity_));
  return b;
}

std::shared_ptr<Buffer> Buffer::CopyOf(const void* data, int64_t size) {
  std::shared_ptr<Buffer> b = Allocate(size);
  if (size > 0) std::memcpy(b->data_, data, static_cast<size_t>(size));
  return b;
}

std::shared_ptr<Buffer> Buffer::Wrap(const void* data, int64_t size,
                                     std::shared_ptr<const void> owner) {
  std::shared_ptr<Buffer> b(new Buffer());
  b->data_ = const_cast<uint8_t*>(static_cast<const uint8_t*>(data));
  b->size_ = size;
  b->capacity_ = size;
  b->owner_ = std::move(owner);
  return b;
}

Buffer::~Buffer() {
  if (owned_) std::free(data_);
}

void Buffer::Reserve(int64_t capacity) {
  if (!owned_ || capacity <= capacity_) return;
  int64_t new_capacity = RoundUpToAlignment(std::max(capacity, capacity_ * 2));
  uint8_t* p = AlignedAllocate(new_capacity);
  if (size_ > 0) std::memcpy(p, data_, static_cast<size_t>(size_));
  std::free(data_);
  data_ = p;
  capacity_ = new_capacity;
}

void Buffer::Resize(int64_t new_size) {
  if (!owned_) return;
  Reserve(new_size);
  if (new_size > size_) std::memset(data_ + size_, 0, static_cast<size_t>(new_size - size_));
  size_ = new_size;
}

void Buffer::ZeroPadding() {
  if (owned_ && capacity_ > size_) {
    std::memset(data_ + size_, 0, static_cast<size_t>(capacity_ - size_));
  }
}

}  // namespace s3c::columnar
