// Plain-text reader: one row per line, in a string column `line`. Lines end
// at LF; a CR before the LF (CRLF) is dropped; a last line without LF is still a line. Text is
// read-only: there is no text writer (write CSV or JSONL instead).
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "s3c/formats/batch_io.h"
#include "s3c/formats/text_encoding.h"
#include "s3c/io/streams.h"

namespace s3c::formats::text {

struct TextReadOptions {
  // Input encoding and invalid-UTF-8 policy, as for CSV (BOM detection, UTF-16, Latin-1,
  // Windows-1252 transcoded to UTF-8; kError names the byte offset).
  TextEncoding encoding = TextEncoding::kAuto;
  InvalidUtf8Policy invalid_utf8 = InvalidUtf8Policy::kError;
  bool skip_empty_lines = false;
  // When not empty, adds an int64 column of this name holding each line's 1-based number in
  // the input (empty lines that were skipped still count).
  std::string line_number_column;
  std::string column_name = "line";
  int64_t batch_rows = 64 * 1024;
  // A longer line is DataLoss naming the object, line and byte offset (no unbounded buffering).
  int64_t max_line_bytes = int64_t{64} << 20;
  size_t read_chunk_bytes = size_t{1} << 20;
};

// `input` is already decompressed; `object` names it in errors.
Result<std::unique_ptr<BatchReader>> OpenTextReader(std::unique_ptr<InputStream> input,
                                                    std::string object,
                                                    TextReadOptions options = {});

}  // namespace s3c::formats::text
