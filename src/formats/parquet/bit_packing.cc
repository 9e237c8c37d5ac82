// Per-width specialisations: every shift, mask and word index is a compile-time constant, so
// each group of 32 values compiles to straight-line loads, shifts and masks.
#include "formats/parquet/bit_packing.h"

#include <array>
#include <bit>
#include <cstring>
#include <utility>

namespace s3c::formats::parquet::bitpack {
namespace {

static_assert(std::endian::native == std::endian::little,
              "bit unpacking loads little-endian words directly");

inline uint32_t Load32(const uint8_t* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);
  return v;
}
inline void Store32(uint8_t* p, uint32_t v) { std::memcpy(p, &v, 4); }

template <typename T, int W>
constexpr T Mask() {
  if constexpr (W >= static_cast<int>(sizeof(T) * 8)) {
    return ~T{0};
  } else {
    return (T{1} << W) - 1;
  }
}

// Value I of a group packed in 32-bit little-endian words: bits [I*W, I*W + W).
template <typename T, int W, int I>
inline T ExtractWord(const uint8_t* in) {
  constexpr int kBit = I * W;
  constexpr int kWord = kBit / 32;
  constexpr int kShift = kBit % 32;
  if constexpr (W == 0) {
    (void)in;
    return 0;
  } else {
    T v = static_cast<T>(Load32(in + 4 * kWord) >> kShift);
    if constexpr (kShift + W > 32) {
      v |= static_cast<T>(Load32(in + 4 * (kWord + 1))) << (32 - kShift);
    }
    if constexpr (kShift + W > 64) {
      v |= static_cast<T>(Load32(in + 4 * (kWord + 2))) << (64 - kShift);
    }
    return v & Mask<T, W>();
  }
}

template <typename T, int W, size_t... I>
inline void Unpack32Impl(const uint8_t* in, T* out, std::index_sequence<I...>) {
  ((out[I] = ExtractWord<T, W, static_cast<int>(I)>(in)), ...);
}

// Value I of a group of 8 (W bytes, not a whole number of words): byte-wise loads.
template <typename T, int W, int I>
inline T ExtractBytes(const uint8_t* in) {
  constexpr int kBit = I * W;
  constexpr int kByte = kBit / 8;
  constexpr int kShift = kBit % 8;
  constexpr int kBytes = (kShift + W + 7) / 8;  // 0..9
  if constexpr (W == 0) {
    return 0;
  } else {
    uint64_t lo = 0;
    [&]<size_t... K>(std::index_sequence<K...>) {
      ((lo |= static_cast<uint64_t>(in[kByte + K]) << (8 * K)), ...);
    }
    (std::make_index_sequence<(kBytes < 8 ? kBytes : 8)>());
    T v = static_cast<T>(lo >> kShift);
    if constexpr (kBytes > 8) {
      v |= static_cast<T>(static_cast<uint64_t>(in[kByte + 8]) << (64 - kShift));
    }
    return v & Mask<T, W>();
  }
}

template <typename T, int W, size_t... I>
inline void Unpack8Impl(const uint8_t* in, T* out, std::index_sequence<I...>) {
  ((out[I] = ExtractBytes<T, W, static_cast<int>(I)>(in)), ...);
}

// Packs 32 values into W 32-bit words (W in 0..64 for 64-bit values).
template <typename T, int W, size_t... I>
inline void Pack32Impl(const T* in, uint8_t* out, std::index_sequence<I...>) {
  uint32_t words[W + 1] = {};
  auto put = [&]<int Idx>(T value) {
    constexpr int kBit = Idx * W;
    constexpr int kWord = kBit / 32;
    constexpr int kShift = kBit % 32;
    const T v = value & Mask<T, W>();
    words[kWord] |= static_cast<uint32_t>(v << kShift);
    if constexpr (kShift + W > 32) words[kWord + 1] |= static_cast<uint32_t>(v >> (32 - kShift));
    if constexpr (kShift + W > 64) words[kWord + 2] |= static_cast<uint32_t>(v >> (64 - kShift));
  };
  (put.template operator()<static_cast<int>(I)>(in[I]), ...);
  for (int w = 0; w < W; ++w) Store32(out + 4 * w, words[w]);
}

template <typename T, int W>
void Unpack32W(const uint8_t* in, T* out) {
  Unpack32Impl<T, W>(in, out, std::make_index_sequence<32>());
}
template <typename T, int W>
void Unpack8W(const uint8_t* in, T* out) {
  Unpack8Impl<T, W>(in, out, std::make_index_sequence<8>());
}
template <typename T, int W>
void Pack32W(const T* in, uint8_t* out) {
  if constexpr (W == 0) {
    (void)in;
    (void)out;
  } else {
    Pack32Impl<T, W>(in, out, std::make_index_sequence<32>());
  }
}

template <typename T>
using UnpackFn = void (*)(const uint8_t*, T*);
template <typename T>
using PackFn = void (*)(const T*, uint8_t*);

template <typename T, size_t... W>
constexpr std::array<UnpackFn<T>, sizeof...(W)> Unpack32Table(std::index_sequence<W...>) {
  return {&Unpack32W<T, static_cast<int>(W)>...};
}
template <typename T, size_t... W>
constexpr std::array<UnpackFn<T>, sizeof...(W)> Unpack8Table(std::index_sequence<W...>) {
  return {&Unpack8W<T, static_cast<int>(W)>...};
}
template <typename T, size_t... W>
constexpr std::array<PackFn<T>, sizeof...(W)> Pack32Table(std::index_sequence<W...>) {
  return {&Pack32W<T, static_cast<int>(W)>...};
}

constexpr auto kUnpack32 = Unpack32Table<uint32_t>(std::make_index_sequence<33>());
constexpr auto kUnpack8 = Unpack8Table<uint32_t>(std::make_index_sequence<33>());
constexpr auto kPack32 = Pack32Table<uint32_t>(std::make_index_sequence<33>());
constexpr auto kUnpack32x64 = Unpack32Table<uint64_t>(std::make_index_sequence<65>());
constexpr auto kUnpack8x64 = Unpack8Table<uint64_t>(std::make_index_sequence<65>());
constexpr auto kPack32x64 = Pack32Table<uint64_t>(std::make_index_sequence<65>());

// Groups of 8 are packed only at the end of a run: a plain bit loop is enough.
template <typename T>
void PackBits(const T* in, size_t n, int bit_width, uint8_t* out) {
  if (bit_width == 0) return;
  std::memset(out, 0, (n * bit_width + 7) / 8);
  size_t bit = 0;
  for (size_t i = 0; i < n; ++i) {
    const T v =
        bit_width >= static_cast<int>(sizeof(T) * 8) ? in[i] : in[i] & ((T{1} << bit_width) - 1);
    for (int b = 0; b < bit_width; ++b, ++bit) {
      if ((v >> b) & 1) out[bit / 8] |= static_cast<uint8_t>(1u << (bit % 8));
    }
  }
}

}  // namespace

void Unpack32(const uint8_t* in, int bit_width, uint32_t* out) { kUnpack32[bit_width](in, out); }
void Unpack8(const uint8_t* in, int bit_width, uint32_t* out) { kUnpack8[bit_width](in, out); }
void Pack32(const uint32_t* in, int bit_width, uint8_t* out) { kPack32[bit_width](in, out); }
void Pack8(const uint32_t* in, int bit_width, uint8_t* out) { PackBits(in, 8, bit_width, out); }

void Unpack32x64(const uint8_t* in, int bit_width, uint64_t* out) {
  kUnpack32x64[bit_width](in, out);
}
void Unpack8x64(const uint8_t* in, int bit_width, uint64_t* out) {
  kUnpack8x64[bit_width](in, out);
}
void Pack32x64(const uint64_t* in, int bit_width, uint8_t* out) { kPack32x64[bit_width](in, out); }
void Pack8x64(const uint64_t* in, int bit_width, uint8_t* out) { PackBits(in, 8, bit_width, out); }

void UnpackRange(const uint8_t* in, int bit_width, size_t first, size_t n, uint32_t* out) {
  const uint64_t mask = (uint64_t{1} << bit_width) - 1;
  for (size_t i = 0; i < n; ++i) {
    if (bit_width == 0) {
      out[i] = 0;
      continue;
    }
    const size_t bit = (first + i) * static_cast<size_t>(bit_width);
    const size_t lo = bit / 8;
    const size_t hi = (bit + bit_width - 1) / 8;  // last byte holding a bit of the value
    uint64_t acc = 0;
    for (size_t b = hi + 1; b-- > lo;) acc = (acc << 8) | in[b];
    out[i] = static_cast<uint32_t>((acc >> (bit % 8)) & mask);
  }
}

void UnpackMsbFirst(const uint8_t* in, int bit_width, size_t n, uint32_t* out) {
  size_t bit = 0;
  for (size_t i = 0; i < n; ++i) {
    uint32_t v = 0;
    for (int b = 0; b < bit_width; ++b, ++bit) {
      v = (v << 1) | ((in[bit / 8] >> (7 - bit % 8)) & 1u);
    }
    out[i] = v;
  }
}

}  // namespace s3c::formats::parquet::bitpack
