// CRC-32C (Castagnoli) and the snappy framing mask (framing_format.txt, section 3).
#pragma once

#include <cstddef>
#include <cstdint>

namespace s3c::codec_internal {

uint32_t Crc32c(const void* data, size_t n);

inline uint32_t MaskCrc32c(uint32_t crc) { return ((crc >> 15) | (crc << 17)) + 0xa282ead8u; }

}  // namespace s3c::codec_internal
