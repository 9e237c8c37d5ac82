// Test access to both CRC32C code paths (crc32c.cc).
#pragma once

#include <cstddef>
#include <cstdint>

namespace s3c::crc32c_internal {

// The portable slicing-by-8 path, whatever the CPU.
uint32_t Software(const void* data, size_t n, uint32_t crc = 0);
// True when Crc32c() uses the SSE4.2 crc32 instruction on this CPU.
bool HardwareAvailable();

}  // namespace s3c::crc32c_internal
