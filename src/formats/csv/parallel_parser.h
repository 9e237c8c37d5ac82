// Multi-threaded CSV parsing: the caller's thread reads and cuts the text into chunks
// (chunk_splitter.h); up to threads - 1 tasks on the shared CPU pool (common/executor.h) and the
// caller's thread (while it would otherwise wait) tokenize and convert them; results come back
// in input order. UTF-8 input is read
// undecoded and each chunk is validated (or repaired under kReplace) where it is parsed: cuts
// fall after a '\n', which no multi-byte character or maximal invalid subpart spans.
// A cut is proven by the chunk before it, which must end exactly on a record end; when it
// does not (a quoted newline fooled the parity guess), every chunk after it is discarded and
// the text is cut again from that chunk's last record start, so results equal a sequential
// read. At most 2 * threads chunks are in flight.
#pragma once

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "formats/csv/chunk_parse.h"
#include "s3c/columnar/record_batch.h"
#include "s3c/common/executor.h"
#include "s3c/formats/csv/csv_options.h"
#include "s3c/formats/text_decoder.h"

namespace s3c::formats::csv {

// One chunk's output, positions absolute.
struct ChunkOutput {
  std::vector<std::shared_ptr<columnar::RecordBatch>> batches;  // each <= batch_rows rows
  std::vector<ChunkRejected> rejected;                          // in input order
};

class ParallelParser {
 public:
  // `text` is the unread text at `offset` / `line`; `source` delivers the rest unless `eof`.
  static Result<std::unique_ptr<ParallelParser>> Make(const CsvReadOptions& options,
                                                      std::shared_ptr<columnar::Schema> schema,
                                                      std::string object, TextSource* source,
                                                      std::string text, bool eof, int64_t offset,
                                                      int64_t line, int threads);
  ~ParallelParser();

  // The next chunk's output; nullptr after the last.
  Result<std::unique_ptr<ChunkOutput>> Next();

 private:
  ParallelParser(const CsvReadOptions& options, std::shared_ptr<columnar::Schema> schema,
                 std::string object, TextSource* source, int threads);
  // A pool task: parses the oldest queued chunk, if the caller's thread has not taken it.
  void ParseQueued();
  void Run(ChunkEngine* e, ChunkTask* t);
  Status Fill();
  // Appends up to `n` bytes of input text to *text; false at the end of input.
  Result<bool> Read(ChunkText* text, size_t n);
  // Cuts the next chunk off the input; false when nothing is left.
  Result<bool> Cut(ChunkText* chunk, bool* at_eof);
  void Submit(ChunkText chunk, bool at_eof);
  // Waits for `t`, parsing queued chunks on this thread meanwhile.
  void Await(const ChunkTask* t);
  // Discards the queued chunks and puts `leftover` + their text back in front of the input.
  void Reset(std::string leftover);

  const CsvReadOptions& options_;
  std::shared_ptr<columnar::Schema> schema_;
  std::string object_;
  TextSource* source_;
  bool raw_ = false;  // text is read undecoded (UTF-8) and validated by the parsing thread
  std::unique_ptr<ChunkEngine> own_;  // the caller's thread's
  std::vector<ChunkText> spare_;      // chunk buffers for reuse (caller thread only)
  std::string scratch_;               // decoded text (other encodings)
  std::string carry_;                 // text after the last cut
  bool source_eof_ = false;
  bool input_done_ = false;
  size_t min_chunk_ = 0;  // after a re-cut: the next chunk must be larger than the leftover
  int64_t offset_ = 0;    // text offset and line of the front chunk's start
  int64_t line_ = 1;
  size_t max_in_flight_ = 2;
  Status failed_;  // reported by the next Next()

  std::mutex mu_;
  std::condition_variable done_cv_;
  std::deque<std::shared_ptr<ChunkTask>> order_;  // caller thread only
  std::deque<std::shared_ptr<ChunkTask>> todo_;   // guarded by mu_
  // Engines of finished pool tasks, for the next ones (at most threads - 1), guarded by mu_.
  std::vector<std::unique_ptr<ChunkEngine>> engines_;
  const int pool_tasks_;  // threads - 1: most chunks parsed on pool threads at once
  // Last: destroyed first, it drops the pool tasks not started and waits for the running ones.
  TaskGroup tasks_;
};

}  // namespace s3c::formats::csv
