// Turns the records of a JSON source into batches of the reader's schema: rows through the fast
// path (flat_record.h) where it takes them, the full path (JsonValue tree, RecordColumns,
// ConvertValue) otherwise; a record with a value its column does not take is rejected whole.
// Used by the reader on its own thread and by each chunk task of the parallel parser, so both
// build the same rows and reject the same records with the same reasons.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <unordered_map>

#include "formats/json/flat_record.h"
#include "formats/json/record_source.h"
#include "s3c/formats/json/json_reader.h"

namespace s3c::formats::json_internal {

// Column index by name of the reader's schema.
using ColumnIndex = std::unordered_map<std::string, int>;

class JsonBatchBuilder {
 public:
  // Supplies the next record: kRecord (in *rec), kFlat (the row waits in `flat`) or kEnd; bad
  // records are the supplier's to handle. `flat` is null when the fast path is off for this
  // record; *tried tells whether the supplier offered the record to it.
  using NextFn =
      std::function<Result<RecordKind>(SourceRecord* rec, FlatRecordParser* flat, bool* tried)>;
  // Takes a rejected record (a value that does not fit its column); an error ends the batch.
  using RejectFn = std::function<Status(RejectedRecord bad)>;

  // `options`, `schema` and `index` must outlive the builder. `fast_path` allows the fast path.
  JsonBatchBuilder(const JsonReadOptions& options, std::shared_ptr<Schema> schema,
                   const ColumnIndex* index, bool fast_path);

  // Up to options.batch_rows rows from `next`, adding one to *rows_read per row; nullptr when
  // `next` ended before giving a row.
  Result<std::shared_ptr<RecordBatch>> Fill(const NextFn& next, const RejectFn& reject,
                                            int64_t* rows_read);

 private:
  std::string Where(const SourceRecord& rec) const;

  const JsonReadOptions& options_;
  std::shared_ptr<Schema> schema_;
  const ColumnIndex* index_;
  std::unique_ptr<FlatRecordParser> flat_;
  // Whether the next batch tries the fast path: off for one batch after a batch whose
  // records mostly needed the full path (nested values, say), then tried again.
  bool use_flat_;
};

}  // namespace s3c::formats::json_internal
