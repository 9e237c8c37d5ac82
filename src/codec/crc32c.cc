#include "codec/crc32c.h"

#include <isa-l/crc.h>

#include <climits>

namespace s3c::codec_internal {

// ISA-L's crc32_iscsi leaves the pre- and post-inversion of the standard CRC-32C to the caller.
uint32_t Crc32c(const void* data, size_t n) {
  uint32_t crc = 0xffffffffu;
  auto* p = static_cast<unsigned char*>(const_cast<void*>(data));
  while (n > 0) {
    int step = n > INT_MAX ? INT_MAX : static_cast<int>(n);
    crc = crc32_iscsi(p, step, crc);
    p += step;
    n -= static_cast<size_t>(step);
  }
  return crc ^ 0xffffffffu;
}

}  // namespace s3c::codec_internal
