// An InputStream over a string that hands out at most `chunk` bytes per Read, so readers meet
// every buffer boundary (tests of the format readers). Header-only.
#pragma once

#include <algorithm>
#include <cstring>
#include <string>

#include "s3c/io/streams.h"

namespace s3c::testing {

class ChunkedInput final : public InputStream {
 public:
  ChunkedInput(std::string data, size_t chunk) : data_(std::move(data)), chunk_(chunk) {}
  Result<size_t> Read(void* out, size_t n) override {
    size_t k = std::min({n, chunk_, data_.size() - pos_});
    std::memcpy(out, data_.data() + pos_, k);
    pos_ += k;
    return k;
  }

 private:
  std::string data_;
  size_t chunk_;
  size_t pos_ = 0;
};

}  // namespace s3c::testing
