// Bitmap helpers for Arrow validity and boolean buffers. Bits are numbered least significant
// bit first within each byte (Arrow Columnar Format, "Validity bitmaps").
#pragma once

#include <cstdint>

namespace s3c::columnar::bit_util {

inline int64_t BytesForBits(int64_t bits) { return (bits + 7) >> 3; }

inline bool GetBit(const uint8_t* bits, int64_t i) { return (bits[i >> 3] >> (i & 7)) & 1; }
inline void SetBit(uint8_t* bits, int64_t i) {
  bits[i >> 3] |= static_cast<uint8_t>(1u << (i & 7));
}
inline void ClearBit(uint8_t* bits, int64_t i) {
  bits[i >> 3] &= static_cast<uint8_t>(~(1u << (i & 7)));
}
inline void SetBitTo(uint8_t* bits, int64_t i, bool value) {
  if (value) {
    SetBit(bits, i);
  } else {
    ClearBit(bits, i);
  }
}

// Number of set bits in [offset, offset + length).
int64_t CountSetBits(const uint8_t* bits, int64_t offset, int64_t length);
// Sets or clears every bit in [offset, offset + length).
void SetBitsTo(uint8_t* bits, int64_t offset, int64_t length, bool value);
// Copies `length` bits from src at src_offset to dst at dst_offset (ranges must not overlap).
void CopyBitmap(const uint8_t* src, int64_t src_offset, int64_t length, uint8_t* dst,
                int64_t dst_offset);

}  // namespace s3c::columnar::bit_util
