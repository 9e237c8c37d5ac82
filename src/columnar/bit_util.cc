#include "s3c/columnar/bit_util.h"

#include <bit>
#include <cstring>

namespace s3c::columnar::bit_util {

int64_t CountSetBits(const uint8_t* bits, int64_t offset, int64_t length) {
  int64_t count = 0;
  int64_t i = offset;
  const int64_t end = offset + length;
  while (i < end && (i & 7) != 0) count += GetBit(bits, i++);
  // Whole bytes, 8 at a time where possible.
  while (i + 64 <= end) {
    uint64_t word;
    std::memcpy(&word, bits + (i >> 3), sizeof(word));
    count += std::popcount(word);
    i += 64;
  }
  while (i + 8 <= end) {
    count += std::popcount(static_cast<unsigned>(bits[i >> 3]));
    i += 8;
  }
  while (i < end) count += GetBit(bits, i++);
  return count;
}

void SetBitsTo(uint8_t* bits, int64_t offset, int64_t length, bool value) {
  int64_t i = offset;
  const int64_t end = offset + length;
  while (i < end && (i & 7) != 0) SetBitTo(bits, i++, value);
  if (i + 8 <= end) {
    int64_t bytes = (end - i) >> 3;
    std::memset(bits + (i >> 3), value ? 0xFF : 0x00, static_cast<size_t>(bytes));
    i += bytes * 8;
  }
  while (i < end) SetBitTo(bits, i++, value);
}

void CopyBitmap(const uint8_t* src, int64_t src_offset, int64_t length, uint8_t* dst,
                int64_t dst_offset) {
  int64_t i = 0;
  // Bit by bit until the destination is byte-aligned.
  while (i < length && ((dst_offset + i) & 7) != 0) {
    SetBitTo(dst, dst_offset + i, GetBit(src, src_offset + i));
    ++i;
  }
  const int shift = static_cast<int>((src_offset + i) & 7);
  if (shift == 0) {
    int64_t bytes = (length - i) >> 3;
    std::memcpy(dst + ((dst_offset + i) >> 3), src + ((src_offset + i) >> 3),
                static_cast<size_t>(bytes));
    i += bytes * 8;
  } else {
    // Each destination byte joins the high bits of one source byte with the low bits of the
    // next; that next byte holds bits of the range, so it is never read past the source's end.
    for (; i + 8 <= length; i += 8) {
      const uint8_t* s = src + ((src_offset + i) >> 3);
      dst[(dst_offset + i) >> 3] = static_cast<uint8_t>((s[0] >> shift) | (s[1] << (8 - shift)));
    }
  }
  for (; i < length; ++i) SetBitTo(dst, dst_offset + i, GetBit(src, src_offset + i));
}

}  // namespace s3c::columnar::bit_util
