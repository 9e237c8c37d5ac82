// An OutputStream that appends to a string owned by the caller (whole-buffer helpers).
#pragma once

#include <string>

#include "s3c/io/streams.h"

namespace s3c::codec_internal {

class StringOutputStream final : public OutputStream {
 public:
  explicit StringOutputStream(std::string* dst) : dst_(dst) {}
  Status Write(const void* data, size_t n) override {
    dst_->append(static_cast<const char*>(data), n);
    return Status::OK();
  }
  Status Close() override { return Status::OK(); }
  void Abort() override { dst_->clear(); }

 private:
  std::string* dst_;
};

}  // namespace s3c::codec_internal
