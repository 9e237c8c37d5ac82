// Shared skeleton of every decompressing InputStream: the compressed input window, sticky
// errors, and DataLoss messages that name the object and the compressed offset.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "codec/input_buffer.h"
#include "s3c/io/streams.h"

namespace s3c::codec_internal {

// "<what> truncated at byte <offset> of <name>: expected <expected>"
Status TruncatedError(std::string_view what, uint64_t offset, std::string_view name,
                      std::string_view expected);
// "<what> corrupt at byte <offset> of <name>: <detail>"
Status CorruptError(std::string_view what, uint64_t offset, std::string_view name,
                    std::string_view detail);

class DecompressorBase : public InputStream {
 public:
  DecompressorBase(std::unique_ptr<InputStream> src, std::string name)
      : in_(std::move(src)), name_(name.empty() ? "<unnamed stream>" : std::move(name)) {}

  // Returns the first error again on every later call.
  Result<size_t> Read(void* out, size_t n) final;

 protected:
  // Fills out with up to n (> 0) bytes; returns 0 only at the true end of the data.
  virtual Result<size_t> ReadSome(uint8_t* out, size_t n) = 0;

  Status Truncated(std::string_view what, std::string_view expected) const {
    return TruncatedError(what, in_.end_offset(), name_, expected);
  }
  Status Corrupt(std::string_view what, std::string_view detail) const {
    return CorruptError(what, in_.offset(), name_, detail);
  }

  InputBuffer in_;
  std::string name_;

 private:
  Status status_;
  bool done_ = false;
};

}  // namespace s3c::codec_internal
