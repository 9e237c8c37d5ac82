// An InputStream that first returns bytes already read from src (a peeked prefix), then the
// rest of src, so detection can look at the head of a stream without losing it.
#pragma once

#include <memory>
#include <string>

#include "s3c/io/streams.h"

namespace s3c::codec_internal {

class PrefixedInputStream final : public InputStream {
 public:
  PrefixedInputStream(std::string prefix, std::unique_ptr<InputStream> src)
      : prefix_(std::move(prefix)), src_(std::move(src)) {}
  Result<size_t> Read(void* out, size_t n) override;

 private:
  std::string prefix_;
  size_t pos_ = 0;
  std::unique_ptr<InputStream> src_;
};

// Reads up to n bytes from src (fewer only at its end).
Result<std::string> ReadPrefix(InputStream& src, size_t n);

}  // namespace s3c::codec_internal
