#include "s3c/common/byte_source.h"

#include <algorithm>
#include <cstring>

namespace s3c {

int ByteSource::Fill() {
  while (pos_ >= size_) {
    if (eof_) return -1;
    if (mark_ > 0) {
      std::memmove(buf_.get(), data_ + mark_, size_ - mark_);
      size_ -= mark_;
      pos_ -= mark_;
      mark_ = 0;
    }
    if (size_ >= max_marked_) {
      status_ = ResourceExhaustedError("a record is larger than the limit of " +
                                       std::to_string(max_marked_) + " bytes");
      eof_ = true;
      return -1;
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
  }
  return static_cast<unsigned char>(data_[pos_]);
}

}  // namespace s3c
