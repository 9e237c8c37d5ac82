// The Parquet file tail (parquet-format README, "File Format"): ... <metadata> <4-byte
// little-endian metadata length> "PAR1". Files with an encrypted footer end in "PARE"
// (parquet-format, Encryption.md, "Encrypted footer mode").
#include <fmt/format.h>

#include "formats/parquet/parquet_metadata.h"

namespace s3c::formats::parquet {
namespace {

constexpr uint64_t kMagicSize = 4;
constexpr uint64_t kTailSize = 8;

std::string Printable(std::string_view magic) {
  std::string out;
  for (unsigned char c : magic) {
    if (c >= 0x20 && c < 0x7F && c != '\\') {
      out.push_back(static_cast<char>(c));
    } else {
      out += fmt::format("\\x{:02x}", c);
    }
  }
  return out;
}

}  // namespace

Result<uint32_t> ParseFooterTail(std::string_view last8, uint64_t file_size,
                                 std::string_view name) {
  if (file_size < kTailSize + kMagicSize || last8.size() != kTailSize) {
    return InvalidArgumentError(fmt::format(
        "not a Parquet file: {} ({} bytes) is too short to hold the leading and trailing magic "
        "bytes and the footer length",
        name, file_size));
  }
  const std::string_view magic = last8.substr(4);
  if (magic == "PARE") {
    return InvalidArgumentError(fmt::format("encrypted Parquet is not supported: {}", name));
  }
  if (magic != "PAR1") {
    return InvalidArgumentError(
        fmt::format("not a Parquet file: {} ends with \"{}\" instead of the magic bytes \"PAR1\"",
                    name, Printable(magic)));
  }
  uint32_t length = 0;
  for (int i = 3; i >= 0; --i) length = (length << 8) | static_cast<unsigned char>(last8[i]);
  // The metadata sits between the leading magic and the 8-byte tail.
  if (length == 0 || length > file_size - kTailSize - kMagicSize) {
    return DataLossError(fmt::format(
        "corrupt Parquet footer in {}: metadata length {} does not fit in a file of {} bytes "
        "(at most {} bytes between the magic bytes)",
        name, length, file_size, file_size - kTailSize - kMagicSize));
  }
  return length;
}

}  // namespace s3c::formats::parquet
