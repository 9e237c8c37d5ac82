// The work on one chunk of the parallel parser (parallel_parser.h), done on whichever thread
// takes it: UTF-8 validation of undecoded text, then tokenizing and converting.
#pragma once

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "formats/csv/batch_converter.h"
#include "formats/csv/csv_tokenizer_internal.h"
#include "s3c/columnar/record_batch.h"
#include "s3c/formats/csv/csv_options.h"

namespace s3c::formats::csv {

struct ChunkRejected {
  int64_t line;
  int64_t offset;
  std::string reason;
  std::string raw;
};

// A chunk's text: grown without zero-filling, since input is read straight into it.
class ChunkText {
 public:
  ChunkText() = default;
  ChunkText(ChunkText&& o) noexcept { *this = std::move(o); }
  ChunkText& operator=(ChunkText&& o) noexcept {
    data_ = std::move(o.data_);
    size_ = std::exchange(o.size_, 0);
    capacity_ = std::exchange(o.capacity_, 0);
    return *this;
  }

  std::string_view view() const { return {data_.get(), size_}; }
  size_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  void Assign(std::string_view s) {
    size_ = 0;
    Append(s);
  }
  void Append(std::string_view s) {
    std::memcpy(Extend(s.size()), s.data(), s.size());
    size_ += s.size();
  }
  // Room for `n` more bytes at the end; Commit() counts those written.
  char* Extend(size_t n);
  void Commit(size_t n) { size_ += n; }
  void Truncate(size_t n) { size_ = std::min(size_, n); }

 private:
  std::unique_ptr<char[]> data_;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

struct ChunkTask {
  ChunkText text;
  bool at_eof = false;
  // The text is undecoded UTF-8: validated first, repaired in place under kReplace.
  bool validate = false;
  bool done = false;  // guarded by the parser's mutex
  Status status;
  int64_t bad_utf8 = -1;  // offset in text of invalid UTF-8 under kError (nothing parsed)
  std::vector<std::shared_ptr<columnar::RecordBatch>> batches;  // each <= batch_rows rows
  std::vector<ChunkRejected> rejected;  // in input order; line / offset relative to the chunk
  size_t consumed = 0;                  // text bytes up to the end of the last whole record
  int64_t lines = 0;                    // line ends in them
};

// A parsing thread's tokenizer and converter.
struct ChunkEngine {
  ChunkEngine(std::unique_ptr<BatchConverter> c, const CsvDialect& d)
      : conv(std::move(c)), tok(d) {}
  std::unique_ptr<BatchConverter> conv;
  CsvTokenizer tok;
  TokenBatch tb;
};

void ParseChunk(const CsvReadOptions& options, ChunkEngine* e, ChunkTask* t);

}  // namespace s3c::formats::csv
