// Record tokenizer: splits UTF-8 text into records and fields (RFC 4180 section 2 plus the
// dialect options). Exposed for tests.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "s3c/formats/csv/csv_options.h"

namespace s3c::formats::csv {

// One field: `offset` into the tokenized data, or into TokenBatch::scratch when the field had
// escapes or doubled quotes. Fields are limited to 1 GiB and data to 4 GiB per call.
struct FieldSpan {
  static constexpr uint32_t kQuoted = 1u << 31;
  static constexpr uint32_t kScratch = 1u << 30;
  static constexpr uint32_t kSizeMask = kScratch - 1;
  uint32_t offset;
  uint32_t size_flags;
  uint32_t size() const { return size_flags & kSizeMask; }
  bool quoted() const { return (size_flags & kQuoted) != 0; }
};

struct RecordSpan {
  uint32_t first_field;  // index into TokenBatch::fields
  uint32_t num_fields;
  size_t begin;  // offset of the record's first byte in data
  size_t end;    // offset just past its line end (data.size() at the end of input)
  int64_t line;  // line ends consumed before the record's first line (relative to data[0])
  bool error;    // unterminated quoted field at the end of input: the rest is this record
};

// Records tokenized from one piece of text. Field views are valid while that text and this
// batch are unchanged.
struct TokenBatch {
  std::vector<FieldSpan> fields;
  std::vector<RecordSpan> records;
  std::string scratch;
  size_t consumed = 0;  // bytes of complete records and skipped (comment / blank) lines
  int64_t lines = 0;    // line ends in those bytes

  void Clear() {
    fields.clear();
    records.clear();
    scratch.clear();
    consumed = 0;
    lines = 0;
  }
  std::string_view Field(const char* data, size_t index) const {
    const FieldSpan& f = fields[index];
    return {((f.size_flags & FieldSpan::kScratch) ? scratch.data() : data) + f.offset, f.size()};
  }
};

// The first record of some text, for callers that take one record at a time.
struct TokenizedRecord {
  std::vector<std::string_view> fields;  // valid until the next Next() or a change of data
  std::vector<uint8_t> quoted;           // 1 when fields[i] was quoted
  size_t begin = 0;           // offset of the record's first byte in data (after skipped lines)
  size_t end = 0;             // offset just past the record's line end
  int64_t skipped_lines = 0;  // comment / blank lines consumed before the record
  int64_t lines = 0;          // line ends inside the record, including its own
};

enum class TokenizeStatus { kRecord, kNeedMore, kEnd, kError };

class CsvTokenizer {
 public:
  explicit CsvTokenizer(const CsvDialect& dialect);

  // Appends the records of data[batch->consumed, ...) to *batch, at most max_records of them,
  // advancing batch->consumed / batch->lines past each complete record and skipped line.
  // kRecord: max_records reached. kNeedMore: the data ends inside a record or a skipped line
  // (only when !at_eof; the partial record is not appended). kEnd: input exhausted. kError:
  // the last appended record is an unterminated quoted field running to the end of input.
  TokenizeStatus Tokenize(std::string_view data, bool at_eof, size_t max_records,
                          TokenBatch* batch);

  // Tokenizes the first record of `data`. kNeedMore: the record may continue past the data
  // (only when !at_eof): call again with more bytes and the same start. kEnd: only skipped
  // lines remain (skipped_lines counts them; end marks them consumed). kError: *error says why
  // (unterminated quote at the end of input); rec->end skips the rest of the input.
  TokenizeStatus Next(std::string_view data, bool at_eof, TokenizedRecord* rec, std::string* error);

  // Counts physical lines in data[0, n) ending in a line end; *consumed is past the last one.
  // Used for skip_rows (no quoting there).
  static int64_t SkipLines(std::string_view data, int64_t lines, bool at_eof, size_t* consumed);

 private:
  // Skips comment / blank lines at *i; false when more data is needed first.
  bool SkipIgnoredLines(const char* p, size_t n, bool at_eof, TokenBatch* b);
  // Scans a quoted field opening at *i. false: the data ends inside it.
  bool ParseQuoted(const char* p, size_t n, bool at_eof, size_t* i, int64_t* lines, TokenBatch* b,
                   FieldSpan* span);
  size_t FindSpecial(const char* p, size_t i, size_t n) const;

  CsvDialect d_;
  std::array<uint8_t, 256> special_{};  // bytes that end an unquoted run
  TokenBatch one_;                      // Next()'s batch
};

}  // namespace s3c::formats::csv
