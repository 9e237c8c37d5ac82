// Buffers of physical values for one page or dictionary, their PLAIN size, and their encoding
// in each value encoding the writer supports (Encodings.md). T is uint8_t (BOOLEAN), int32_t,
// int64_t, float, double, or std::string_view (BYTE_ARRAY, FIXED_LEN_BYTE_ARRAY; copied in).
#pragma once

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "formats/parquet/encodings.h"
#include "formats/parquet/parquet_metadata.h"

namespace s3c::formats::parquet {

template <typename T>
class ValueBuffer {
 public:
  void Append(T v) { values_.push_back(v); }
  T operator[](size_t i) const { return values_[i]; }
  size_t size() const { return values_.size(); }
  void Clear() { values_.clear(); }
  // Clear() and give the memory back.
  void Release() { std::vector<T>().swap(values_); }
  // Bytes allocated (the capacity, not the size).
  int64_t memory_bytes() const { return static_cast<int64_t>(values_.capacity() * sizeof(T)); }
  const std::vector<T>& values() const { return values_; }
  static int64_t PlainSize(T, int32_t) { return std::is_same_v<T, uint8_t> ? 1 : sizeof(T); }

 private:
  std::vector<T> values_;
};

template <>
class ValueBuffer<std::string_view> {
 public:
  void Append(std::string_view v) { values_.Append(v); }
  std::string_view operator[](size_t i) const { return values_[i]; }
  size_t size() const { return values_.size(); }
  void Clear() { values_.Clear(); }
  // Swapped out, not assigned: assigning an empty std::string keeps the old capacity.
  void Release() {
    ByteArrayValues empty;
    std::swap(values_, empty);
  }
  int64_t memory_bytes() const {
    return static_cast<int64_t>(values_.offsets.capacity() * sizeof(int32_t) +
                                values_.data.capacity());
  }
  const ByteArrayValues& values() const { return values_; }
  // FIXED_LEN_BYTE_ARRAY (width > 0) has no length prefix.
  static int64_t PlainSize(std::string_view v, int32_t width) {
    return width > 0 ? width : static_cast<int64_t>(v.size()) + 4;
  }

 private:
  ByteArrayValues values_;
};

// Encodes `buffer` with `encoding` (kRle only for BOOLEAN: the v2 form with its 4-byte length
// prefix). `width` is the FIXED_LEN_BYTE_ARRAY width, 0 for BYTE_ARRAY.
template <typename T>
std::string EncodeValueBuffer(Encoding encoding, const ValueBuffer<T>& buffer, int32_t width) {
  const auto& v = buffer.values();
  size_t n = buffer.size();
  if constexpr (std::is_same_v<T, std::string_view>) {
    switch (encoding) {
      case Encoding::kDeltaLengthByteArray:
        return EncodeDeltaLengthByteArray(v);
      case Encoding::kDeltaByteArray:
        return EncodeDeltaByteArray(v);
      case Encoding::kByteStreamSplit:
        return EncodeByteStreamSplit(v.data.data(), n, static_cast<size_t>(width));
      default:
        return width > 0 ? v.data : EncodePlainByteArray(v);
    }
  } else if constexpr (std::is_same_v<T, uint8_t>) {
    if (encoding == Encoding::kRle) {
      RleBitPackedEncoder enc(1);
      for (uint8_t b : v) enc.Put(b);
      std::string body = enc.Finish();
      auto len = static_cast<uint32_t>(body.size());
      std::string out(4, '\0');
      std::memcpy(out.data(), &len, 4);
      return out + body;
    }
    return EncodePlainBoolean(v.data(), n);
  } else {
    switch (encoding) {
      case Encoding::kDeltaBinaryPacked:
        if constexpr (std::is_same_v<T, int32_t>) return EncodeDeltaBinaryPacked32(v.data(), n);
        if constexpr (std::is_same_v<T, int64_t>) return EncodeDeltaBinaryPacked64(v.data(), n);
        break;
      case Encoding::kByteStreamSplit:
        return EncodeByteStreamSplit(v.data(), n, sizeof(T));
      default:
        break;
    }
    return std::string(reinterpret_cast<const char*>(v.data()), n * sizeof(T));
  }
}

}  // namespace s3c::formats::parquet
