// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78; RFC 3720 appendix B.4): the one
// implementation behind S3's x-amz-checksum-crc32c (auth) and the snappy framing checksum (codec).
#pragma once

#include <cstddef>
#include <cstdint>

namespace s3c {

// The standard CRC-32C of `n` bytes at `data` (pre- and post-inverted: "123456789" gives
// 0xE3069283, no bytes give 0). Pass the value of the bytes before to extend it:
// Crc32c(b, nb, Crc32c(a, na)) == Crc32c of a followed by b.
uint32_t Crc32c(const void* data, size_t n, uint32_t crc = 0);

}  // namespace s3c
