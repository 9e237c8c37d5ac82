// The format registry (docs/architecture.md: formats): names and file extensions of every format,
// and one place that opens the right reader or writer for a format, with decompression on read
// and compression on write. Callers (dataset, CLI, pipeline) never switch on formats themselves.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "s3c/codec/codec.h"
#include "s3c/formats/batch_io.h"
#include "s3c/formats/csv/csv_options.h"
#include "s3c/formats/json/json_reader.h"
#include "s3c/formats/json/json_writer.h"
#include "s3c/formats/parquet/parquet_reader.h"
#include "s3c/formats/parquet/parquet_writer.h"
#include "s3c/formats/text/text_reader.h"
#include "s3c/io/streams.h"

namespace s3c::formats {

enum class FileFormat { kCsv, kTsv, kJson, kJsonLines, kParquet, kText };

// "csv", "tsv", "json", "jsonl", "parquet", "text".
const char* FileFormatName(FileFormat format);
// Accepts the names above and "ndjson", "txt" (case-insensitive); InvalidArgument listing the
// accepted names otherwise.
Result<FileFormat> ParseFileFormat(std::string_view name);
// From an object name: a compression extension (.gz, .zst, ...) is stripped first, then
// .csv .tsv .tab .json .jsonl .ndjson .parquet .pq .txt .log decide. nullopt when none matches.
std::optional<FileFormat> FormatFromName(std::string_view name);
// Text formats go through the stream codecs; Parquet compresses pages itself.
bool IsRowTextFormat(FileFormat format);

struct FormatReadOptions {
  std::optional<Codec> compression;   // nullopt: detected (magic bytes, then extension)
  std::vector<std::string> columns;   // projection, top-level names; empty = all
  csv::CsvReadOptions csv;            // CSV and TSV (TSV forces the tab delimiter)
  JsonReadOptions json;               // JSON and JSONL (format set from the FileFormat)
  text::TextReadOptions text;
  parquet::ParquetReadOptions parquet;
};

// Where a reader gets its bytes: a sequential stream (text formats) or positional reads
// (Parquet). Only the one the format needs is called.
struct ReadSource {
  std::string name;  // object key or path: errors, quarantine and codec detection use it
  std::function<Result<std::unique_ptr<InputStream>>()> open_input;
  std::function<Result<std::shared_ptr<RandomAccessFile>>()> open_random_access;
};

// Opens the reader; unknown projected columns are InvalidArgument listing the available ones.
Result<std::unique_ptr<BatchReader>> OpenFormatReader(const ReadSource& source, FileFormat format,
                                                      const FormatReadOptions& options);

struct FormatWriteOptions {
  Codec compression = Codec::kNone;   // stream compression of text formats (not Parquet)
  CompressOptions compress;
  csv::CsvWriteOptions csv;           // CSV and TSV (TSV forces the tab delimiter)
  JsonWriteOptions json;              // lines is set from the FileFormat
  parquet::ParquetWriteOptions parquet;
};

// Text is read-only: kText is InvalidArgument.
Result<std::unique_ptr<BatchWriter>> OpenFormatWriter(std::unique_ptr<OutputStream> output,
                                                      FileFormat format,
                                                      std::shared_ptr<Schema> schema,
                                                      const FormatWriteOptions& options);

// A CSV, TSV or JSON Lines writer that renders batches to text on the shared CPU pool (up to
// 2 x threads batches at once, each kept alive until written) and writes the text to `output`
// in batch order: the same bytes as OpenFormatWriter's writer, with the encoding off the
// caller's thread. Other formats, compressed output and `threads` 1 get OpenFormatWriter's
// writer; `threads` 0 = the pool's size.
Result<std::unique_ptr<BatchWriter>> OpenParallelTextWriter(std::unique_ptr<OutputStream> output,
                                                            FileFormat format,
                                                            std::shared_ptr<Schema> schema,
                                                            const FormatWriteOptions& options,
                                                            int threads = 0);

// A reader that keeps only `columns` (in that order) of `inner`'s batches.
Result<std::unique_ptr<BatchReader>> ProjectColumns(std::unique_ptr<BatchReader> inner,
                                                    const std::vector<std::string>& columns,
                                                    std::string_view object);

}  // namespace s3c::formats
