#include "formats/json/record_source.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

namespace s3c::formats::json_internal {

namespace {

JsonParseOptions ParserOptions(const JsonReadOptions& options) {
  return JsonParseOptions{.max_depth = options.max_depth,
                          .non_finite_tokens = options.non_finite_tokens};
}

}  // namespace

RecordSource::RecordSource(std::unique_ptr<InputStream> input, const JsonReadOptions& options)
    : input_(std::move(input)),
      src_([this](char* dst, size_t max) { return Read(dst, max); }),
      parser_(&src_, options.object_name, ParserOptions(options)),
      format_(options.format),
      recover_(options.bad_records.policy != BadRecordPolicy::kFail),
      keep_raw_(options.bad_records.policy == BadRecordPolicy::kQuarantine),
      max_record_bytes_(options.max_record_bytes) {
  src_.set_max_marked(static_cast<size_t>(options.max_record_bytes));
}

RecordSource::RecordSource(UnreadInput rest, const JsonReadOptions& options)
    : RecordSource(std::move(rest.input), options) {
  prefix_ = std::move(rest.text);
  read_error_ = std::move(rest.read_error);
  src_.set_offset(rest.at.offset);
  parser_.set_line(rest.at.line);
  mode_ = rest.array == ArrayState::kNotArray ? Mode::kStream : Mode::kArray;
  array_ = rest.array;
}

RecordSource::RecordSource(std::string_view bytes, StreamPosition at,
                           const JsonReadOptions& options, ArrayState array, bool more_follows)
    : src_(bytes),
      parser_(&src_, options.object_name, ParserOptions(options)),
      format_(options.format),
      recover_(options.bad_records.policy != BadRecordPolicy::kFail),
      keep_raw_(options.bad_records.policy == BadRecordPolicy::kQuarantine),
      max_record_bytes_(options.max_record_bytes),
      mode_(array == ArrayState::kNotArray ? Mode::kStream : Mode::kArray),
      array_(array),
      more_follows_(more_follows) {
  src_.set_offset(at.offset);
  parser_.set_line(at.line);
}

Result<size_t> RecordSource::Read(char* dst, size_t max) {
  if (prefix_read_ < prefix_.size()) {
    const size_t n = std::min(max, prefix_.size() - prefix_read_);
    std::memcpy(dst, prefix_.data() + prefix_read_, n);
    prefix_read_ += n;
    return n;
  }
  if (input_ != nullptr) {
    S3C_ASSIGN_OR_RETURN(size_t n, input_->Read(dst, max));
    if (n > 0) return n;
    input_.reset();
  }
  if (!read_error_.ok()) return read_error_;
  return size_t{0};
}

Result<bool> RecordSource::IsStreamOfValues() {
  if (mode_ == Mode::kStart) S3C_RETURN_IF_ERROR(Start());
  return mode_ == Mode::kStream;
}

UnreadInput RecordSource::Detach() {
  UnreadInput rest;
  rest.at = position();
  rest.text.assign(src_.Buffered());
  rest.text.append(prefix_, prefix_read_);
  rest.input = std::move(input_);
  rest.read_error = std::move(read_error_);
  rest.array = array_state();
  mode_ = Mode::kDone;
  return rest;
}

Status RecordSource::Start() {
  S3C_RETURN_IF_ERROR(parser_.SkipBom());
  int c = parser_.SkipWhitespace();
  if (c == '[' && format_ != JsonFormat::kJsonLines) {
    src_.Advance();
    mode_ = Mode::kArray;
  } else {
    mode_ = Mode::kStream;
  }
  return Status::OK();
}

Result<RecordKind> RecordSource::Next(SourceRecord* rec, RejectedRecord* bad,
                                      FlatRecordParser* flat) {
  if (mode_ == Mode::kStart) S3C_RETURN_IF_ERROR(Start());
  if (mode_ == Mode::kDone) return RecordKind::kEnd;
  ended_inside_ = false;
  src_.Mark();  // the previous record's bytes may go
  int c = parser_.SkipWhitespace();
  scanned_ = src_.offset();
  if (mode_ == Mode::kArray) {
    S3C_ASSIGN_OR_RETURN(bool element, BetweenElements(&c));
    if (!element) return RecordKind::kEnd;
  } else if (c < 0) {
    mode_ = Mode::kDone;
    S3C_RETURN_IF_ERROR(src_.status());
    return RecordKind::kEnd;
  }
  if (flat != nullptr && c == '{') {
    int64_t lines = 0;
    size_t n = flat->Parse(src_.Buffered(), &lines);
    if (n > 0 && static_cast<int64_t>(n) <= max_record_bytes_) {
      src_.Skip(n);
      parser_.set_line(parser_.line() + lines);
      scanned_ = src_.offset();
      return RecordKind::kFlat;
    }
  }
  auto kind = ParseRecord(rec, bad);
  scanned_ = std::max(scanned_, src_.offset());
  return kind;
}

Result<bool> RecordSource::BetweenElements(int* c) {
  // Stops an array chunk where the reader must continue alone, in `state`.
  auto stop_for_reader = [this](ArrayState state) {
    stopped_for_reader_ = true;
    state_at_stop_ = state;
    mode_ = Mode::kDone;
    return false;
  };
  if (array_ == ArrayState::kChunkStart) {
    if (*c == ',') {
      began_with_comma_ = true;
      src_.Advance();
      *c = parser_.SkipWhitespace();
      scanned_ = src_.offset();
      array_ = ArrayState::kValue;
    } else if (*c == ']' || *c < 0) {
      // The state before the chunk decides what these mean: the reader reads on from here.
      return stop_for_reader(ArrayState::kChunkStart);
    } else {
      array_ = ArrayState::kValue;
    }
  }
  if (array_ == ArrayState::kSeparator || array_ == ArrayState::kValueOrEnd) {
    if (*c < 0 && more_follows_ && array_ == ArrayState::kSeparator) return false;
    if (*c == ']' && more_follows_) return stop_for_reader(array_);
    if (*c == ']' || (array_ == ArrayState::kSeparator && *c != ',')) {
      if (*c != ']') return parser_.Expected("',' or ']' after an array element");
      src_.Advance();
      mode_ = Mode::kDone;
      if (parser_.SkipWhitespace() >= 0) {
        return parser_.Expected("the end of input after the top-level array");
      }
      S3C_RETURN_IF_ERROR(src_.status());
      return false;
    }
    if (array_ == ArrayState::kSeparator) {
      src_.Advance();
      *c = parser_.SkipWhitespace();
    }
  }
  if (*c < 0 && more_follows_) {  // the chunk ends after a ','
    array_ = ArrayState::kValue;
    return false;
  }
  array_ = ArrayState::kSeparator;  // once the element is parsed
  return true;
}

Result<RecordKind> RecordSource::ParseRecord(SourceRecord* rec, RejectedRecord* bad) {
  *rec = SourceRecord();
  rec->line = parser_.line();
  rec->offset = parser_.offset();
  src_.Mark();
  Status s = parser_.ParseValue(&rec->value);
  scanned_ = src_.offset() + 1;  // the byte that ended the value (or failed it) was looked at
  if (!s.ok()) {
    ended_inside_ = src_.Buffered().empty();  // no byte left to fail on
    if (s.code() == StatusCode::kResourceExhausted && !src_.status().ok()) {
      // The source refused the byte past the limit: the same byte whatever the read sizes.
      return ResourceExhaustedError(
          fmt::format("{}: line {}, byte offset {}: the record is longer than the limit of {} "
                      "bytes",
                      parser_.object_name().empty() ? "input" : parser_.object_name(), rec->line,
                      rec->offset, max_record_bytes_));
    }
    bool syntax = s.code() == StatusCode::kDataLoss && src_.status().ok();
    if (!syntax || !recover_ || mode_ == Mode::kArray) return s;
    // Resume at the line after the record's first line: when the error came lines later
    // (e.g. a truncated JSONL line swallowed the next one), those lines are read again.
    std::string_view raw = src_.Marked();
    size_t newline = raw.find('\n');
    if (newline == std::string_view::npos) {
      parser_.SkipLine();
      raw = src_.Marked();
    } else {
      raw = raw.substr(0, newline + 1);
      src_.RewindToMarked(newline + 1);
      parser_.set_line(rec->line + 1);
    }
    bad->line = rec->line;
    bad->byte_offset = rec->offset;
    bad->reason = s.message();
    while (!raw.empty() && (raw.back() == '\n' || raw.back() == '\r')) raw.remove_suffix(1);
    bad->raw = std::string(raw);
    return RecordKind::kBad;
  }
  if (keep_raw_) rec->raw = std::string(src_.Marked());
  if (rec->value.kind != JsonValue::Kind::kObject) {
    std::string text;
    AppendJsonText(rec->value, &text);
    bad->line = rec->line;
    bad->byte_offset = rec->offset;
    bad->reason = fmt::format("{}: line {}, byte offset {}: expected an object record, found {}",
                              parser_.object_name().empty() ? "input" : parser_.object_name(),
                              rec->line, rec->offset, JsonKindName(rec->value.kind));
    bad->raw = std::move(text);
    return RecordKind::kBad;
  }
  return RecordKind::kRecord;
}

}  // namespace s3c::formats::json_internal
