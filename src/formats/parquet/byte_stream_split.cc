// BYTE_STREAM_SPLIT (Encodings.md "Byte Stream Split"): byte k of every value goes to stream k;
// the width streams of n bytes are concatenated, with no padding. Widths 4 and 8 (FLOAT, INT32,
// DOUBLE, INT64) have unrolled loops; any FIXED_LEN_BYTE_ARRAY width takes the generic one.
#include <fmt/format.h>

#include "formats/parquet/encodings.h"

namespace s3c::formats::parquet {
namespace {

template <size_t W>
void Gather(const uint8_t* in, size_t n, uint8_t* out) {
  for (size_t i = 0; i < n; ++i) {
    for (size_t k = 0; k < W; ++k) out[i * W + k] = in[k * n + i];
  }
}

template <size_t W>
void Scatter(const uint8_t* in, size_t n, uint8_t* out) {
  for (size_t i = 0; i < n; ++i) {
    for (size_t k = 0; k < W; ++k) out[k * n + i] = in[i * W + k];
  }
}

}  // namespace

Status DecodeByteStreamSplit(std::string_view data, size_t n, size_t width, void* out) {
  if (width == 0) return InvalidArgumentError("BYTE_STREAM_SPLIT value width 0");
  if (n > data.size() / width || n * width != data.size()) {
    return DataLossError(
        fmt::format("BYTE_STREAM_SPLIT: {} values of {} bytes do not fill the "
                    "{} bytes of the page exactly",
                    n, width, data.size()));
  }
  const auto* in = reinterpret_cast<const uint8_t*>(data.data());
  auto* dst = static_cast<uint8_t*>(out);
  switch (width) {
    case 4:
      Gather<4>(in, n, dst);
      break;
    case 8:
      Gather<8>(in, n, dst);
      break;
    default:
      for (size_t k = 0; k < width; ++k) {
        const uint8_t* stream = in + k * n;
        for (size_t i = 0; i < n; ++i) dst[i * width + k] = stream[i];
      }
  }
  return Status::OK();
}

std::string EncodeByteStreamSplit(const void* values, size_t n, size_t width) {
  std::string out(n * width, '\0');
  const auto* in = static_cast<const uint8_t*>(values);
  auto* dst = reinterpret_cast<uint8_t*>(out.data());
  switch (width) {
    case 4:
      Scatter<4>(in, n, dst);
      break;
    case 8:
      Scatter<8>(in, n, dst);
      break;
    default:
      for (size_t k = 0; k < width; ++k) {
        for (size_t i = 0; i < n; ++i) dst[k * n + i] = in[i * width + k];
      }
  }
  return out;
}

}  // namespace s3c::formats::parquet
