#include "codec/input_buffer.h"

#include <cstring>

namespace s3c::codec_internal {

InputBuffer::InputBuffer(std::unique_ptr<InputStream> src, size_t capacity)
    : src_(std::move(src)), buf_(capacity) {}

Result<bool> InputBuffer::Fill() {
  if (eof_) return false;
  if (pos_ > 0) {
    size_t left = end_ - pos_;
    if (left > 0) std::memmove(buf_.data(), buf_.data() + pos_, left);
    base_ += pos_;
    pos_ = 0;
    end_ = left;
  }
  if (end_ == buf_.size()) buf_.resize(buf_.size() * 2);
  S3C_ASSIGN_OR_RETURN(size_t got, src_->Read(buf_.data() + end_, buf_.size() - end_));
  if (got == 0) {
    eof_ = true;
    return false;
  }
  end_ += got;
  return true;
}

void InputBuffer::PushBack(const uint8_t* bytes, size_t n) {
  if (pos_ < n) {
    size_t left = end_ - pos_;
    size_t room = n - pos_;
    if (end_ + room > buf_.size()) buf_.resize(end_ + room);
    std::memmove(buf_.data() + n, buf_.data() + pos_, left);
    base_ -= room;
    end_ = n + left;
    pos_ = n;
  }
  pos_ -= n;
  std::memcpy(buf_.data() + pos_, bytes, n);
}

Result<bool> InputBuffer::Ensure(size_t n) {
  while (size() < n) {
    S3C_ASSIGN_OR_RETURN(bool more, Fill());
    if (!more) return false;
  }
  return true;
}

Result<bool> InputBuffer::Skip(uint64_t n) {
  while (n > 0) {
    if (size() == 0) {
      S3C_ASSIGN_OR_RETURN(bool more, Fill());
      if (!more) return false;
    }
    size_t step = size() < n ? size() : static_cast<size_t>(n);
    Consume(step);
    n -= step;
  }
  return true;
}

Result<bool> InputBuffer::SkipPast(uint8_t stop) {
  while (true) {
    if (size() == 0) {
      S3C_ASSIGN_OR_RETURN(bool more, Fill());
      if (!more) return false;
    }
    const void* hit = std::memchr(data(), stop, size());
    if (hit != nullptr) {
      Consume(static_cast<const uint8_t*>(hit) - data() + 1);
      return true;
    }
    Consume(size());
  }
}

}  // namespace s3c::codec_internal
