// PLAIN (Encodings.md "Plain"): fixed-width values back to back, little-endian; BOOLEAN
// bit-packed LSB first; BYTE_ARRAY as a 4-byte little-endian length then the bytes.
#include <fmt/format.h>

#include <cstring>
#include <limits>

#include "formats/parquet/encodings.h"

namespace s3c::formats::parquet {
namespace {

inline uint32_t LoadLe32(const char* p) {
  uint32_t v;
  std::memcpy(&v, p, 4);  // little-endian host (static_assert in bit_packing.cc)
  return v;
}

}  // namespace

Result<size_t> DecodePlainFixed(std::string_view data, size_t n, size_t width, void* out) {
  if (width == 0) return InvalidArgumentError("PLAIN value width 0");
  if (n > data.size() / width) {
    return DataLossError(
        fmt::format("PLAIN: {} values of {} bytes need more than the {} bytes "
                    "present",
                    n, width, data.size()));
  }
  const size_t bytes = n * width;
  if (bytes > 0) std::memcpy(out, data.data(), bytes);
  return bytes;
}

Result<size_t> DecodePlainBoolean(std::string_view data, size_t n, uint8_t* out) {
  if (n > data.size() * 8) {
    return DataLossError(fmt::format("PLAIN BOOLEAN: {} values need more than the {} bytes present",
                                     n, data.size()));
  }
  const auto* in = reinterpret_cast<const uint8_t*>(data.data());
  size_t i = 0;
  for (; i + 8 <= n; i += 8) {
    const uint8_t b = in[i / 8];
    for (int k = 0; k < 8; ++k) out[i + k] = (b >> k) & 1;
  }
  for (; i < n; ++i) out[i] = (in[i / 8] >> (i % 8)) & 1;
  return (n + 7) / 8;
}

Result<size_t> DecodePlainByteArray(std::string_view data, size_t n, ByteArrayValues* out) {
  if (n > data.size() / 4) {
    return DataLossError(
        fmt::format("PLAIN BYTE_ARRAY: {} values need more than the {} bytes "
                    "present",
                    n, data.size()));
  }
  out->offsets.reserve(out->offsets.size() + n);
  out->data.reserve(out->data.size() + (data.size() - 4 * n));
  size_t pos = 0;
  for (size_t i = 0; i < n; ++i) {
    if (data.size() - pos < 4) {
      return DataLossError(
          fmt::format("PLAIN BYTE_ARRAY: value {} length at byte {} is truncated", i, pos));
    }
    const uint32_t len = LoadLe32(data.data() + pos);
    if (len > data.size() - pos - 4) {
      return DataLossError(
          fmt::format("PLAIN BYTE_ARRAY: value {} at byte {} has length {} but "
                      "only {} bytes follow",
                      i, pos, len, data.size() - pos - 4));
    }
    if (len > static_cast<size_t>(std::numeric_limits<int32_t>::max()) - out->data.size()) {
      return DataLossError(fmt::format("PLAIN BYTE_ARRAY: values exceed 2 GiB at byte {}", pos));
    }
    out->Append(data.substr(pos + 4, len));
    pos += 4 + len;
  }
  return pos;
}

std::string EncodePlainBoolean(const uint8_t* values, size_t n) {
  std::string out((n + 7) / 8, '\0');
  for (size_t i = 0; i < n; ++i) {
    if (values[i]) out[i / 8] = static_cast<char>(out[i / 8] | (1 << (i % 8)));
  }
  return out;
}

std::string EncodePlainByteArray(const ByteArrayValues& values) {
  std::string out;
  out.reserve(values.data.size() + 4 * values.size());
  for (size_t i = 0; i < values.size(); ++i) {
    const std::string_view v = values[i];
    const uint32_t len = static_cast<uint32_t>(v.size());
    char le[4];
    std::memcpy(le, &len, 4);
    out.append(le, 4);
    out.append(v);
  }
  return out;
}

}  // namespace s3c::formats::parquet
