// A per-chunk dictionary: distinct values in insertion order and an open-addressing hash index
// over them. Floating-point values are keyed by their bits, so NaN payloads, -0.0 and +0.0
// stay distinct (the PLAIN dictionary page reproduces every value exactly).
#pragma once

#include <cstdint>
#include <cstring>
#include <functional>
#include <string_view>
#include <vector>

#include "formats/parquet/value_buffer.h"

namespace s3c::formats::parquet {

template <typename T>
class DictionaryTable {
 public:
  explicit DictionaryTable(int32_t width) : width_(width) { slots_.assign(kInitialSlots, -1); }

  // The index of v, inserting it when new.
  uint32_t GetOrInsert(T v) {
    size_t mask = slots_.size() - 1;
    size_t i = Hash(v) & mask;
    while (slots_[i] >= 0) {
      if (Same(values_[static_cast<size_t>(slots_[i])], v)) return static_cast<uint32_t>(slots_[i]);
      i = (i + 1) & mask;
    }
    auto index = static_cast<int32_t>(values_.size());
    values_.Append(v);
    plain_bytes_ += ValueBuffer<T>::PlainSize(v, width_);
    slots_[i] = index;
    if (values_.size() * 2 > slots_.size()) Grow();
    return static_cast<uint32_t>(index);
  }

  size_t size() const { return values_.size(); }
  int64_t plain_bytes() const { return plain_bytes_; }
  const ValueBuffer<T>& values() const { return values_; }
  // Empties the table and gives back what it grew to (a chunk's dictionary can be large).
  void Clear() {
    values_.Release();
    std::vector<int32_t>(kInitialSlots, -1).swap(slots_);
    plain_bytes_ = 0;
  }
  // Bytes allocated: the values and the hash index.
  int64_t memory_bytes() const {
    return values_.memory_bytes() + static_cast<int64_t>(slots_.capacity() * sizeof(int32_t));
  }

 private:
  static constexpr size_t kInitialSlots = 1024;

  static size_t Hash(T v) {
    if constexpr (std::is_same_v<T, std::string_view>) {
      return std::hash<std::string_view>()(v);
    } else {
      uint64_t bits = 0;
      std::memcpy(&bits, &v, sizeof(T));
      bits ^= bits >> 33;
      bits *= 0xff51afd7ed558ccdULL;
      bits ^= bits >> 33;
      return static_cast<size_t>(bits);
    }
  }
  static bool Same(T a, T b) {
    if constexpr (std::is_same_v<T, std::string_view>) {
      return a == b;
    } else {
      return std::memcmp(&a, &b, sizeof(T)) == 0;
    }
  }
  void Grow() {
    std::vector<int32_t> old;
    old.swap(slots_);
    slots_.assign(old.size() * 2, -1);
    size_t mask = slots_.size() - 1;
    for (int32_t index : old) {
      if (index < 0) continue;
      size_t i = Hash(values_[static_cast<size_t>(index)]) & mask;
      while (slots_[i] >= 0) i = (i + 1) & mask;
      slots_[i] = index;
    }
  }

  int32_t width_;
  ValueBuffer<T> values_;
  std::vector<int32_t> slots_;
  int64_t plain_bytes_ = 0;
};

}  // namespace s3c::formats::parquet
