#include "formats/json/byte_source.h"

namespace s3c::formats::json_internal {

int ByteSource::Fill() {
  while (pos_ >= buf_.size()) {
    if (eof_) return -1;
    buf_.erase(0, mark_);
    pos_ -= mark_;
    mark_ = 0;
    if (buf_.size() >= max_marked_) {
      status_ = ResourceExhaustedError("a record is larger than the limit of " +
                                       std::to_string(max_marked_) + " bytes");
      eof_ = true;
      return -1;
    }
    size_t old = buf_.size();
    buf_.resize(old + chunk_);
    Result<size_t> n = input_->Read(buf_.data() + old, chunk_);
    if (!n.ok()) {
      status_ = n.status();
      eof_ = true;
      buf_.resize(old);
      return -1;
    }
    buf_.resize(old + *n);
    if (*n == 0) eof_ = true;
  }
  return static_cast<unsigned char>(buf_[pos_]);
}

}  // namespace s3c::formats::json_internal
