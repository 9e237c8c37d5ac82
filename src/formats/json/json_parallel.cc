// Chunked parallel parsing of a stream of JSON values with ordered results (json_parallel.h).
#include "formats/json/json_parallel.h"

#include <algorithm>
#include <cstring>
#include <string_view>

namespace s3c::formats::json_internal {
namespace {

// The '\n' bytes of `text` (memchr is vectorized; a plain count loop is not at -O2).
int64_t CountLines(std::string_view text) {
  int64_t n = 0;
  const char* p = text.data();
  const char* end = p + text.size();
  while ((p = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)))) !=
         nullptr) {
    ++n;
    ++p;
  }
  return n;
}

}  // namespace

void ParseJsonChunk(const JsonReadOptions& options, JsonBatchBuilder* builder, JsonChunk* c,
                    bool array) {
  RecordSource source(c->text, c->at, options,
                      array ? ArrayState::kChunkStart : ArrayState::kNotArray, !c->at_eof);
  const bool fail_fast = options.bad_records.policy == BadRecordPolicy::kFail;
  bool stop = false;
  auto next = [&](SourceRecord* rec, FlatRecordParser* flat, bool* tried) -> Result<RecordKind> {
    while (!stop) {
      const StreamPosition from = source.position();
      const ArrayState state = source.array_state();
      RejectedRecord bad;
      *tried = flat != nullptr;
      Result<RecordKind> kind = source.Next(rec, &bad, flat);
      if (source.stopped_for_reader()) {
        c->resume = true;
        c->resume_at = static_cast<size_t>(source.position().offset - c->at.offset);
        c->resume_from = source.position();
        c->resume_state = source.array_state_at_stop();
        stop = true;
        break;
      }
      // Cut off by the chunk's end, or long enough that the streaming source's limit may apply
      // (it counts from the end of the previous record, one byte of look-ahead included).
      if ((!c->at_eof && source.ended_inside_record()) ||
          source.scanned() - from.offset >= options.max_record_bytes) {
        c->resume = true;
        c->resume_at = static_cast<size_t>(from.offset - c->at.offset);
        c->resume_from = from;
        c->resume_state = state;
        stop = true;
        break;
      }
      if (!kind.ok()) {
        c->status = kind.status();
        stop = true;
        break;
      }
      if (*kind != RecordKind::kBad) return *kind;
      c->rejected.push_back(std::move(bad));
      stop = fail_fast;
    }
    return RecordKind::kEnd;
  };
  auto reject = [&](RejectedRecord bad) {
    c->rejected.push_back(std::move(bad));
    stop = fail_fast;
    return Status::OK();
  };
  while (!stop) {
    Result<std::shared_ptr<RecordBatch>> batch = builder->Fill(next, reject, &c->rows);
    if (!batch.ok()) {
      c->status = batch.status();
      break;
    }
    if (*batch == nullptr) break;
    c->batches.push_back(std::move(*batch));
  }
  c->began_with_comma = source.chunk_began_with_comma();
  c->end_state = source.array_state();
}

ParallelJsonParser::ParallelJsonParser(const JsonReadOptions& options,
                                       std::shared_ptr<Schema> schema, const ColumnIndex* index,
                                       bool fast_path, int threads)
    : options_(options),
      schema_(std::move(schema)),
      index_(index),
      fast_path_(fast_path),
      max_in_flight_(2 * static_cast<size_t>(std::max(threads, 1))),
      tasks_(Executor::Shared(), std::max(1, threads - 1)) {}

std::unique_ptr<ParallelJsonParser> ParallelJsonParser::Make(const JsonReadOptions& options,
                                                             std::shared_ptr<Schema> schema,
                                                             const ColumnIndex* index,
                                                             bool fast_path, UnreadInput rest,
                                                             int threads) {
  std::unique_ptr<ParallelJsonParser> p(
      new ParallelJsonParser(options, std::move(schema), index, fast_path, threads));
  p->input_ = std::move(rest.input);
  p->carry_ = std::move(rest.text);
  p->next_at_ = rest.at;
  p->read_error_ = std::move(rest.read_error);
  p->array_ = rest.array;
  p->array_mode_ = rest.array != ArrayState::kNotArray;
  return p;
}

// tasks_ goes first (declared last): no task runs once the other members go.
ParallelJsonParser::~ParallelJsonParser() = default;

Result<bool> ParallelJsonParser::Read(std::string* text, size_t n) {
  if (input_ == nullptr) return false;
  const size_t old = text->size();
  text->resize(old + n);
  Result<size_t> got = input_->Read(text->data() + old, n);
  text->resize(old + (got.ok() ? *got : 0));
  if (!got.ok()) return got.status();
  if (*got == 0) input_.reset();
  return *got > 0;
}

std::shared_ptr<JsonChunk> ParallelJsonParser::Cut() {
  if (input_done_) return nullptr;
  auto c = std::make_shared<JsonChunk>();
  c->at = next_at_;
  std::string text;
  if (!spare_.empty()) {
    text = std::move(spare_.back());
    spare_.pop_back();
  }
  text.assign(carry_);
  carry_.clear();
  const size_t base = std::max<size_t>(options_.parallel_chunk_bytes, 1);
  // Past this size without a line end the chunk is cut anyway: its record is longer than
  // max_record_bytes, which the reader then reports from its resume point.
  const size_t cap = base + static_cast<size_t>(std::max<int64_t>(options_.max_record_bytes, 0));
  size_t target = base;
  bool eof = false;
  while (true) {
    while (!eof && text.size() < target) {
      Result<bool> more = Read(&text, target - text.size());
      if (!more.ok()) read_error_ = more.status();
      eof = !more.ok() || !*more;
    }
    if (eof) {
      input_done_ = true;
      if (text.empty()) return nullptr;
      // After a read error the text is not the object's end: a record cut short by it resumes
      // on the reader's thread, which then meets the error.
      c->at_eof = read_error_.ok();
      break;
    }
    const size_t nl = text.rfind('\n');
    if (nl != std::string::npos) {
      carry_.assign(text, nl + 1);
      text.resize(nl + 1);
      break;
    }
    if (text.size() >= cap) break;
    target = text.size() * 2;
  }
  next_at_.offset += static_cast<int64_t>(text.size());
  next_at_.line += CountLines(text);
  c->text = std::move(text);
  return c;
}

void ParallelJsonParser::Parse(JsonChunk* chunk) {
  JsonBatchBuilder builder(options_, schema_, index_, fast_path_);
  ParseJsonChunk(options_, &builder, chunk, array_mode_);
}

Result<std::shared_ptr<JsonChunk>> ParallelJsonParser::Next() {
  if (last_ != nullptr) {  // its rows are in its batches; its text is done with
    if (spare_.size() < max_in_flight_) spare_.push_back(std::move(last_->text));
    last_.reset();
  }
  while (order_.size() < max_in_flight_) {
    std::shared_ptr<JsonChunk> c = Cut();
    if (c == nullptr) break;
    order_.push_back(c);
    tasks_.Submit([this, c] {
      Parse(c.get());
      {
        std::lock_guard<std::mutex> lk(mu_);
        c->done = true;
      }
      done_cv_.notify_all();
      return Status::OK();  // a chunk's error is in the chunk
    });
  }
  if (order_.empty()) {
    if (!read_error_.ok()) return read_error_;
    return std::shared_ptr<JsonChunk>();
  }
  std::shared_ptr<JsonChunk> c = std::move(order_.front());
  order_.pop_front();
  Await(*c);
  if (array_mode_) CheckArrayChunk(c.get());
  last_ = c;
  return c;
}

void ParallelJsonParser::Await(const JsonChunk& chunk) {
  while (true) {
    {
      std::lock_guard<std::mutex> lk(mu_);
      if (chunk.done) return;
    }
    // Tasks start oldest first, so this runs `chunk` itself or one after it.
    if (tasks_.RunOnePending()) continue;
    std::unique_lock<std::mutex> lk(mu_);
    done_cv_.wait(lk, [&] { return chunk.done; });
    return;
  }
}

void ParallelJsonParser::CheckArrayChunk(JsonChunk* c) {
  const bool at_start = c->resume && c->resume_at == 0;
  // After an element the chunk must begin with the ','; after a ',' with an element.
  const bool guessed = (array_ == ArrayState::kSeparator) == c->began_with_comma;
  if (at_start || !guessed) {
    c->batches.clear();
    c->rejected.clear();
    c->rows = 0;
    c->status = Status::OK();
    c->resume = true;
    c->resume_at = 0;
    c->resume_from = c->at;
    c->resume_state = array_;
    return;
  }
  if (c->resume_state == ArrayState::kChunkStart) c->resume_state = array_;
  array_ = c->end_state;
}

UnreadInput ParallelJsonParser::TakeRest(const JsonChunk& chunk) {
  tasks_.Cancel();  // the chunks after it are read again; their text stays valid meanwhile
  UnreadInput rest;
  rest.at = chunk.resume_from;
  rest.text.assign(chunk.text, chunk.resume_at);
  for (const auto& later : order_) rest.text += later->text;
  rest.text += carry_;
  rest.input = std::move(input_);
  rest.read_error = read_error_;
  rest.array = chunk.resume_state;
  order_.clear();
  carry_.clear();
  input_done_ = true;
  read_error_ = Status::OK();
  return rest;
}

}  // namespace s3c::formats::json_internal
