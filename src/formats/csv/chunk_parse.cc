// One chunk of the parallel parser: validation and parsing (chunk_parse.h).
#include "formats/csv/chunk_parse.h"

#include <algorithm>

#include "s3c/formats/text_decoder.h"

namespace s3c::formats::csv {
namespace {

std::string_view StripLineEnd(std::string_view s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

void Process(const CsvReadOptions& options, CsvTokenizer* tok, BatchConverter* conv, TokenBatch* tb,
             ChunkTask* t) {
  // Pieces of a few thousand records keep the spans and the text they point into in cache
  // while every column passes over them.
  constexpr size_t kPiece = 8192;
  const size_t per = static_cast<size_t>(std::max<int64_t>(options.batch_rows, 1));
  const std::string_view text = t->text.view();
  std::vector<Rejection> rejected;
  size_t pos = 0;
  int64_t lines = 0;
  size_t in_batch = 0;
  int64_t accepted = 0;
  while (true) {
    tb->Clear();
    const TokenizeStatus st =
        tok->Tokenize(text.substr(pos), t->at_eof, std::min(kPiece, per - in_batch), tb);
    const size_t n = tb->records.size();
    if (n > 0) {
      const char* data = text.data() + pos;
      rejected.clear();
      // Sized once per batch from the records left in the chunk (at this piece's density),
      // so that columns do not grow piece by piece.
      const size_t left =
          in_batch == 0 && tb->consumed > 0 ? n * (text.size() - pos) / tb->consumed * 17 / 16 : n;
      conv->Reserve(static_cast<int64_t>(std::clamp(left, n, per - in_batch)));
      accepted += conv->Convert(RecordRange{tb, data, 0, n}, &rejected);
      for (Rejection& r : rejected) {
        const RecordSpan& rec = tb->records[r.record];
        t->rejected.push_back(ChunkRejected{
            lines + rec.line, static_cast<int64_t>(pos + rec.begin), std::move(r.reason),
            std::string(StripLineEnd(std::string_view(data + rec.begin, rec.end - rec.begin)))});
      }
      in_batch += n;
    }
    pos += tb->consumed;
    lines += tb->lines;
    const bool end = st != TokenizeStatus::kRecord;
    if (in_batch == per || end) {
      if (accepted > 0) {
        auto b = conv->Finish(accepted);
        if (!b.ok()) {
          t->status = b.status();
          return;
        }
        t->batches.push_back(std::move(*b));
      }
      accepted = 0;
      in_batch = 0;
    }
    if (end) break;
  }
  t->consumed = pos;
  t->lines = lines;
}

}  // namespace

char* ChunkText::Extend(size_t n) {
  if (size_ + n > capacity_) {
    // A quarter more at least, so that short reads stay linear.
    const size_t cap = std::max(size_ + n, capacity_ + capacity_ / 4);
    std::unique_ptr<char[]> grown(new char[cap]);
    if (size_ > 0) std::memcpy(grown.get(), data_.get(), size_);
    data_ = std::move(grown);
    capacity_ = cap;
  }
  return data_.get() + size_;
}

void ParseChunk(const CsvReadOptions& options, ChunkEngine* e, ChunkTask* t) {
  if (t->validate) {
    const std::string_view text = t->text.view();
    const size_t valid = ValidUtf8Prefix(text);
    if (valid < text.size()) {
      std::string out(text.substr(0, valid));
      size_t bad_at = 0;
      const std::string_view rest = text.substr(valid);
      const size_t used =
          DecodeToUtf8(rest, CsvEncoding::kUtf8, options.invalid_utf8, t->at_eof, &out, &bad_at);
      if (used == SIZE_MAX) {
        t->bad_utf8 = static_cast<int64_t>(valid + bad_at);
        return;
      }
      out.append(rest.substr(used));  // a character the cut split (no line end after it)
      t->text.Assign(out);
    }
  }
  Process(options, &e->tok, e->conv.get(), &e->tb, t);
}

}  // namespace s3c::formats::csv
