// Chunked parallel parsing with ordered results (parallel_parser.h).
#include "formats/csv/parallel_parser.h"

#include <fmt/format.h>

#include <algorithm>

#include "formats/csv/batch_converter.h"
#include "formats/csv/chunk_splitter.h"
#include "formats/csv/csv_tokenizer_internal.h"

namespace s3c::formats::csv {

struct ParallelParser::Task {
  std::string text;
  bool at_eof = false;
  bool done = false;  // guarded by mu_
  Status status;
  std::vector<std::shared_ptr<columnar::RecordBatch>> batches;
  std::vector<ChunkOutput::Rejected> rejected;  // relative line / offset
  size_t consumed = 0;
  int64_t lines = 0;
};

namespace {

std::string_view StripLineEnd(std::string_view s) {
  while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

void Process(const CsvReadOptions& options, CsvTokenizer* tok, BatchConverter* conv, TokenBatch* tb,
             ParallelParser::Task* t);

}  // namespace

ParallelParser::ParallelParser(const CsvReadOptions& options, std::string object,
                               TextSource* source)
    : options_(options), object_(std::move(object)), source_(source) {}

Result<std::unique_ptr<ParallelParser>> ParallelParser::Make(
    const CsvReadOptions& options, std::shared_ptr<columnar::Schema> schema, std::string object,
    TextSource* source, std::string text, bool eof, int64_t offset, int64_t line, int threads) {
  S3C_RETURN_IF_ERROR(BatchConverter::Make(schema, options).status());
  std::unique_ptr<ParallelParser> p(new ParallelParser(options, std::move(object), source));
  p->carry_ = std::move(text);
  p->source_eof_ = eof;
  p->offset_ = offset;
  p->line_ = line;
  p->max_in_flight_ = 2 * static_cast<size_t>(threads);
  for (int i = 0; i < threads; ++i)
    p->workers_.emplace_back([q = p.get(), schema] { q->Work(schema); });
  return p;
}

ParallelParser::~ParallelParser() {
  {
    std::lock_guard<std::mutex> lk(mu_);
    stop_ = true;
  }
  work_cv_.notify_all();
  for (auto& w : workers_) w.join();
}

void ParallelParser::Work(std::shared_ptr<columnar::Schema> schema) {
  auto conv = BatchConverter::Make(std::move(schema), options_);  // checked in Make()
  CsvTokenizer tok(options_.dialect);
  TokenBatch tb;
  while (true) {
    std::shared_ptr<Task> t;
    {
      std::unique_lock<std::mutex> lk(mu_);
      work_cv_.wait(lk, [&] { return stop_ || !todo_.empty(); });
      if (stop_) return;
      t = std::move(todo_.front());
      todo_.pop_front();
    }
    Process(options_, &tok, conv->get(), &tb, t.get());
    {
      std::lock_guard<std::mutex> lk(mu_);
      t->done = true;
    }
    done_cv_.notify_all();
  }
}

Result<bool> ParallelParser::Cut(std::string* chunk, bool* at_eof) {
  if (input_done_) return false;
  std::string text = std::move(carry_);
  carry_.clear();
  const size_t base = std::max<size_t>(options_.parallel_chunk_bytes, 1);
  size_t target = std::max(base, min_chunk_);
  const size_t min_split = min_chunk_ > base ? min_chunk_ - base : 0;
  min_chunk_ = 0;
  // Past this size the parity guess is given up for any line end (the chunk then proves or
  // disproves it like any other cut).
  const size_t cap = target + static_cast<size_t>(std::max<int64_t>(options_.max_record_bytes, 0));
  while (true) {
    while (!source_eof_ && text.size() < target) {
      S3C_ASSIGN_OR_RETURN(bool more, source_->ReadMore(&text, target - text.size()));
      if (!more) source_eof_ = true;
    }
    size_t split = 0;
    if (!source_eof_ || text.size() > target) {
      split = FindChunkSplit(text, options_.dialect);
      if (split <= min_split) split = 0;
    }
    if (split == 0 && source_eof_) {
      input_done_ = true;
      if (text.empty()) return false;
      *chunk = std::move(text);
      *at_eof = true;
      return true;
    }
    if (split == 0 && text.size() >= cap) {
      size_t nl = text.rfind('\n');
      split = nl != std::string::npos && nl + 1 > min_split ? nl + 1 : text.size();
    }
    if (split > 0) {
      carry_ = text.substr(split);
      text.resize(split);
      *chunk = std::move(text);
      *at_eof = false;
      return true;
    }
    target = text.size() * 2;
  }
}

void ParallelParser::Submit(std::string chunk, bool at_eof) {
  auto t = std::make_shared<Task>();
  t->text = std::move(chunk);
  t->at_eof = at_eof;
  order_.push_back(t);
  {
    std::lock_guard<std::mutex> lk(mu_);
    todo_.push_back(std::move(t));
  }
  work_cv_.notify_one();
}

Status ParallelParser::Fill() {
  while (order_.size() < max_in_flight_) {
    std::string chunk;
    bool at_eof = false;
    S3C_ASSIGN_OR_RETURN(bool got, Cut(&chunk, &at_eof));
    if (!got) break;
    Submit(std::move(chunk), at_eof);
  }
  return Status::OK();
}

void ParallelParser::Reset(std::string leftover) {
  {
    std::unique_lock<std::mutex> lk(mu_);
    for (auto& t : todo_) t->done = true;  // never started
    todo_.clear();
    done_cv_.wait(lk, [&] {
      return std::all_of(order_.begin(), order_.end(), [](const auto& t) { return t->done; });
    });
  }
  const size_t left = leftover.size();
  std::string text = std::move(leftover);
  for (auto& t : order_) text += t->text;
  text += carry_;
  order_.clear();
  carry_ = std::move(text);
  input_done_ = false;
  // The record at the leftover's start ends past it: the next cut must lie beyond.
  min_chunk_ = std::max<size_t>(options_.parallel_chunk_bytes, 1) + left;
}

Result<std::unique_ptr<ChunkOutput>> ParallelParser::Next() {
  S3C_RETURN_IF_ERROR(failed_);
  S3C_RETURN_IF_ERROR(Fill());
  if (order_.empty()) return std::unique_ptr<ChunkOutput>();
  std::shared_ptr<Task> t = order_.front();
  {
    std::unique_lock<std::mutex> lk(mu_);
    done_cv_.wait(lk, [&] { return t->done; });
  }
  order_.pop_front();
  S3C_RETURN_IF_ERROR(t->status);
  auto out = std::make_unique<ChunkOutput>();
  out->batches = std::move(t->batches);
  out->rejected = std::move(t->rejected);
  for (auto& r : out->rejected) {
    r.line += line_;
    r.offset += offset_;
  }
  offset_ += static_cast<int64_t>(t->consumed);
  line_ += t->lines;
  if (t->consumed < t->text.size()) {
    const auto left = static_cast<int64_t>(t->text.size() - t->consumed);
    if (left > std::min<int64_t>(options_.max_record_bytes, int64_t{1} << 30)) {
      // Reported after this chunk's rows, where a sequential read meets it.
      failed_ = DataLossError(fmt::format(
          "{}:{}: byte offset {}: record longer than max_record_bytes {} (unterminated quote?)",
          object_, line_, offset_, options_.max_record_bytes));
      return out;
    }
    Reset(t->text.substr(t->consumed));
  }
  return out;
}

namespace {

void Process(const CsvReadOptions& options, CsvTokenizer* tok, BatchConverter* conv, TokenBatch* tb,
             ParallelParser::Task* t) {
  // Pieces of a few thousand records keep the spans and the text they point into in cache
  // while every column passes over them.
  constexpr size_t kPiece = 8192;
  const size_t per = static_cast<size_t>(std::max<int64_t>(options.batch_rows, 1));
  const std::string_view text = t->text;
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
      conv->Reserve(static_cast<int64_t>(n));
      accepted += conv->Convert(RecordRange{tb, data, 0, n}, &rejected);
      for (Rejection& r : rejected) {
        const RecordSpan& rec = tb->records[r.record];
        t->rejected.push_back(ChunkOutput::Rejected{
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
}  // namespace s3c::formats::csv
