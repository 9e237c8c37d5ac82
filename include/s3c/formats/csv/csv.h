// CSV/TSV reader, writer and sniffer (RFC 4180 plus dialects; csv_options.h).
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "s3c/formats/batch_io.h"
#include "s3c/formats/csv/csv_options.h"
#include "s3c/io/streams.h"

namespace s3c::formats::csv {

// Reads `input` (already decompressed). `object` names the source in errors and in quarantined
// records. Reads enough of the input to settle the schema before returning; errors name the
// object, 1-based line, byte offset (in the UTF-8 text after transcoding), column and type.
Result<std::unique_ptr<BatchReader>> OpenCsvReader(std::unique_ptr<InputStream> input,
                                                   std::string object, CsvReadOptions options);

// Writes batches of `schema` to `output`; Close() closes it, Abort() aborts it.
Result<std::unique_ptr<BatchWriter>> OpenCsvWriter(std::unique_ptr<OutputStream> output,
                                                   std::shared_ptr<columnar::Schema> schema,
                                                   CsvWriteOptions options);

struct CsvSniffResult {
  CsvDialect dialect;
  bool has_header = true;
  std::shared_ptr<columnar::Schema> schema;  // column names and inferred types
};

// Detects delimiter (',', '\t', '|', ';'), quote ('"' or '\''), header and column types from
// the start of a file (UTF-8). The last line of the sample is ignored when it has no line end.
Result<CsvSniffResult> SniffCsv(std::string_view sample, const InferenceOptions& inference = {});

}  // namespace s3c::formats::csv
