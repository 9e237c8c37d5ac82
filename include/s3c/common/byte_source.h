// Buffered reading of a byte stream with a byte offset and a mark: bytes from the mark on stay
// in memory (the current record's raw text), bytes before it are dropped on refill, so memory
// is bounded by the largest record plus one chunk. The stream is a read function (common sits
// below io: the JSON reader passes InputStream::Read), called once per chunk, never per byte.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <utility>

#include "s3c/common/status.h"

namespace s3c {

class ByteSource {
 public:
  // Reads up to `max` bytes into `dst`; 0 at the end of the stream.
  using ReadFn = std::function<Result<size_t>(char* dst, size_t max)>;

  explicit ByteSource(ReadFn read, size_t chunk = 64 << 10)
      : read_(std::move(read)), chunk_(chunk) {}
  // Reads `bytes` alone (not copied: they must outlive the source); offsets start at 0.
  explicit ByteSource(std::string_view bytes)
      : chunk_(0), data_(bytes.data()), size_(bytes.size()), limit_(size_), eof_(true) {}

  // The current byte, or -1 at the end of input (or after a read error or past the limit of
  // marked bytes: see status()).
  int Peek() {
    if (pos_ < limit_) return static_cast<unsigned char>(data_[pos_]);
    return Fill();
  }
  void Advance() {
    ++pos_;
    ++offset_;
  }
  // The bytes buffered from the current one on (possibly empty; Peek() reads more).
  std::string_view Buffered() const { return std::string_view(data_ + pos_, size_ - pos_); }
  // Moves past n buffered bytes (n <= Buffered().size()).
  void Skip(size_t n) {
    pos_ += n;
    offset_ += static_cast<int64_t>(n);
  }
  // Offset of the current byte from the start of the stream.
  int64_t offset() const { return offset_; }
  // Numbers the current byte `offset` (and those after it from there): for a source that starts
  // in the middle of a stream (a chunk of it, or its unread rest).
  void set_offset(int64_t offset) { offset_ = offset; }

  // Keeps the bytes from the current one on (until the next Mark).
  void Mark() {
    mark_ = pos_;
    SetLimit();
  }
  // Bytes from the mark to the current position.
  std::string_view Marked() const { return std::string_view(data_ + mark_, pos_ - mark_); }
  size_t marked_size() const { return pos_ - mark_; }
  // Moves back to byte `i` of the marked bytes (i <= marked_size()).
  void RewindToMarked(size_t i) {
    offset_ -= static_cast<int64_t>(pos_ - (mark_ + i));
    pos_ = mark_ + i;
  }

  // Fails Peek() (ResourceExhausted) at the byte that would make the marked bytes exceed `n`:
  // the same byte whatever sizes the read function returns.
  void set_max_marked(size_t n) {
    max_marked_ = n;
    SetLimit();
  }

  // The first read error, if any.
  const Status& status() const { return status_; }

 private:
  int Fill();
  // limit_: where Peek() stops serving buffered bytes (the buffer's end, or the limit of marked
  // bytes before it).
  void SetLimit() { limit_ = size_ - mark_ > max_marked_ ? mark_ + max_marked_ : size_; }

  ReadFn read_;
  size_t chunk_;
  std::unique_ptr<char[]> buf_;  // capacity_ bytes allocated (not zeroed)
  const char* data_ = nullptr;   // buf_, or the bytes of a source over bytes
  size_t size_ = 0;              // bytes at data_
  size_t limit_ = 0;             // <= size_
  size_t capacity_ = 0;
  size_t pos_ = 0;
  size_t mark_ = 0;
  int64_t offset_ = 0;
  size_t max_marked_ = SIZE_MAX;
  bool eof_ = false;
  Status status_;
};

}  // namespace s3c
