// ULEB128 and zigzag integers as the Parquet encodings use them (Encodings.md: RLE run headers,
// DELTA_BINARY_PACKED headers and min deltas), read with bounds checks.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace s3c::formats::parquet::varint {

// Reads a ULEB128 of at most max_bytes bytes at data[*pos]; advances *pos. False when the data
// ends inside it, it is longer than max_bytes, or its value does not fit in 64 bits.
inline bool ReadUleb128(std::string_view data, size_t* pos, uint64_t* value, int max_bytes = 10) {
  uint64_t v = 0;
  size_t p = *pos;
  for (int i = 0; i < max_bytes; ++i) {
    if (p >= data.size()) return false;
    const uint8_t b = static_cast<uint8_t>(data[p++]);
    if (i == 9 && b > 1) return false;
    v |= static_cast<uint64_t>(b & 0x7f) << (7 * i);
    if ((b & 0x80) == 0) {
      *pos = p;
      *value = v;
      return true;
    }
  }
  return false;
}

inline void WriteUleb128(uint64_t v, std::string* out) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

inline uint64_t ZigZagEncode(int64_t v) {
  return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
}
inline int64_t ZigZagDecode(uint64_t v) { return static_cast<int64_t>((v >> 1) ^ (~(v & 1) + 1)); }

}  // namespace s3c::formats::parquet::varint
