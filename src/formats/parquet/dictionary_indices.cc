// Dictionary indices in RLE_DICTIONARY / PLAIN_DICTIONARY data pages (Encodings.md
// "Dictionary Encoding"): one byte of bit width (at most 32), then the RLE/bit-packed hybrid
// without a length prefix.
#include <fmt/format.h>

#include <algorithm>

#include "formats/parquet/encodings.h"

namespace s3c::formats::parquet {

Status DecodeDictionaryIndices(std::string_view data, size_t n, uint32_t dictionary_size,
                               uint32_t* out) {
  if (n == 0) return Status::OK();
  if (data.empty()) return DataLossError("dictionary indices: the page has no bit-width byte");
  const int bit_width = static_cast<uint8_t>(data[0]);
  if (bit_width > 32) {
    return DataLossError(
        fmt::format("dictionary indices: bit width {} at byte 0 is above 32", bit_width));
  }
  if (dictionary_size == 0) {
    return DataLossError(
        fmt::format("dictionary indices: {} values refer to an empty dictionary", n));
  }
  RleBitPackedDecoder decoder(data.substr(1), bit_width);
  S3C_ASSIGN_OR_RETURN(size_t got, decoder.Decode(out, n));
  if (got < n) {
    return DataLossError(
        fmt::format("dictionary indices: data ({} bytes) ends after {} of {} "
                    "indices",
                    data.size(), got, n));
  }
  // Every value of the bit width is a valid index: nothing to check.
  if (bit_width < 32 && (uint64_t{1} << bit_width) <= dictionary_size) return Status::OK();
  const uint32_t max_index = *std::max_element(out, out + n);
  if (max_index < dictionary_size) return Status::OK();
  const size_t at = static_cast<size_t>(std::find(out, out + n, max_index) - out);
  return DataLossError(
      fmt::format("dictionary index {} of value {} is outside the dictionary of "
                  "{} values",
                  max_index, at, dictionary_size));
}

std::string EncodeDictionaryIndices(const uint32_t* indices, size_t n, uint32_t dictionary_size) {
  const int bit_width = dictionary_size == 0 ? 0 : BitWidthFor(dictionary_size - 1);
  RleBitPackedEncoder encoder(bit_width);
  encoder.PutMany(indices, n);
  std::string out(1, static_cast<char>(bit_width));
  out += encoder.Finish();
  return out;
}

}  // namespace s3c::formats::parquet
