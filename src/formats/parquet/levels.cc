// Repetition and definition levels (Encodings.md: RLE with a 4-byte length in v1 data pages,
// without it in v2; the deprecated BIT_PACKED, MSB first). Levels are not stored when the
// maximum level is 0 (README.md "Nested Encoding").
#include <fmt/format.h>

#include <algorithm>

#include "formats/parquet/bit_packing.h"
#include "formats/parquet/encodings.h"

namespace s3c::formats::parquet {
namespace {

constexpr size_t kChunk = 1024;

Status Narrow(const uint32_t* in, size_t n, int16_t max_level, size_t first, int16_t* out) {
  uint32_t max_seen = 0;
  for (size_t i = 0; i < n; ++i) max_seen = std::max(max_seen, in[i]);
  if (max_seen > static_cast<uint32_t>(max_level)) {
    for (size_t i = 0; i < n; ++i) {
      if (in[i] > static_cast<uint32_t>(max_level)) {
        return DataLossError(fmt::format("level {} of value {} is above the maximum level {}",
                                         in[i], first + i, max_level));
      }
    }
  }
  for (size_t i = 0; i < n; ++i) out[i] = static_cast<int16_t>(in[i]);
  return Status::OK();
}

Status DecodeRleLevels(std::string_view data, int16_t max_level, size_t num_values, int16_t* out) {
  RleBitPackedDecoder decoder(data, BitWidthFor(static_cast<uint64_t>(max_level)));
  uint32_t buf[kChunk];
  for (size_t done = 0; done < num_values;) {
    const size_t want = std::min(kChunk, num_values - done);
    S3C_ASSIGN_OR_RETURN(size_t got, decoder.Decode(buf, want));
    if (got < want) {
      return DataLossError(fmt::format("level data ({} bytes) ends after {} of {} levels",
                                       data.size(), done + got, num_values));
    }
    S3C_RETURN_IF_ERROR(Narrow(buf, got, max_level, done, out + done));
    done += got;
  }
  return Status::OK();
}

Result<size_t> DecodeBitPackedLevels(std::string_view data, int16_t max_level, size_t num_values,
                                     int16_t* out) {
  const int w = BitWidthFor(static_cast<uint64_t>(max_level));
  if (num_values > data.size() * 8 / static_cast<size_t>(w)) {
    return DataLossError(
        fmt::format("BIT_PACKED levels: {} levels of {} bits need more than the "
                    "{} bytes present",
                    num_values, w, data.size()));
  }
  const size_t bytes = (num_values * static_cast<size_t>(w) + 7) / 8;
  const auto* in = reinterpret_cast<const uint8_t*>(data.data());
  uint32_t buf[kChunk];
  // Chunks of 1024 values start on byte boundaries (1024 * w bits).
  for (size_t done = 0; done < num_values;) {
    const size_t k = std::min(kChunk, num_values - done);
    bitpack::UnpackMsbFirst(in + done / 8 * static_cast<size_t>(w), w, k, buf);
    S3C_RETURN_IF_ERROR(Narrow(buf, k, max_level, done, out + done));
    done += k;
  }
  return bytes;
}

}  // namespace

Result<size_t> DecodeLevelsV1(Encoding encoding, std::string_view data, int16_t max_level,
                              size_t num_values, int16_t* out) {
  if (max_level < 0) return InvalidArgumentError(fmt::format("negative max level {}", max_level));
  if (max_level == 0) {
    std::fill(out, out + num_values, int16_t{0});
    return size_t{0};
  }
  if (encoding == Encoding::kBitPacked) {
    return DecodeBitPackedLevels(data, max_level, num_values, out);
  }
  if (encoding != Encoding::kRle) {
    return DataLossError(
        fmt::format("levels use encoding {}, not RLE or BIT_PACKED", static_cast<int>(encoding)));
  }
  if (data.size() < 4) {
    return DataLossError(
        fmt::format("RLE levels need a 4-byte length but the page has {} bytes", data.size()));
  }
  const auto* p = reinterpret_cast<const uint8_t*>(data.data());
  const uint32_t length = static_cast<uint32_t>(p[0]) | static_cast<uint32_t>(p[1]) << 8 |
                          static_cast<uint32_t>(p[2]) << 16 | static_cast<uint32_t>(p[3]) << 24;
  if (length > data.size() - 4) {
    return DataLossError(
        fmt::format("RLE levels at byte 0 claim {} bytes but {} follow", length, data.size() - 4));
  }
  S3C_RETURN_IF_ERROR(DecodeRleLevels(data.substr(4, length), max_level, num_values, out));
  return size_t{4} + length;
}

Status DecodeLevelsV2(std::string_view data, int16_t max_level, size_t num_values, int16_t* out) {
  if (max_level < 0) return InvalidArgumentError(fmt::format("negative max level {}", max_level));
  if (max_level == 0) {
    std::fill(out, out + num_values, int16_t{0});
    return Status::OK();
  }
  return DecodeRleLevels(data, max_level, num_values, out);
}

std::string EncodeLevels(const int16_t* levels, size_t n, int16_t max_level) {
  if (max_level <= 0) return std::string();
  RleBitPackedEncoder encoder(BitWidthFor(static_cast<uint64_t>(max_level)));
  for (size_t i = 0; i < n; ++i) encoder.Put(static_cast<uint32_t>(levels[i]));
  return encoder.Finish();
}

}  // namespace s3c::formats::parquet
