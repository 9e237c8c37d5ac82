// Buffered reading of an InputStream with a byte offset and a mark: bytes from the mark on stay
// in memory (the current record's raw text), bytes before it are dropped on refill, so memory
// is bounded by the largest record plus one chunk.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "s3c/io/streams.h"

namespace s3c::formats::json_internal {

class ByteSource {
 public:
  explicit ByteSource(InputStream* input, size_t chunk = 64 << 10) : input_(input), chunk_(chunk) {}

  // The current byte, or -1 at the end of input (or after a read error: see status()).
  int Peek() {
    if (pos_ < buf_.size()) return static_cast<unsigned char>(buf_[pos_]);
    return Fill();
  }
  void Advance() {
    ++pos_;
    ++offset_;
  }
  // Offset of the current byte from the start of the stream.
  int64_t offset() const { return offset_; }

  // Keeps the bytes from the current one on (until the next Mark).
  void Mark() { mark_ = pos_; }
  // Bytes from the mark to the current position.
  std::string_view Marked() const { return std::string_view(buf_).substr(mark_, pos_ - mark_); }
  size_t marked_size() const { return pos_ - mark_; }
  // Moves back to byte `i` of the marked bytes (i <= marked_size()).
  void RewindToMarked(size_t i) {
    offset_ -= static_cast<int64_t>(pos_ - (mark_ + i));
    pos_ = mark_ + i;
  }

  // Fails reads (ResourceExhausted) once the marked bytes would exceed `n`.
  void set_max_marked(size_t n) { max_marked_ = n; }

  // The first read error, if any.
  const Status& status() const { return status_; }

 private:
  int Fill();

  InputStream* input_;
  size_t chunk_;
  std::string buf_;
  size_t pos_ = 0;
  size_t mark_ = 0;
  int64_t offset_ = 0;
  size_t max_marked_ = SIZE_MAX;
  bool eof_ = false;
  Status status_;
};

}  // namespace s3c::formats::json_internal
