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

// Detects delimiter (',', '\t', ';', '|'), quote ('"' or '\''), header and column types from
// the start of a file (UTF-8; at most its first MiB is used). Each candidate tokenizes the
// whole sample with quoting (quoted delimiters and line breaks stay in their field); the one
// whose records most consistently share a field count greater than one, without stray quote
// characters in unquoted fields, wins. `base` gives the other dialect settings (escape,
// comment prefix, trimming). Unless `at_eof`, a record cut off by the end of the sample is
// ignored. When several delimiters split lines and none reads most of the sample consistently,
// or two fit equally well, the result is InvalidArgument with a message that suggests
// --delimiter. A sample that only one delimiter splits uses it, however ragged; a sample where
// no candidate splits any line is one column.
Result<CsvSniffResult> SniffCsv(std::string_view sample, const InferenceOptions& inference = {},
                                const CsvDialect& base = {}, bool at_eof = false);
// The dialect part of SniffCsv alone (what the reader needs: it infers the schema itself).
Result<CsvDialect> DetectCsvDialect(std::string_view sample, const CsvDialect& base = {},
                                    bool at_eof = false);

}  // namespace s3c::formats::csv
