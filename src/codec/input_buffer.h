// A refillable window over a compressed InputStream that remembers the compressed offset of
// every byte, so decoders can say where a stream broke.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "s3c/io/streams.h"

namespace s3c::codec_internal {

class InputBuffer {
 public:
  explicit InputBuffer(std::unique_ptr<InputStream> src, size_t capacity = 256 * 1024);

  const uint8_t* data() const { return buf_.data() + pos_; }
  size_t size() const { return end_ - pos_; }
  void Consume(size_t n) { pos_ += n; }
  // Compressed offset of data()[0] (bytes of the source consumed so far).
  uint64_t offset() const { return base_ + pos_; }
  // Offset just past the last byte read from the source.
  uint64_t end_offset() const { return base_ + end_; }
  // True once the source reported its end.
  bool eof() const { return eof_; }

  // Reads more from the source after the unconsumed bytes. False at the end of the source.
  Result<bool> Fill();
  // Makes at least n bytes available unless the source ends first; returns whether it did.
  Result<bool> Ensure(size_t n);
  // Returns the last n consumed bytes (given again in bytes) to the front of the window: a
  // decoder that read ahead into its own bit buffer gives back what it did not use.
  void PushBack(const uint8_t* bytes, size_t n);
  // Consumes n bytes; false when the source ends first (everything available is consumed).
  Result<bool> Skip(uint64_t n);
  // Consumes bytes through the first one equal to stop; false when the source ends first.
  Result<bool> SkipPast(uint8_t stop);

 private:
  std::unique_ptr<InputStream> src_;
  std::vector<uint8_t> buf_;
  size_t pos_ = 0;
  size_t end_ = 0;
  uint64_t base_ = 0;
  bool eof_ = false;
};

}  // namespace s3c::codec_internal
