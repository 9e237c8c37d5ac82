// Chunked parallel parsing with ordered results (parallel_parser.h).
#include "formats/csv/parallel_parser.h"

#include <fmt/format.h>

#include <algorithm>

#include "formats/csv/chunk_parse.h"
#include "formats/csv/chunk_splitter.h"

namespace s3c::formats::csv {

ParallelParser::ParallelParser(const CsvReadOptions& options,
                               std::shared_ptr<columnar::Schema> schema, std::string object,
                               TextSource* source, int threads)
    : options_(options),
      schema_(std::move(schema)),
      object_(std::move(object)),
      source_(source),
      pool_tasks_(std::max(0, threads - 1)),
      tasks_(Executor::Shared(), std::max(1, threads - 1)) {}

Result<std::unique_ptr<ParallelParser>> ParallelParser::Make(
    const CsvReadOptions& options, std::shared_ptr<columnar::Schema> schema, std::string object,
    TextSource* source, std::string text, bool eof, int64_t offset, int64_t line, int threads) {
  S3C_ASSIGN_OR_RETURN(auto conv, BatchConverter::Make(schema, options));
  std::unique_ptr<ParallelParser> p(
      new ParallelParser(options, schema, std::move(object), source, threads));
  p->own_ = std::make_unique<ChunkEngine>(std::move(conv), options.dialect);
  p->raw_ = source->IsUtf8();
  p->carry_ = std::move(text);
  p->source_eof_ = eof;
  p->offset_ = offset;
  p->line_ = line;
  p->max_in_flight_ = 2 * static_cast<size_t>(threads);
  return p;
}

// tasks_ goes first (declared last): no pool task runs once the other members go.
ParallelParser::~ParallelParser() = default;

void ParallelParser::Run(ChunkEngine* e, ChunkTask* t) { ParseChunk(options_, e, t); }

void ParallelParser::ParseQueued() {
  std::shared_ptr<ChunkTask> t;
  std::unique_ptr<ChunkEngine> e;
  {
    std::lock_guard<std::mutex> lk(mu_);
    if (todo_.empty()) return;  // the caller's thread parsed it (Await) or it was discarded
    t = std::move(todo_.front());
    todo_.pop_front();
    if (!engines_.empty()) {
      e = std::move(engines_.back());
      engines_.pop_back();
    }
  }
  if (e == nullptr) {
    e = std::make_unique<ChunkEngine>(std::move(*BatchConverter::Make(schema_, options_)),
                                      options_.dialect);  // checked in Make()
  }
  Run(e.get(), t.get());
  {
    std::lock_guard<std::mutex> lk(mu_);
    t->done = true;
    engines_.push_back(std::move(e));
  }
  done_cv_.notify_all();
}

Result<bool> ParallelParser::Read(ChunkText* text, size_t n) {
  if (!raw_) {
    scratch_.clear();
    S3C_ASSIGN_OR_RETURN(bool more, source_->ReadMore(&scratch_, n));
    text->Append(scratch_);
    return more;
  }
  S3C_ASSIGN_OR_RETURN(size_t got, source_->ReadRaw(text->Extend(n), n));
  text->Commit(got);
  return got > 0;
}

Result<bool> ParallelParser::Cut(ChunkText* chunk, bool* at_eof) {
  if (input_done_) return false;
  const size_t base = std::max<size_t>(options_.parallel_chunk_bytes, 1);
  ChunkText text;
  if (!spare_.empty()) {
    text = std::move(spare_.back());
    spare_.pop_back();
  }
  text.Assign(carry_);
  carry_.clear();
  size_t target = std::max(base, min_chunk_);
  const size_t min_split = min_chunk_ > base ? min_chunk_ - base : 0;
  min_chunk_ = 0;
  // Past this size the parity guess is given up for any line end (the chunk then proves or
  // disproves it like any other cut).
  const size_t cap = target + static_cast<size_t>(std::max<int64_t>(options_.max_record_bytes, 0));
  while (true) {
    while (!source_eof_ && text.size() < target) {
      S3C_ASSIGN_OR_RETURN(bool more, Read(&text, target - text.size()));
      if (!more) source_eof_ = true;
    }
    size_t split = 0;
    if (!source_eof_ || text.size() > target) {
      split = FindChunkSplit(text.view(), options_.dialect);
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
      size_t nl = text.view().rfind('\n');
      split = nl != std::string::npos && nl + 1 > min_split ? nl + 1 : text.size();
    }
    if (split > 0) {
      carry_.assign(text.view().substr(split));
      text.Truncate(split);
      *chunk = std::move(text);
      *at_eof = false;
      return true;
    }
    target = text.size() * 2;
  }
}

void ParallelParser::Submit(ChunkText chunk, bool at_eof) {
  auto t = std::make_shared<ChunkTask>();
  t->text = std::move(chunk);
  t->at_eof = at_eof;
  t->validate = raw_;
  order_.push_back(t);
  {
    std::lock_guard<std::mutex> lk(mu_);
    todo_.push_back(std::move(t));
  }
  if (pool_tasks_ > 0) {
    tasks_.Submit([this] {
      ParseQueued();
      return Status::OK();  // a chunk's error is in its ChunkTask
    });
  }
}

Status ParallelParser::Fill() {
  while (order_.size() < max_in_flight_) {
    ChunkText chunk;
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
  for (auto& t : order_) text += t->text.view();
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
  std::shared_ptr<ChunkTask> t = order_.front();
  Await(t.get());
  order_.pop_front();
  S3C_RETURN_IF_ERROR(t->status);
  if (t->bad_utf8 >= 0) return source_->InvalidUtf8At(offset_ + t->bad_utf8);
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
    Reset(std::string(t->text.view().substr(t->consumed)));
  }
  if (spare_.size() < max_in_flight_) spare_.push_back(std::move(t->text));
  return out;
}

void ParallelParser::Await(const ChunkTask* t) {
  while (true) {
    std::shared_ptr<ChunkTask> mine;
    {
      std::unique_lock<std::mutex> lk(mu_);
      if (t->done) return;
      if (todo_.empty()) {
        done_cv_.wait(lk, [&] { return t->done; });
        return;
      }
      mine = std::move(todo_.front());
      todo_.pop_front();
    }
    Run(own_.get(), mine.get());
    {
      std::lock_guard<std::mutex> lk(mu_);
      mine->done = true;
    }
  }
}

}  // namespace s3c::formats::csv
