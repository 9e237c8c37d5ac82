// Growable buffers used by the array builders. Everything on the append path is inline and
// non-virtual; growing (at least doubling) is out of line.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>

#include "s3c/columnar/bit_util.h"
#include "s3c/columnar/buffer.h"

namespace s3c::columnar {

// Appends raw bytes to an owned, 64-byte aligned Buffer.
class BufferBuilder {
 public:
  void Reserve(int64_t additional_bytes) {
    if (size_ + additional_bytes > capacity_) Grow(size_ + additional_bytes);
  }
  void UnsafeAppend(const void* bytes, int64_t n) {
    if (n > 0) std::memcpy(data_ + size_, bytes, static_cast<size_t>(n));
    size_ += n;
  }
  void Append(const void* bytes, int64_t n) {
    Reserve(n);
    UnsafeAppend(bytes, n);
  }
  void AppendZeros(int64_t n) {
    Reserve(n);
    if (n > 0) std::memset(data_ + size_, 0, static_cast<size_t>(n));
    size_ += n;
  }
  // Marks n bytes written directly through mutable_data() (after Reserve) as part of the buffer.
  void UnsafeAdvance(int64_t n) { size_ += n; }
  uint8_t* mutable_data() { return data_; }
  const uint8_t* data() const { return data_; }
  int64_t size() const { return size_; }
  int64_t capacity() const { return capacity_; }

  // Hands over a buffer of exactly size() bytes (padding zeroed) and leaves this builder empty.
  std::shared_ptr<Buffer> Finish();
  void Reset();

 private:
  void Grow(int64_t min_capacity);

  std::shared_ptr<Buffer> buffer_;
  uint8_t* data_ = nullptr;
  int64_t size_ = 0;
  int64_t capacity_ = 0;
};

// A BufferBuilder of fixed-width values of type T.
template <typename T>
class TypedBufferBuilder {
 public:
  void Reserve(int64_t additional) { bytes_.Reserve(additional * static_cast<int64_t>(sizeof(T))); }
  void UnsafeAppend(T value) {
    std::memcpy(bytes_.mutable_data() + bytes_.size(), &value, sizeof(T));
    bytes_.UnsafeAdvance(static_cast<int64_t>(sizeof(T)));
  }
  void Append(T value) {
    Reserve(1);
    UnsafeAppend(value);
  }
  void Append(const T* values, int64_t n) {
    bytes_.Append(values, n * static_cast<int64_t>(sizeof(T)));
  }
  void AppendZeros(int64_t n) { bytes_.AppendZeros(n * static_cast<int64_t>(sizeof(T))); }
  int64_t length() const { return bytes_.size() / static_cast<int64_t>(sizeof(T)); }
  const T* data() const { return reinterpret_cast<const T*>(bytes_.data()); }
  T* mutable_data() { return reinterpret_cast<T*>(bytes_.mutable_data()); }
  std::shared_ptr<Buffer> Finish() { return bytes_.Finish(); }
  void Reset() { bytes_.Reset(); }

 private:
  BufferBuilder bytes_;
};

// Appends bits (LSB first). Storage grows in whole zero-filled bytes, so appending false only
// advances the length.
class BitmapBuilder {
 public:
  void Reserve(int64_t additional_bits) {
    int64_t bytes = bit_util::BytesForBits(length_ + additional_bits);
    if (bytes > bytes_.size()) bytes_.AppendZeros(bytes - bytes_.size());
  }
  void UnsafeAppend(bool value) {
    if (value) bit_util::SetBit(bytes_.mutable_data(), length_);
    ++length_;
  }
  void Append(bool value) {
    Reserve(1);
    UnsafeAppend(value);
  }
  void AppendMany(bool value, int64_t n) {
    Reserve(n);
    if (value) bit_util::SetBitsTo(bytes_.mutable_data(), length_, n, true);
    length_ += n;
  }
  int64_t length() const { return length_; }
  const uint8_t* data() const { return bytes_.data(); }
  // A buffer of BytesForBits(length()) bytes; the builder is left empty.
  std::shared_ptr<Buffer> Finish();
  void Reset();

 private:
  BufferBuilder bytes_;
  int64_t length_ = 0;
};

// The validity bitmap of a builder. It is materialized only at the first null, so arrays
// without nulls carry no bitmap (allowed by the spec) and the all-valid path is a counter bump.
class ValidityBuilder {
 public:
  void Reserve(int64_t additional) {
    if (materialized_) bits_.Reserve(additional);
  }
  void AppendValid(int64_t n = 1) {
    if (materialized_) bits_.AppendMany(true, n);
    length_ += n;
  }
  void AppendNull(int64_t n = 1) {
    if (!materialized_) Materialize();
    bits_.AppendMany(false, n);
    length_ += n;
    null_count_ += n;
  }
  // valid[i] == 0 marks element i null; a null `valid` means all valid.
  void AppendFromBytes(const uint8_t* valid, int64_t n);
  int64_t length() const { return length_; }
  int64_t null_count() const { return null_count_; }
  bool IsValid(int64_t i) const { return !materialized_ || bit_util::GetBit(bits_.data(), i); }
  // The bitmap, or nullptr when there were no nulls; the builder is left empty.
  std::shared_ptr<Buffer> Finish();

 private:
  void Materialize();
  BitmapBuilder bits_;
  int64_t length_ = 0;
  int64_t null_count_ = 0;
  bool materialized_ = false;
};

}  // namespace s3c::columnar
