// Shared skeleton of every compressing OutputStream. Close() finishes the compressed stream,
// then closes the inner stream; destruction or Abort() before a successful Close() aborts the
// inner stream (docs/architecture.md, convention 7). After an error every call returns it.
#pragma once

#include <cstdint>
#include <memory>
#include <vector>

#include "s3c/io/streams.h"

namespace s3c::codec_internal {

class CompressorBase : public OutputStream {
 public:
  explicit CompressorBase(std::unique_ptr<OutputStream> out) : out_(std::move(out)) {}
  ~CompressorBase() override;

  Status Write(const void* data, size_t n) final;
  Status Close() final;
  void Abort() final;
  // The encoder's state and output buffer (state_bytes()) plus what the inner stream holds.
  uint64_t buffered_bytes() const final { return state_bytes() + out_->buffered_bytes(); }

 protected:
  // Compresses n bytes (n > 0), writing whatever output is ready with Emit().
  virtual Status Encode(const uint8_t* data, size_t n) = 0;
  // Flushes and ends the compressed stream.
  virtual Status Finish() = 0;
  // Memory the encoder holds for its whole life: its library's state at the chosen level (as
  // the library documents or computes it) and its own buffers. Constant after Init.
  virtual uint64_t state_bytes() const = 0;

  Status Emit(const void* data, size_t n) { return n == 0 ? Status::OK() : out_->Write(data, n); }

 private:
  std::unique_ptr<OutputStream> out_;
  Status status_;
  bool closed_ = false;
};

}  // namespace s3c::codec_internal
