// DELTA_BINARY_PACKED (Encodings.md "Delta Encoding"):
//   header := uleb(block size) uleb(miniblocks per block) uleb(total count) zigzag(first value)
//   block  := zigzag(min delta) byte(bit width) x miniblocks, then the used miniblocks
// Arithmetic is unsigned (modulo 2^64) so overflowing deltas wrap as the spec requires.
#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "formats/parquet/bit_packing.h"
#include "formats/parquet/encoding_varint.h"
#include "formats/parquet/encodings.h"

namespace s3c::formats::parquet {
namespace {

// The spec requires multiples of 128 and 32; the decoder accepts any multiple of 8 (the spec's
// own examples use a block of 8) but bounds the block so a header cannot demand huge buffers.
constexpr uint64_t kMaxBlockSize = 1 << 20;

Status Truncated(const char* what, size_t pos, size_t size) {
  return DataLossError(
      fmt::format("DELTA_BINARY_PACKED: {} at byte {} is truncated or invalid "
                  "({} bytes of data)",
                  what, pos, size));
}

template <typename T>
int MaxBitWidth(const T* v, size_t n) {
  T acc = 0;
  for (size_t i = 0; i < n; ++i) acc |= v[i];
  return BitWidthFor(acc);
}

}  // namespace

Result<size_t> DecodeDeltaBinaryPacked(std::string_view data, size_t max_values,
                                       std::vector<int64_t>* out) {
  out->clear();
  size_t pos = 0;
  uint64_t block_size = 0, miniblocks = 0, total = 0, first_zz = 0;
  if (!varint::ReadUleb128(data, &pos, &block_size))
    return Truncated("block size", pos, data.size());
  if (!varint::ReadUleb128(data, &pos, &miniblocks)) {
    return Truncated("miniblock count", pos, data.size());
  }
  if (!varint::ReadUleb128(data, &pos, &total)) return Truncated("value count", pos, data.size());
  if (!varint::ReadUleb128(data, &pos, &first_zz))
    return Truncated("first value", pos, data.size());
  if (block_size == 0 || block_size > kMaxBlockSize || miniblocks == 0 ||
      block_size % miniblocks != 0 || (block_size / miniblocks) % 8 != 0) {
    return DataLossError(
        fmt::format("DELTA_BINARY_PACKED: invalid header at byte 0: block size "
                    "{}, {} miniblocks",
                    block_size, miniblocks));
  }
  if (total > max_values) {
    return DataLossError(
        fmt::format("DELTA_BINARY_PACKED: header at byte 0 declares {} values, "
                    "more than the {} expected",
                    total, max_values));
  }
  // Every block takes at least its min delta and width bytes: bound the count by the data.
  const uint64_t blocks = total == 0 ? 0 : (total - 1 + block_size - 1) / block_size;
  if (blocks > (data.size() - pos) / (1 + miniblocks)) {
    return DataLossError(
        fmt::format("DELTA_BINARY_PACKED: {} values need more than the {} "
                    "bytes present",
                    total, data.size()));
  }
  if (total == 0) return pos;
  out->resize(total);
  auto* values = reinterpret_cast<uint64_t*>(out->data());
  uint64_t last = static_cast<uint64_t>(varint::ZigZagDecode(first_zz));
  values[0] = last;
  const size_t per_miniblock = block_size / miniblocks;
  const auto* bytes = reinterpret_cast<const uint8_t*>(data.data());
  uint64_t group[32];
  size_t i = 1;
  while (i < total) {
    const size_t block_start = pos;
    uint64_t min_zz = 0;
    if (!varint::ReadUleb128(data, &pos, &min_zz)) return Truncated("min delta", pos, data.size());
    const uint64_t min_delta = static_cast<uint64_t>(varint::ZigZagDecode(min_zz));
    if (data.size() - pos < miniblocks) return Truncated("bit widths", pos, data.size());
    const size_t widths_at = pos;
    pos += miniblocks;
    for (size_t m = 0; m < miniblocks && i < total; ++m) {
      const int w = bytes[widths_at + m];
      if (w > 64) {
        return DataLossError(
            fmt::format("DELTA_BINARY_PACKED: miniblock bit width {} at byte {} "
                        "(block at byte {}) is above 64",
                        w, widths_at + m, block_start));
      }
      const size_t mb_bytes = per_miniblock / 8 * static_cast<size_t>(w);
      if (data.size() - pos < mb_bytes) return Truncated("miniblock", pos, data.size());
      const uint8_t* in = bytes + pos;
      const size_t count = std::min<size_t>(per_miniblock, total - i);
      for (size_t j = 0; j < count; j += 32) {
        const size_t k = std::min<size_t>(32, count - j);
        const uint8_t* src = in + j / 8 * static_cast<size_t>(w);
        if (j + 32 <= per_miniblock) {
          bitpack::Unpack32x64(src, w, group);
        } else {
          for (size_t g = 0; g < k; g += 8) bitpack::Unpack8x64(src + g / 8 * w, w, group + g);
        }
        for (size_t t = 0; t < k; ++t) {
          last += min_delta + group[t];
          values[i++] = last;
        }
      }
      pos += mb_bytes;
    }
  }
  return pos;
}

namespace {

// Writes one block of deltas (relative to their minimum) as 4 miniblocks of 32.
template <typename U, typename S>
void WriteBlock(const U* deltas, size_t n, std::string* out) {
  constexpr size_t kMiniblocks = 4, kPer = 32;
  S min_delta = static_cast<S>(deltas[0]);
  for (size_t i = 1; i < n; ++i) min_delta = std::min(min_delta, static_cast<S>(deltas[i]));
  varint::WriteUleb128(varint::ZigZagEncode(min_delta), out);
  uint64_t rel[kMiniblocks * kPer] = {};
  for (size_t i = 0; i < n; ++i) {
    rel[i] = static_cast<U>(deltas[i] - static_cast<U>(min_delta));
  }
  int widths[kMiniblocks] = {};
  const size_t used = (n + kPer - 1) / kPer;
  for (size_t m = 0; m < used; ++m) widths[m] = MaxBitWidth(rel + m * kPer, kPer);
  for (size_t m = 0; m < kMiniblocks; ++m) out->push_back(static_cast<char>(widths[m]));
  for (size_t m = 0; m < used; ++m) {
    const size_t at = out->size();
    out->resize(at + 4 * static_cast<size_t>(widths[m]));
    bitpack::Pack32x64(rel + m * kPer, widths[m], reinterpret_cast<uint8_t*>(out->data()) + at);
  }
}

// U is the unsigned type whose modulus the deltas use; S its signed counterpart.
template <typename U, typename S, typename V>
std::string Encode(const V* values, size_t n) {
  constexpr size_t kBlock = 128;
  std::string out;
  varint::WriteUleb128(kBlock, &out);
  varint::WriteUleb128(4, &out);
  varint::WriteUleb128(n, &out);
  varint::WriteUleb128(varint::ZigZagEncode(n == 0 ? 0 : static_cast<int64_t>(values[0])), &out);
  U deltas[kBlock];
  for (size_t i = 1; i < n; i += kBlock) {
    const size_t k = std::min(kBlock, n - i);
    for (size_t j = 0; j < k; ++j) {
      deltas[j] = static_cast<U>(static_cast<U>(values[i + j]) - static_cast<U>(values[i + j - 1]));
    }
    WriteBlock<U, S>(deltas, k, &out);
  }
  return out;
}

}  // namespace

std::string EncodeDeltaBinaryPacked32(const int32_t* values, size_t n) {
  return Encode<uint32_t, int32_t>(values, n);
}

std::string EncodeDeltaBinaryPacked64(const int64_t* values, size_t n) {
  return Encode<uint64_t, int64_t>(values, n);
}

}  // namespace s3c::formats::parquet
