// Splits a JSON / JSONL stream into records: elements of a top-level array, or a stream of
// whitespace-separated values. Outside an array a record that fails to parse can be skipped:
// the source resumes after the next newline.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "formats/json/flat_record.h"
#include "s3c/common/byte_source.h"
#include "s3c/common/json_parser.h"
#include "s3c/formats/batch_io.h"
#include "s3c/formats/json/json_reader.h"

namespace s3c::formats::json_internal {

struct SourceRecord {
  JsonValue value;
  int64_t line = 0;
  int64_t offset = 0;
  std::string raw;  // kept only when keep_raw
};

// kFlat: the record went through the fast path into FlatRecordParser (its row is pending there).
enum class RecordKind { kRecord, kFlat, kBad, kEnd };

class RecordSource {
 public:
  RecordSource(std::unique_ptr<InputStream> input, const JsonReadOptions& options);

  // kRecord fills `rec` (an object); kBad fills `bad` (the source already moved past it).
  // Syntax errors inside a top-level array, and any syntax error when `recover` is false,
  // are returned as errors; so are read errors. With `flat`, an object record that it accepts
  // gives kFlat (and `rec` is untouched); others take the full path as without it.
  Result<RecordKind> Next(SourceRecord* rec, RejectedRecord* bad, FlatRecordParser* flat = nullptr);

 private:
  enum class Mode { kStart, kArray, kStream, kDone };
  Status Start();
  Result<RecordKind> ParseRecord(SourceRecord* rec, RejectedRecord* bad);

  std::unique_ptr<InputStream> input_;
  ByteSource src_;
  JsonParser parser_;
  JsonFormat format_;
  bool recover_;
  bool keep_raw_;
  int64_t max_record_bytes_;
  Mode mode_ = Mode::kStart;
  bool first_element_ = true;
};

}  // namespace s3c::formats::json_internal
