#include "codec/decompressor_base.h"

#include <fmt/format.h>

namespace s3c::codec_internal {
Status TruncatedError(std::string_view what, uint64_t offset, std::string_view name,
                      std::string_view expected) {
  return DataLossError(
      fmt::format("{} truncated at byte {} of {}: expected {}", what, offset, name, expected));
}

Status CorruptError(std::string_view what, uint64_t offset, std::string_view name,
                    std::string_view detail) {
  return DataLossError(fmt::format("{} corrupt at byte {} of {}: {}", what, offset, name, detail));
}

Result<size_t> DecompressorBase::Read(void* out, size_t n) {
  if (!status_.ok()) return status_;
  if (done_ || n == 0) return size_t{0};
  Result<size_t> got = ReadSome(static_cast<uint8_t*>(out), n);
  if (!got.ok()) {
    status_ = got.status();
  } else if (*got == 0) {
    done_ = true;
  }
  return got;
}

}  // namespace s3c::codec_internal
