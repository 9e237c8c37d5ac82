#include "formats/parquet/footer_reader.h"

#include <fmt/format.h>

#include <algorithm>
#include <memory>

#include "formats/parquet/parquet_metadata.h"

namespace s3c::formats::parquet {
namespace {

// "PAR1" at the start, then the 4-byte length and "PAR1" at the end.
constexpr uint64_t kMinFileSize = 12;
constexpr uint64_t kTailSize = 8;

Status ReadExactly(RandomAccessFile& file, uint64_t offset, size_t n, char* out,
                   std::string_view name, FetchCounters* counters) {
  auto got = file.ReadAt(offset, n, out);
  counters->reads += 1;
  if (!got.ok()) return got.status();
  counters->bytes += static_cast<int64_t>(*got);
  if (*got != n) {
    return DataLossError(
        fmt::format("{}: the file ended at byte {} while reading its footer "
                    "(it is shorter than its size said)",
                    name, offset + *got));
  }
  return Status::OK();
}

}  // namespace

Result<FooterBytes> ReadFooter(RandomAccessFile& file, uint64_t file_size, uint64_t footer_guess,
                               uint64_t whole_object_bytes, std::string_view name,
                               FetchCounters* counters) {
  if (file_size < kMinFileSize) {
    return InvalidArgumentError(
        fmt::format("{}: not a Parquet file: {} bytes is shorter than the 12 bytes of the magic "
                    "numbers and footer length",
                    name, file_size));
  }
  const uint64_t first = file_size <= whole_object_bytes
                             ? file_size
                             : std::min(file_size, std::max(footer_guess, kTailSize));
  // Not zero-filled first: the read writes every byte or fails.
  std::shared_ptr<char[]> held(new char[first]);
  S3C_RETURN_IF_ERROR(ReadExactly(file, file_size - first, first, held.get(), name, counters));
  const std::string_view tail(held.get(), first);
  S3C_ASSIGN_OR_RETURN(uint32_t length,
                       ParseFooterTail(tail.substr(first - kTailSize), file_size, name));
  // The leading magic takes 4 bytes before the metadata.
  if (static_cast<uint64_t>(length) + kTailSize + 4 > file_size) {
    return DataLossError(fmt::format(
        "{}: corrupt Parquet footer: metadata length {} does not fit in a file of {} bytes", name,
        length, file_size));
  }
  FooterBytes out;
  out.held = HeldBytes{file_size - first, first, std::move(held)};
  out.metadata_offset = file_size - kTailSize - length;
  const uint64_t have = first - kTailSize;  // metadata bytes the first read already holds
  if (length <= have) {
    out.metadata = std::string(tail.substr(have - length, length));
    return out;
  }
  const uint64_t missing = length - have;
  out.metadata.resize(length);
  S3C_RETURN_IF_ERROR(
      ReadExactly(file, out.metadata_offset, missing, out.metadata.data(), name, counters));
  std::copy(tail.data(), tail.data() + have, out.metadata.data() + missing);
  return out;
}

}  // namespace s3c::formats::parquet
