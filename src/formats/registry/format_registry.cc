// OpenFormatReader / OpenFormatWriter (format_registry.h).
#include "s3c/formats/format_registry.h"

#include <fmt/format.h>

#include "s3c/formats/csv/csv.h"

namespace s3c::formats {
namespace {

// Keeps the Parquet file reader alive as long as the batches it hands out. Row groups are
// chosen at the first Next(), not at open: a predicate whose binding needs the schemas of
// opened files (a dataset's filter) still prunes the row groups of those files.
class ParquetBatchReader final : public BatchReader {
 public:
  explicit ParquetBatchReader(std::unique_ptr<parquet::ParquetFileReader> file)
      : file_(std::move(file)) {}
  std::shared_ptr<Schema> schema() const override { return file_->schema(); }
  Result<std::shared_ptr<RecordBatch>> Next() override {
    if (!batches_) {
      S3C_ASSIGN_OR_RETURN(batches_, file_->ReadBatches());
    }
    return batches_->Next();
  }
  int64_t rows_read() const override { return batches_ ? batches_->rows_read() : 0; }
  int64_t rows_rejected() const override { return batches_ ? batches_->rows_rejected() : 0; }
  PruningCounters pruning() const override {
    return batches_ ? batches_->pruning() : PruningCounters{};
  }
  uint64_t working_bytes() const override { return file_->working_bytes(); }

 private:
  std::unique_ptr<parquet::ParquetFileReader> file_;
  std::unique_ptr<BatchReader> batches_;
};

Result<std::unique_ptr<BatchReader>> OpenParquet(const ReadSource& source,
                                                 const FormatReadOptions& options) {
  if (!source.open_random_access) {
    return InvalidArgumentError(fmt::format(
        "{}: Parquet needs positional reads (a file or an object, not a stream)", source.name));
  }
  S3C_ASSIGN_OR_RETURN(std::shared_ptr<RandomAccessFile> file, source.open_random_access());
  parquet::ParquetReadOptions parquet_options = options.parquet;
  parquet_options.object_name = source.name;
  parquet_options.columns = options.columns;
  S3C_ASSIGN_OR_RETURN(auto reader,
                       parquet::ParquetFileReader::Open(std::move(file), parquet_options));
  return std::unique_ptr<BatchReader>(new ParquetBatchReader(std::move(reader)));
}

Result<std::unique_ptr<BatchReader>> OpenRowText(const ReadSource& source, FileFormat format,
                                                 const FormatReadOptions& options) {
  if (!source.open_input) {
    return InvalidArgumentError(fmt::format("{}: no input stream to read", source.name));
  }
  S3C_ASSIGN_OR_RETURN(auto raw, source.open_input());
  S3C_ASSIGN_OR_RETURN(auto input,
                       OpenAutoDecompressor(std::move(raw), source.name, options.compression));
  std::unique_ptr<BatchReader> reader;
  switch (format) {
    case FileFormat::kCsv:
    case FileFormat::kTsv: {
      csv::CsvReadOptions csv_options = options.csv;
      csv_options.columns = options.columns;  // converted in the parser; ordered below
      if (format == FileFormat::kTsv) {
        csv_options.dialect.delimiter = '\t';
        csv_options.detect_dialect = false;
      }
      S3C_ASSIGN_OR_RETURN(reader, csv::OpenCsvReader(std::move(input), source.name, csv_options));
      break;
    }
    case FileFormat::kJson:
    case FileFormat::kJsonLines: {
      JsonReadOptions json_options = options.json;
      json_options.object_name = source.name;
      json_options.format =
          format == FileFormat::kJsonLines ? JsonFormat::kJsonLines : JsonFormat::kAuto;
      S3C_ASSIGN_OR_RETURN(reader, OpenJsonReader(std::move(input), json_options));
      break;
    }
    case FileFormat::kText: {
      S3C_ASSIGN_OR_RETURN(reader,
                           text::OpenTextReader(std::move(input), source.name, options.text));
      break;
    }
    case FileFormat::kParquet:
      return InternalError("parquet is not a row-text format");
  }
  return ProjectColumns(std::move(reader), options.columns, source.name);
}

}  // namespace

Result<std::unique_ptr<BatchReader>> OpenFormatReader(const ReadSource& source, FileFormat format,
                                                      const FormatReadOptions& options) {
  if (format == FileFormat::kParquet) return OpenParquet(source, options);
  return OpenRowText(source, format, options);
}

Result<std::unique_ptr<BatchWriter>> OpenFormatWriter(std::unique_ptr<OutputStream> output,
                                                      FileFormat format,
                                                      std::shared_ptr<Schema> schema,
                                                      const FormatWriteOptions& options) {
  if (format == FileFormat::kText) {
    return InvalidArgumentError("text is read-only: write csv, tsv, json or jsonl instead");
  }
  if (format == FileFormat::kParquet) {
    if (options.compression != Codec::kNone) {
      return InvalidArgumentError(fmt::format(
          "Parquet compresses its pages itself: use the Parquet codec option instead of {} "
          "stream compression",
          CodecName(options.compression)));
    }
    return parquet::OpenParquetWriter(std::move(output), std::move(schema), options.parquet);
  }
  S3C_ASSIGN_OR_RETURN(auto sink,
                       OpenCompressor(std::move(output), options.compression, options.compress));
  switch (format) {
    case FileFormat::kCsv:
    case FileFormat::kTsv: {
      csv::CsvWriteOptions csv_options = options.csv;
      if (format == FileFormat::kTsv) csv_options.dialect.delimiter = '\t';
      return csv::OpenCsvWriter(std::move(sink), std::move(schema), csv_options);
    }
    case FileFormat::kJson:
    case FileFormat::kJsonLines: {
      JsonWriteOptions json_options = options.json;
      json_options.lines = format == FileFormat::kJsonLines;
      return OpenJsonWriter(std::move(sink), std::move(schema), json_options);
    }
    default:
      return InternalError("unreachable format");
  }
}

}  // namespace s3c::formats
