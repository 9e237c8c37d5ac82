// The single-threaded record source: decoded text in a growing buffer, tokenized in place.
// Positions are in the UTF-8 text (after transcoding); lines are 1-based.
#pragma once

#include <memory>
#include <string>

#include "formats/csv/csv_tokenizer_internal.h"
#include "s3c/formats/text_decoder.h"

namespace s3c::formats::csv {

class RecordBuffer {
 public:
  RecordBuffer(TextSource* source, const CsvReadOptions& options, std::string object)
      : source_(source), options_(options), object_(std::move(object)), tok_(options.dialect) {}

  // Reads the first piece of text and drops options.skip_rows physical lines.
  Status Start();
  // Reads until at least `bytes` of unread text are buffered or the input ends.
  Status Prefetch(size_t bytes);
  // The buffered text not read yet, and whether the input ends with it.
  std::string_view Unread() const { return std::string_view(buf_).substr(pos_); }
  bool at_eof() const { return eof_; }
  // Tokenizes from now on with `dialect` (after detection, before any record is read).
  void SetDialect(const CsvDialect& dialect) { tok_ = CsvTokenizer(dialect); }
  // Tokenizes up to max_records records at the read position into *batch (cleared first; its
  // spans point into data()). False at the end of input. Does not consume: call Consume().
  Result<bool> Tokenize(size_t max_records, TokenBatch* batch);
  void Consume(const TokenBatch& batch) {
    pos_ += batch.consumed;
    line_ += batch.lines;
  }
  const char* data() const { return buf_.data() + pos_; }
  int64_t offset() const { return base_offset_ + static_cast<int64_t>(pos_); }
  int64_t line() const { return line_; }

  // While kept, text from the current position on stays buffered so Rewind() can return here.
  struct Mark {
    int64_t offset = 0;
    int64_t line = 1;
  };
  Mark Keep() {
    keep_ = true;
    return Mark{offset(), line_};
  }
  void Rewind(const Mark& m) {
    pos_ = static_cast<size_t>(m.offset - base_offset_);
    line_ = m.line;
    keep_ = false;
  }

  // True when the input has ended and at most `bytes` of text are left (no point in threads).
  bool AllBuffered(size_t bytes) const { return eof_ && buf_.size() - pos_ <= bytes; }
  // Hands the unread text over (for the parallel parser); *eof: nothing more to read.
  std::string TakeRest(bool* eof);

  std::string Where(int64_t line, int64_t offset) const;

 private:
  Status Fill();

  TextSource* source_;
  const CsvReadOptions& options_;
  std::string object_;
  CsvTokenizer tok_;
  std::string buf_;
  size_t pos_ = 0;
  bool eof_ = false;
  bool keep_ = false;
  int64_t base_offset_ = 0;  // text offset of buf_[0]
  int64_t line_ = 1;         // line number at pos_
};

}  // namespace s3c::formats::csv
