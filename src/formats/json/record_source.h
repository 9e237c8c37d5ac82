// Splits a JSON / JSONL stream into records: elements of a top-level array, or a stream of
// whitespace-separated values. Outside an array a record that fails to parse can be skipped:
// the source resumes after the next newline.
// A source may also start in the middle of a stream of values, at a record boundary (a chunk of
// it that the parallel parser gives one task, or the unread rest after it): its offsets and
// line numbers, and so its errors, are those of the whole object.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "formats/json/flat_record.h"
#include "s3c/common/byte_source.h"
#include "s3c/common/json_parser.h"
#include "s3c/formats/batch_io.h"
#include "s3c/formats/json/json_reader.h"

namespace s3c::formats::json_internal {

struct SourceRecord {
  JsonValue value;
  int64_t line = 0;
  int64_t offset = 0;
  std::string raw;  // kept only when keep_raw
};

// kFlat: the record went through the fast path into FlatRecordParser (its row is pending there).
enum class RecordKind { kRecord, kFlat, kBad, kEnd };

// A place in the object: byte offset and line number (1-based) of a byte.
struct StreamPosition {
  int64_t offset = 0;
  int64_t line = 1;
};

// Where a source stands between the elements of a top-level array.
enum class ArrayState {
  kNotArray,    // a stream of values (or not started)
  kValueOrEnd,  // after '[': an element or ']'
  kSeparator,   // after an element: ',' or ']'
  kValue,       // after ',': an element
  // A chunk of the array's text cut after a line end, its state unknown until the chunk
  // before it is parsed: one ',' may come first (then an element), else an element. The
  // parallel parser checks, in order, that this guess agrees with where the chunk before
  // ended (json_parallel.h).
  kChunkStart,
};

// The unread part of a stream of values or of a top-level array's elements: `text`, then
// `input` (may be null), then `read_error` when it is not OK (a failed read met while reading
// ahead). `at` is where `text` starts, a record boundary (in an array: `array` says where).
struct UnreadInput {
  std::string text;
  std::unique_ptr<InputStream> input;
  Status read_error;
  StreamPosition at;
  ArrayState array = ArrayState::kNotArray;
};

class RecordSource {
 public:
  // The whole object: a BOM, then a top-level array or a stream of values.
  RecordSource(std::unique_ptr<InputStream> input, const JsonReadOptions& options);
  // A stream of values, or an array's elements (rest.array), from a record boundary on.
  RecordSource(UnreadInput rest, const JsonReadOptions& options);
  // `bytes` (kept by the caller, not copied) alone: a stream of values from a record boundary
  // at `at`, or (`array` not kNotArray) a chunk of a top-level array's elements starting in
  // that state. No limit applies to the bytes a record spans: the caller checks scanned().
  // With `more_follows`, the end of `bytes` is not the end of the input: an array chunk then
  // ends quietly between elements (after an element or after a ',') instead of failing there.
  RecordSource(std::string_view bytes, StreamPosition at, const JsonReadOptions& options,
               ArrayState array = ArrayState::kNotArray, bool more_follows = false);
  RecordSource(const RecordSource&) = delete;
  RecordSource& operator=(const RecordSource&) = delete;

  // kRecord fills `rec` (an object); kBad fills `bad` (the source already moved past it).
  // Syntax errors inside a top-level array, and any syntax error when `recover` is false,
  // are returned as errors; so are read errors. With `flat`, an object record that it accepts
  // gives kFlat (and `rec` is untouched); others take the full path as without it.
  Result<RecordKind> Next(SourceRecord* rec, RejectedRecord* bad, FlatRecordParser* flat = nullptr);

  // Where the next Next() starts (after the previous record).
  StreamPosition position() const { return {src_.offset(), parser_.line()}; }
  // The offset just past the farthest byte the last Next() looked at (before a failed record
  // was skipped back to its second line).
  int64_t scanned() const { return scanned_; }
  // Whether the last Next() failed a record because the input ended inside it (exact for a
  // source over bytes; over a stream it may also mean a buffer boundary).
  bool ended_inside_record() const { return ended_inside_; }

  // Reads the start of the input (BOM, '[') when not done yet; true when the records are a
  // stream of values (not a top-level array) and the input may hold more.
  Result<bool> IsStreamOfValues();
  // Where the source stands in a top-level array (kNotArray outside one, or once done).
  ArrayState array_state() const { return mode_ == Mode::kArray ? array_ : ArrayState::kNotArray; }
  // An array chunk (kChunkStart): whether it began with a ',' (consumed), and whether it began
  // with the array's ']' (then the source stopped before it: a reader resumes there).
  bool chunk_began_with_comma() const { return began_with_comma_; }
  // An array chunk stopped where the reader must go on alone (kEnd returned, position() is
  // the place): at the array's ']' before the end of the input, or a chunk holding nothing
  // but whitespace. The state there is array_state_at_stop().
  bool stopped_for_reader() const { return stopped_for_reader_; }
  ArrayState array_state_at_stop() const { return state_at_stop_; }
  // The unread input, from position() on; the source is unusable afterwards.
  // Precondition: IsStreamOfValues() returned true, or the source is between an array's
  // elements (array_state() kSeparator).
  UnreadInput Detach();

 private:
  enum class Mode { kStart, kArray, kStream, kDone };
  Status Start();
  // In an array, before an element: reads the ',' (or the '[' state's nothing) before it and
  // moves array_. *c is the next byte (-1 at the end) and is updated. True: an element
  // follows at *c. False: no element here (the array ended, or the chunk ended between
  // elements, or it stopped for the reader).
  Result<bool> BetweenElements(int* c);
  Result<RecordKind> ParseRecord(SourceRecord* rec, RejectedRecord* bad);
  Result<size_t> Read(char* dst, size_t max);

  std::unique_ptr<InputStream> input_;
  std::string prefix_;  // read before input_
  size_t prefix_read_ = 0;
  Status read_error_;  // returned once prefix_ and input_ are read
  ByteSource src_;
  JsonParser parser_;
  JsonFormat format_;
  bool recover_;
  bool keep_raw_;
  int64_t max_record_bytes_;
  Mode mode_ = Mode::kStart;
  ArrayState array_ = ArrayState::kValueOrEnd;  // in Mode::kArray
  bool more_follows_ = false;
  bool began_with_comma_ = false;
  bool stopped_for_reader_ = false;
  ArrayState state_at_stop_ = ArrayState::kNotArray;
  int64_t scanned_ = 0;
  bool ended_inside_ = false;
};

}  // namespace s3c::formats::json_internal
