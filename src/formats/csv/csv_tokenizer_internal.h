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

  // Tokenizes the first record of `data`. kNeedMore: the record may continue past the data
  // (only when !at_eof): call again with more bytes and the same start. kEnd: only skipped
  // lines remain (skipped_lines counts them; end marks them consumed). kError: *error says why
  // (unterminated quote at the end of input); rec->end skips the rest of the input.
  TokenizeStatus Next(std::string_view data, bool at_eof, TokenizedRecord* rec, std::string* error);

  // Counts physical lines in data[0, n) ending in a line end; *consumed is past the last one.
  // Used for skip_rows (no quoting there).
  static int64_t SkipLines(std::string_view data, int64_t lines, bool at_eof, size_t* consumed);

 private:
  struct Span {
    size_t begin;
    size_t length;
    bool in_scratch;
    bool quoted;
  };
  // Returns false when data ends inside the field.
  // 1: closed, 0: data ends inside the field.
  bool ParseQuoted(std::string_view data, bool at_eof, size_t* i, int64_t* lines, Span* span);

  CsvDialect d_;
  std::array<uint8_t, 256> special_{};  // bytes that end an unquoted run
  std::string scratch_;
  std::vector<Span> spans_;
};

}  // namespace s3c::formats::csv
