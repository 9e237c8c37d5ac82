// Options of the CSV/TSV reader and writer. Defaults follow RFC 4180 (comma, '"' quoting by
// doubling, header line) with UTF-8 input.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "s3c/columnar/schema.h"
#include "s3c/formats/batch_io.h"
#include "s3c/formats/inference.h"
#include "s3c/formats/text_encoding.h"

namespace s3c::formats::csv {

// How fields are split (shared by reader, writer and sniffer).
struct CsvDialect {
  char delimiter = ',';          // ',', '\t', '|', ';' or any other single byte
  char quote = '"';              // '\0' disables quoting
  bool double_quote = true;      // "" inside a quoted field is one quote (RFC 4180 section 2.7)
  char escape = '\0';            // e.g. '\\': the next byte is literal (in and out of quotes)
  std::string comment_prefix;    // lines starting with it are skipped (empty: none)
  bool trim_whitespace = false;  // strip spaces and tabs around unquoted fields
  bool skip_blank_lines = true;  // an empty line is no record
  friend bool operator==(const CsvDialect&, const CsvDialect&) = default;
};

enum class HeaderMode { kYes, kNo, kAuto };
enum class RaggedRowPolicy { kError, kPadWithNulls, kTruncate };
// Input encoding and invalid-UTF-8 policy: the ones every text format shares (text_encoding.h).
using CsvEncoding = TextEncoding;
using formats::InvalidUtf8Policy;

// A user schema: kFull gives every column in order; kPartial gives types for the named
// columns and infers the rest; kAllStrings reads every column as string.
enum class SchemaMode { kInfer, kFull, kPartial, kAllStrings };

struct CsvReadOptions {
  CsvDialect dialect;
  // When set, dialect.delimiter and dialect.quote are ignored and detected from the first piece
  // of text (after skip_rows) with SniffCsv; a file it cannot decide fails with InvalidArgument.
  bool detect_dialect = false;
  // With detect_dialect: told each dialect detected (a dataset reads its later objects with the
  // one its inference sample agrees on: dataset_reader.h).
  std::function<void(const CsvDialect&)> on_dialect_detected;
  HeaderMode header = HeaderMode::kYes;
  int64_t skip_rows = 0;  // physical lines dropped before the header / first record
  std::vector<std::string> null_strings = {""};
  std::vector<std::string> true_strings = {"true", "True", "TRUE"};
  std::vector<std::string> false_strings = {"false", "False", "FALSE"};
  // When set, a quoted field of a string column is never null (so "" is an empty string).
  bool quoted_empty_is_string = true;
  RaggedRowPolicy ragged = RaggedRowPolicy::kError;
  CsvEncoding encoding = CsvEncoding::kAuto;
  InvalidUtf8Policy invalid_utf8 = InvalidUtf8Policy::kError;

  int64_t batch_rows = 64 * 1024;
  // Bytes of text read per buffer refill (grows with records longer than the buffer).
  size_t read_chunk_bytes = size_t{1} << 20;
  // A record longer than this fails the read (an unterminated quote would otherwise buffer
  // the rest of the input). Checked when the buffer is refilled.
  int64_t max_record_bytes = int64_t{64} << 20;
  SchemaMode schema_mode = SchemaMode::kInfer;
  std::shared_ptr<columnar::Schema> schema;  // kFull / kPartial
  // Inference budget and formats; its null/true/false lists are replaced by the ones above.
  InferenceOptions inference;
  // Column names used without a header ("column1".. when empty).
  std::vector<std::string> column_names;

  BadRecordOptions bad_records;

  // Projection: the columns to produce, by name (empty = all). The reader's schema and batches
  // hold these in the file's order, once each. The cells of the other columns are still
  // tokenized (quoting, record ends and the field count of ragged rows are as without a
  // projection) but neither inferred nor converted, so a value they could not take does not
  // reject its record. A name the file does not have fails the open with InvalidArgument
  // listing the file's columns.
  std::vector<std::string> columns;

  // Parsing threads; 0 (the default) = all cores (the shared CPU pool's size), 1 = the caller's
  // thread only (as JsonReadOptions::threads; one CLI option sets both). With more than one,
  // the text is cut into
  // chunks of about parallel_chunk_bytes at line ends that quote parity places outside quoted
  // fields; each chunk is validated as UTF-8 (UTF-8 input), tokenized and converted on one of
  // threads - 1 workers or on the caller's thread, and results are emitted in input order (a
  // cut that proves wrong is re-cut, so quoted newlines stay correct). Rows, errors, line
  // numbers, byte offsets and rejected records are the same as with one thread; batches hold at
  // most batch_rows rows and end at chunk ends, so when a read fails midway (kFail, max_errors,
  // invalid UTF-8) the rows and rejected records before the error may be fewer or more than
  // with one thread.
  // At most 2 * threads chunks are held. Input that is wholly buffered after the inference
  // sample (at most parallel_chunk_bytes left) is read on the caller's thread.
  int threads = 0;
  size_t parallel_chunk_bytes = size_t{4} << 20;
};

enum class QuotingStyle { kMinimal, kAll, kNonNumeric };

struct CsvWriteOptions {
  CsvDialect dialect;  // delimiter, quote, escape (double_quote when escape is '\0')
  bool header = true;
  QuotingStyle quoting = QuotingStyle::kMinimal;
  std::string null_string;  // written for nulls (never quoted)
  std::string line_ending = "\n";
};

}  // namespace s3c::formats::csv
