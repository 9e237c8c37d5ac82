// Multi-threaded parsing of one JSON Lines object (or any stream of values, not a top-level
// array): the caller's thread reads the text and cuts it into chunks of about
// parallel_chunk_bytes after a '\n' (the line number of each chunk's start is counted as it is
// cut); up to threads - 1 tasks on the shared CPU pool (common/executor.h) and the caller's
// thread (while it would otherwise wait) parse them into batches with the reader's schema;
// chunks come back in input order. At most 2 * threads chunks are held.
//
// Why a cut after a newline is safe: a record that ends before the cut is parsed the same from
// the chunk's bytes as from the whole stream (JSON strings hold no raw newline, so a newline is
// never inside a string of a valid record; an invalid one fails at the same byte either way),
// and the next chunk starts at a record boundary when the chunk before it ends on one.
// A record that runs past its chunk's end (a value spread over lines, as pretty-printed
// concatenated documents are) cannot be parsed there: the chunk stops before it (`resume`), its
// later chunks are dropped, and the reader reads the rest of the object on its own thread
// from that record on (TakeRest). So does a record within reach of max_record_bytes, whose
// limit error only the streaming source gives. Results thus equal a sequential read: rows,
// types, rejected records with their lines and byte offsets, errors.
//
// A top-level array's elements are split the same way, after the elements the reader read
// itself: a newline is never inside a string, so a cut after one falls between tokens. Whether
// the ',' between two elements sits before or after a cut is only known in order: a chunk
// guesses (a ',' first is the separator, else an element), and the chunks are checked in input
// order against where the chunk before ended (after an element, or after a ','). A chunk whose
// guess is wrong, that starts with the array's ']' or holds only whitespace, or that meets the
// ']' before the input's end, is read by the reader on its own thread from its start (or from
// the ']'), in the state the chunk before left, so the errors are a sequential read's.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "formats/json/json_batch_builder.h"
#include "formats/json/record_source.h"
#include "s3c/common/executor.h"

namespace s3c::formats::json_internal {

// A chunk of text and, once parsed, what it gave.
struct JsonChunk {
  std::string text;     // whole lines (the last chunk may end without '\n')
  StreamPosition at;    // of text[0]
  bool at_eof = false;  // the last chunk of the object
  bool done = false;    // guarded by the parser's mutex
  std::vector<std::shared_ptr<RecordBatch>> batches;  // each <= batch_rows rows
  std::vector<RejectedRecord> rejected;  // in input order (object not set: the reader's to set)
  int64_t rows = 0;                      // in batches
  // An error after the batches and rejected records (under kFail parsing stops at the first
  // rejected record, so nothing follows it either).
  Status status;
  // The text from resume_at (a record boundary, at resume_from) on is for the reader to read.
  bool resume = false;
  size_t resume_at = 0;
  StreamPosition resume_from;
  // Array chunks: the state at the resume point (kChunkStart: the state the chunk before
  // ended in), whether the chunk began with a ',', and the state at its end.
  ArrayState resume_state = ArrayState::kNotArray;
  bool began_with_comma = false;
  ArrayState end_state = ArrayState::kNotArray;
};

// Parses `chunk` with `builder`'s schema (the task body); `array`: a chunk of a top-level
// array's elements.
void ParseJsonChunk(const JsonReadOptions& options, JsonBatchBuilder* builder, JsonChunk* chunk,
                    bool array = false);

class ParallelJsonParser {
 public:
  // `rest` is the unread input from a record boundary on (a stream of values, or an array's
  // elements after one: rest.array kSeparator); `options`, `schema` and `index` must outlive
  // the parser. `threads` >= 2.
  static std::unique_ptr<ParallelJsonParser> Make(const JsonReadOptions& options,
                                                  std::shared_ptr<Schema> schema,
                                                  const ColumnIndex* index, bool fast_path,
                                                  UnreadInput rest, int threads);
  ~ParallelJsonParser();

  // The next chunk in input order, parsed; nullptr after the last. Read errors come after the
  // chunks cut before them.
  Result<std::shared_ptr<JsonChunk>> Next();

  // For the chunk Next() just returned, with `resume`: the input from its resume point on (its
  // tail, the chunks after it, the unread stream). The parser is done afterwards.
  UnreadInput TakeRest(const JsonChunk& chunk);

 private:
  ParallelJsonParser(const JsonReadOptions& options, std::shared_ptr<Schema> schema,
                     const ColumnIndex* index, bool fast_path, int threads);
  // Cuts the next chunk off the input; nullptr when nothing is left.
  std::shared_ptr<JsonChunk> Cut();
  // Reads up to `n` more bytes onto *text; false at the end of the input.
  Result<bool> Read(std::string* text, size_t n);
  void Parse(JsonChunk* chunk);
  // Waits until `chunk` is parsed, parsing queued chunks on this thread meanwhile.
  void Await(const JsonChunk& chunk);
  // In input order: an array chunk whose start does not fit where the one before ended is
  // handed to the reader from its start (see above); else array_ moves to its end.
  void CheckArrayChunk(JsonChunk* c);

  const JsonReadOptions& options_;
  std::shared_ptr<Schema> schema_;
  const ColumnIndex* index_;
  bool fast_path_;
  std::unique_ptr<InputStream> input_;
  std::string carry_;  // text after the last cut
  // Texts of chunks handed out before the last one, kept for their capacity: new chunks reuse
  // them rather than fault fresh pages in (caller thread only).
  std::vector<std::string> spare_;
  std::shared_ptr<JsonChunk> last_;  // the chunk Next() returned last
  StreamPosition next_at_;           // where carry_ starts
  bool input_done_ = false;
  bool array_mode_ = false;  // array elements (set at Make; read by the parsing tasks)
  // Array elements: where the last chunk handed out ended (caller thread only).
  ArrayState array_ = ArrayState::kNotArray;
  Status read_error_;  // reported once the chunks cut before it are
  size_t max_in_flight_;
  std::deque<std::shared_ptr<JsonChunk>> order_;  // caller thread only

  std::mutex mu_;
  std::condition_variable done_cv_;
  // Last: destroyed first, it drops the tasks not started and waits for the running ones.
  TaskGroup tasks_;
};

}  // namespace s3c::formats::json_internal
