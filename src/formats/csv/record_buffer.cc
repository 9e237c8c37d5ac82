// Single-threaded record source (record_buffer.h).
#include "formats/csv/record_buffer.h"

#include <fmt/format.h>

#include <algorithm>

namespace s3c::formats::csv {
namespace {

// Spans hold 32-bit offsets: one tokenizer call sees at most this much text.
constexpr size_t kMaxView = size_t{1} << 31;

}  // namespace

std::string RecordBuffer::Where(int64_t line, int64_t offset) const {
  return fmt::format("{}:{}: byte offset {}", object_, line, offset);
}

Status RecordBuffer::Fill() {
  if (pos_ > 0 && !keep_) {
    buf_.erase(0, pos_);
    base_offset_ += static_cast<int64_t>(pos_);
    pos_ = 0;
  }
  // Geometric growth keeps re-tokenizing a record longer than the buffer linear.
  // Streams may return short reads: keep reading until the whole chunk arrived.
  const size_t chunk = std::max(std::max<size_t>(options_.read_chunk_bytes, 1), buf_.size());
  const size_t before = buf_.size();
  while (!eof_ && buf_.size() - before < chunk) {
    S3C_ASSIGN_OR_RETURN(bool more, source_->ReadMore(&buf_, chunk - (buf_.size() - before)));
    if (!more) eof_ = true;
  }
  return Status::OK();
}

Status RecordBuffer::Prefetch(size_t bytes) {
  while (!eof_ && buf_.size() - pos_ < bytes) S3C_RETURN_IF_ERROR(Fill());
  return Status::OK();
}

Status RecordBuffer::Start() {
  S3C_RETURN_IF_ERROR(Fill());
  int64_t left = options_.skip_rows;
  while (left > 0) {
    size_t consumed = 0;
    std::string_view data(buf_.data() + pos_, buf_.size() - pos_);
    int64_t n = CsvTokenizer::SkipLines(data, left, eof_, &consumed);
    pos_ += consumed;
    line_ += n;
    left -= n;
    if (left > 0) {
      if (eof_) break;
      S3C_RETURN_IF_ERROR(Fill());
    }
  }
  return Status::OK();
}

Result<bool> RecordBuffer::Tokenize(size_t max_records, TokenBatch* batch) {
  while (true) {
    batch->Clear();
    const size_t avail = buf_.size() - pos_;
    const size_t view = std::min(avail, kMaxView);
    TokenizeStatus st = tok_.Tokenize(std::string_view(buf_.data() + pos_, view),
                                      eof_ && view == avail, max_records, batch);
    if (!batch->records.empty()) return true;
    if (st == TokenizeStatus::kEnd) {
      Consume(*batch);  // trailing comment / blank lines
      return false;
    }
    const auto limit = std::min<int64_t>(options_.max_record_bytes, int64_t{1} << 30);
    if (static_cast<int64_t>(avail) > limit) {
      return DataLossError(
          fmt::format("{}: record longer than max_record_bytes {} (unterminated quote?)",
                      Where(line_, offset()), options_.max_record_bytes));
    }
    S3C_RETURN_IF_ERROR(Fill());
  }
}

std::string RecordBuffer::TakeRest(bool* eof) {
  std::string rest = buf_.substr(pos_);
  base_offset_ += static_cast<int64_t>(buf_.size());
  buf_.clear();
  pos_ = 0;
  *eof = eof_;
  return rest;
}

}  // namespace s3c::formats::csv
