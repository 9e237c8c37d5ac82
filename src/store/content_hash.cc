#include "store/content_hash.h"

#include <fmt/format.h>

#include <cstdint>
#include <cstring>

namespace s3c::store_internal {
namespace {

constexpr uint64_t kP1 = 0x9E3779B185EBCA87ull;
constexpr uint64_t kP2 = 0xC2B2AE3D27D4EB4Full;

uint64_t Rotl(uint64_t x, int r) { return (x << r) | (x >> (64 - r)); }

// MurmurHash3's 64-bit finalizer: every input bit affects every output bit.
uint64_t Fmix(uint64_t k) {
  k ^= k >> 33;
  k *= 0xff51afd7ed558ccdull;
  k ^= k >> 33;
  k *= 0xc4ceb9fe1a85ec53ull;
  k ^= k >> 33;
  return k;
}

}  // namespace

// Two 64-bit lanes fed 16 bytes per round, cross-mixed at the end with the length.
std::string ContentHash128Hex(std::string_view data) {
  uint64_t h1 = 0x243F6A8885A308D3ull;
  uint64_t h2 = 0x13198A2E03707344ull;
  const char* p = data.data();
  size_t n = data.size();
  auto lane = [](uint64_t h, uint64_t w, uint64_t mul, int rot) {
    return Rotl(h ^ Rotl(w * mul, rot), 27) * kP1 + kP2;
  };
  while (n >= 16) {
    uint64_t a, b;
    std::memcpy(&a, p, 8);
    std::memcpy(&b, p + 8, 8);
    h1 = lane(h1, a, kP2, 31);
    h2 = lane(h2, b, kP1, 33);
    p += 16;
    n -= 16;
  }
  unsigned char tail[16] = {};
  std::memcpy(tail, p, n);
  uint64_t a, b;
  std::memcpy(&a, tail, 8);
  std::memcpy(&b, tail + 8, 8);
  h1 = lane(h1, a ^ n, kP2, 31);
  h2 = lane(h2, b, kP1, 33);
  h1 ^= data.size();
  h2 ^= data.size() * kP1;
  h1 += h2;
  h2 += h1;
  h1 = Fmix(h1);
  h2 = Fmix(h2);
  h1 += h2;
  h2 += h1;
  return fmt::format("{:016x}{:016x}", h1, h2);
}

}  // namespace s3c::store_internal
