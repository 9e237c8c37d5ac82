// Buffer: a contiguous, immutable-once-shared byte region with shared ownership.
//
// Owned buffers start at a 64-byte aligned address and their capacity is a multiple of 64 bytes,
// as the Arrow Columnar Format recommends ("Buffer Alignment and Padding"). A Buffer may also
// wrap foreign memory (e.g. an array imported through the C Data Interface) and keep its owner
// alive. Running out of memory is fatal (like operator new), so allocation never returns errors.
// Thread-safety: a shared Buffer is safe to read from many threads; mutable_data() is for the
// one owner that fills it before sharing it.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>

namespace s3c::columnar {

inline constexpr int64_t kBufferAlignment = 64;

class Buffer {
 public:
  // A zero-filled owned buffer of `size` bytes.
  static std::shared_ptr<Buffer> Allocate(int64_t size);
  // An owned copy of [data, data + size).
  static std::shared_ptr<Buffer> CopyOf(const void* data, int64_t size);
  // Wraps memory owned by someone else without copying; `owner` is kept alive as long as the
  // Buffer. The memory is read-only through this Buffer (mutable_data() returns nullptr).
  static std::shared_ptr<Buffer> Wrap(const void* data, int64_t size,
                                      std::shared_ptr<const void> owner);

  Buffer(const Buffer&) = delete;
  Buffer& operator=(const Buffer&) = delete;
  ~Buffer();

  const uint8_t* data() const { return data_; }
  template <typename T>
  const T* data_as() const {
    return reinterpret_cast<const T*>(data_);
  }
  // Writable pointer for owned buffers; nullptr for wrapped memory. Writing to a buffer that an
  // Array already shares is a contract violation.
  uint8_t* mutable_data() { return owned_ ? data_ : nullptr; }
  template <typename T>
  T* mutable_data_as() {
    return reinterpret_cast<T*>(mutable_data());
  }

  int64_t size() const { return size_; }
  int64_t capacity() const { return capacity_; }
  bool is_owned() const { return owned_; }

  // Owned buffers only. Reserve grows the capacity to at least `capacity` (rounded up to 64);
  // bytes past size() are unspecified until written. Resize sets size(), growing as needed, and
  // zero-fills any bytes newly exposed. ZeroPadding clears [size, capacity).
  void Reserve(int64_t capacity);
  void Resize(int64_t new_size);
  void ZeroPadding();

 private:
  friend class BufferBuilder;  // tracks the written size itself while appending
  Buffer() = default;

  uint8_t* data_ = nullptr;
  int64_t size_ = 0;
  int64_t capacity_ = 0;
  bool owned_ = false;
  std::shared_ptr<const void> owner_;
};

}  // namespace s3c::columnar
