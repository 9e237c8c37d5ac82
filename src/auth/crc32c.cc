// CRC32C (Castagnoli, reflected polynomial 0x82F63B78), as used by x-amz-checksum-crc32c
// (RFC 3720 appendix B.4 defines the polynomial).
//
// On x86-64 with SSE4.2 the crc32 instruction does 8 bytes per step. Its latency is three
// cycles but it issues every cycle, so large buffers are split into three interleaved streams
// whose results are merged with a precomputed "append L zero bytes" operator (CRC linearity:
// crc(A || B) = shift(crc(A), |B|) ^ crc0(B), where crc0 starts from a zero state). Other CPUs use
// slicing-by-8 tables. Only the crc32 functions carry the sse4.2 target attribute, so the rest of
// the file (and the binary) still runs on any x86-64 CPU.
#include <array>
#include <cstdint>
#include <cstring>
#include <string>

#include "s3c/auth/crypto.h"
#include "s3c/common/strings.h"

namespace s3c {
namespace {

constexpr uint32_t kPoly = 0x82F63B78u;

using SliceTables = std::array<std::array<uint32_t, 256>, 8>;

constexpr SliceTables MakeSliceTables() {
  SliceTables t{};
  for (uint32_t i = 0; i < 256; ++i) {
    uint32_t c = i;
    for (int k = 0; k < 8; ++k) c = (c & 1) ? (c >> 1) ^ kPoly : c >> 1;
    t[0][i] = c;
  }
  for (uint32_t i = 0; i < 256; ++i) {
    for (int s = 1; s < 8; ++s) t[s][i] = (t[s - 1][i] >> 8) ^ t[0][t[s - 1][i] & 0xff];
  }
  return t;
}

constexpr SliceTables kTables = MakeSliceTables();

inline uint64_t LoadLE64(const unsigned char* p) {
  uint64_t v;
  std::memcpy(&v, p, 8);  // x86-64 and the other targets we build on are little-endian
  return v;
}

// Raw state update (no pre/post inversion), slicing-by-8.
uint32_t UpdateSoftware(uint32_t state, const unsigned char* p, size_t n) {
  while (n >= 8) {
    uint64_t v = LoadLE64(p) ^ state;
    state = kTables[7][v & 0xff] ^ kTables[6][(v >> 8) & 0xff] ^ kTables[5][(v >> 16) & 0xff] ^
            kTables[4][(v >> 24) & 0xff] ^ kTables[3][(v >> 32) & 0xff] ^
            kTables[2][(v >> 40) & 0xff] ^ kTables[1][(v >> 48) & 0xff] ^ kTables[0][v >> 56];
    p += 8;
    n -= 8;
  }
  while (n-- > 0) state = (state >> 8) ^ kTables[0][(state ^ *p++) & 0xff];
  return state;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#define S3C_CRC32C_HW 1

// Bytes per stream in the three-way loop; each chunk is 3 * kStride bytes.
constexpr size_t kStride = 2048;

// shift(s) = the state after feeding kStride zero bytes into state s, as four byte tables.
struct ShiftTables {
  std::array<std::array<uint32_t, 256>, 4> t;
  ShiftTables() {
    uint32_t basis[32];
    const unsigned char zeros[kStride] = {};
    for (int bit = 0; bit < 32; ++bit) {
      basis[bit] = UpdateSoftware(uint32_t{1} << bit, zeros, kStride);
    }
    for (int k = 0; k < 4; ++k) {
      for (uint32_t b = 0; b < 256; ++b) {
        uint32_t v = 0;
        for (int i = 0; i < 8; ++i) {
          if (b & (1u << i)) v ^= basis[8 * k + i];
        }
        t[k][b] = v;
      }
    }
  }
  uint32_t Shift(uint32_t s) const {
    return t[0][s & 0xff] ^ t[1][(s >> 8) & 0xff] ^ t[2][(s >> 16) & 0xff] ^ t[3][s >> 24];
  }
};

const ShiftTables& Shifter() {
  static const ShiftTables tables;
  return tables;
}

__attribute__((target("sse4.2"))) uint32_t UpdateHardware(uint32_t state, const unsigned char* p,
                                                          size_t n) {
  uint64_t s = state;
  while (n > 0 && (reinterpret_cast<uintptr_t>(p) & 7) != 0) {
    s = __builtin_ia32_crc32qi(static_cast<uint32_t>(s), *p++);
    --n;
  }
  if (n >= 3 * kStride) {
    const ShiftTables& shifter = Shifter();
    while (n >= 3 * kStride) {
      uint64_t a = s, b = 0, c = 0;
      const unsigned char* pa = p;
      const unsigned char* pb = p + kStride;
      const unsigned char* pc = p + 2 * kStride;
      for (size_t i = 0; i < kStride; i += 8) {
        a = __builtin_ia32_crc32di(a, LoadLE64(pa + i));
        b = __builtin_ia32_crc32di(b, LoadLE64(pb + i));
        c = __builtin_ia32_crc32di(c, LoadLE64(pc + i));
      }
      uint32_t ab = shifter.Shift(static_cast<uint32_t>(a)) ^ static_cast<uint32_t>(b);
      s = shifter.Shift(ab) ^ static_cast<uint32_t>(c);
      p += 3 * kStride;
      n -= 3 * kStride;
    }
  }
  while (n >= 8) {
    s = __builtin_ia32_crc32di(s, LoadLE64(p));
    p += 8;
    n -= 8;
  }
  while (n-- > 0) s = __builtin_ia32_crc32qi(static_cast<uint32_t>(s), *p++);
  return static_cast<uint32_t>(s);
}

bool HaveSse42() {
  static const bool have = __builtin_cpu_supports("sse4.2");
  return have;
}
#endif

}  // namespace

namespace crc32c_internal {
// Exposed for tests: both paths must agree on every input.
uint32_t Software(const void* data, size_t n, uint32_t crc) {
  return ~UpdateSoftware(~crc, static_cast<const unsigned char*>(data), n);
}
bool HardwareAvailable() {
#ifdef S3C_CRC32C_HW
  return HaveSse42();
#else
  return false;
#endif
}
}  // namespace crc32c_internal

uint32_t Crc32c(const void* data, size_t n, uint32_t crc) {
  const auto* p = static_cast<const unsigned char*>(data);
#ifdef S3C_CRC32C_HW
  if (HaveSse42()) return ~UpdateHardware(~crc, p, n);
#endif
  return ~UpdateSoftware(~crc, p, n);
}

std::string Crc32cHeaderValue(uint32_t crc) {
  const char be[4] = {static_cast<char>(crc >> 24), static_cast<char>(crc >> 16),
                      static_cast<char>(crc >> 8), static_cast<char>(crc)};
  return Base64Encode(std::string_view(be, 4));
}

}  // namespace s3c
