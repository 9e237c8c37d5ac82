// Raw deflate (RFC 1951) decoding over an InputBuffer, shared by gzip and zip. The inflater
// reads exactly one deflate stream and leaves the bytes after it in the buffer, so the caller
// handles the wrapper (gzip member trailer, zip data descriptor) itself.
#pragma once

#include <memory>
#include <string>

#include "codec/input_buffer.h"

namespace s3c::codec_internal {

class RawInflater {
 public:
  virtual ~RawInflater() = default;
  // Starts a new deflate stream.
  virtual void Reset() = 0;
  // Writes up to n (> 0) bytes to out; returns 0 only once the deflate stream has ended.
  // Errors are DataLoss naming what (e.g. "gzip member") and name.
  virtual Result<size_t> Read(InputBuffer& in, uint8_t* out, size_t n) = 0;
};

// ISA-L's isal_inflate (the fast path).
Result<std::unique_ptr<RawInflater>> MakeIsalInflater(std::string what, std::string name);
// zlib's inflate (fallback).
Result<std::unique_ptr<RawInflater>> MakeZlibInflater(std::string what, std::string name);

}  // namespace s3c::codec_internal
