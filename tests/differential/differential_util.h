// Shared pieces of the DuckDB differential tests: seeded text generators for CSV and JSON Lines
// files with the awkward cases of the issue (quotes, embedded LF / CRLF, unicode, nulls, empty
// strings, big and negative numbers, decimal-looking text, dates, timestamps), and helpers that
// read a file through s3c (local file -> codec detection -> format reader) into batches.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "s3c/columnar/record_batch.h"
#include "s3c/common/status.h"
#include "s3c/formats/batch_io.h"
#include "s3c/io/streams.h"

namespace s3c::testing {

using Batches = std::vector<std::shared_ptr<columnar::RecordBatch>>;

struct CsvGenOptions {
  uint64_t seed = 1;
  int rows = 2000;
  std::string line_ending = "\n";  // "\n" or "\r\n"; quoted values hold the other one too
  char delimiter = ',';
};

// Columns, in order: id (row number), big (int64 incl. min/max), amount (float text: fixed,
// shortest, exponent), code (decimal-looking text, always some words: a string column), name
// (quotes, delimiter, LF, CRLF, unicode, spaces, quoted empty = ""), day (ISO date), moment
// (ISO timestamp, 'T' or ' ', 0-6 fraction digits), moment_tz (with Z or +hh:mm), flag (bool).
// Every column except id has unquoted empty cells (nulls).
std::string GenerateCsv(const CsvGenOptions& options);
inline const char* kCsvColumns[] = {"id",  "big",    "amount",    "code", "name",
                                    "day", "moment", "moment_tz", "flag"};

struct JsonGenOptions {
  uint64_t seed = 1;
  int rows = 2000;
};

// JSON Lines; keys: id, name (escapes, \u sequences incl. surrogate pairs, unicode), n (int64
// incl. min/max), x (double), big (integers beyond 64 bits), day (ISO date), moment (ISO
// timestamp), ok (bool), tags (list of strings), pt (object {x: int, y: double|null}). Keys are
// missing or null at random; key order varies.
std::string GenerateJsonLines(const JsonGenOptions& options);

// Reads every batch of `reader`.
Result<Batches> ReadAll(formats::BatchReader& reader);
// Opens `path` and wraps it in the decompressor its magic bytes / extension select.
Result<std::unique_ptr<InputStream>> OpenDecompressedFile(const std::string& path);
Status WriteFile(const std::string& path, const std::string& bytes);
// Writes `batches` through a format writer opened on `path`.
Status WriteBatches(const std::string& path, const Batches& batches,
                    const std::function<Result<std::unique_ptr<formats::BatchWriter>>(
                        std::unique_ptr<OutputStream>)>& open_writer);

}  // namespace s3c::testing
