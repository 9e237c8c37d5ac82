// Constants of the snappy framing format (google/snappy framing_format.txt).
#pragma once

#include <cstddef>
#include <cstdint>

namespace s3c::codec_internal {

inline constexpr uint8_t kSnappyStreamId = 0xff;      // section 4.1
inline constexpr uint8_t kSnappyCompressed = 0x00;    // section 4.2
inline constexpr uint8_t kSnappyUncompressed = 0x01;  // section 4.3
inline constexpr uint8_t kSnappyPadding = 0xfe;       // section 4.4
inline constexpr char kSnappyStreamIdBody[] = "sNaPpY";
inline constexpr size_t kSnappyMaxBlock = 65536;  // uncompressed bytes per data chunk

// The checksum a data chunk carries: its CRC-32C (s3c/common/crc32c.h), masked (section 3).
inline uint32_t MaskCrc32c(uint32_t crc) { return ((crc >> 15) | (crc << 17)) + 0xa282ead8u; }

}  // namespace s3c::codec_internal
