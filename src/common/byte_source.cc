#include "s3c/common/byte_source.h"

#include <algorithm>
#include <cstring>

namespace s3c {

int ByteSource::Fill() {
  while (pos_ >= limit_) {
    if (pos_ >= size_ && eof_) return -1;
    if (pos_ - mark_ >= max_marked_) {
      if (status_.ok()) {
        status_ = ResourceExhaustedError("a record is larger than the limit of " +
                                         std::to_string(max_marked_) + " bytes");
      }
      eof_ = true;
      return -1;
    }
    if (pos_ < size_) {
      SetLimit();
      continue;
    }
    if (mark_ > 0) {
      std::memmove(buf_.get(), data_ + mark_, size_ - mark_);
      size_ -= mark_;
      pos_ -= mark_;
      mark_ = 0;
    }
    if (capacity_ - size_ < chunk_) {
      size_t capacity = std::max(size_ + chunk_, capacity_ * 2);
      auto grown = std::make_unique_for_overwrite<char[]>(capacity);
      if (size_ > 0) std::memcpy(grown.get(), buf_.get(), size_);
      buf_ = std::move(grown);
      data_ = buf_.get();
      capacity_ = capacity;
    }
    Result<size_t> n = read_(buf_.get() + size_, chunk_);
    if (!n.ok()) {
      status_ = n.status();
      eof_ = true;
      return -1;
    }
    size_ += *n;
    if (*n == 0) eof_ = true;
    SetLimit();
  }
  return static_cast<unsigned char>(data_[pos_]);
}

}  // namespace s3c
