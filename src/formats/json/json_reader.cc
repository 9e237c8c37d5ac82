#include "s3c/formats/json/json_reader.h"

#include <fmt/format.h>

#include <deque>
#include <unordered_map>

#include "formats/json/json_convert.h"
#include "formats/json/json_reader_internal.h"
#include "formats/json/json_types.h"
#include "formats/json/record_source.h"
#include "s3c/columnar/builder.h"

namespace s3c::formats {
namespace {

using columnar::DataType;
using columnar::Field;
using json_internal::ColumnValues;
using json_internal::RecordKind;
using json_internal::SourceRecord;

class JsonBatchReader final : public BatchReader {
 public:
  JsonBatchReader(std::unique_ptr<InputStream> input, JsonReadOptions options, bool fast_path)
      : options_(std::move(options)), source_(std::move(input), options_), use_flat_(fast_path) {}

  Status Init();
  std::shared_ptr<Schema> schema() const override { return schema_; }
  Result<std::shared_ptr<RecordBatch>> Next() override;
  int64_t rows_read() const override { return rows_read_; }
  int64_t rows_rejected() const override { return rejected_; }

 private:
  // The next record (pending ones first): kRecord, kFlat (with `flat`: the row waits in it) or
  // kEnd. Bad records are handled here.
  Result<RecordKind> NextRecord(SourceRecord* rec, json_internal::FlatRecordParser* flat);
  // The next record from the input itself.
  Result<RecordKind> ReadRecord(SourceRecord* rec, json_internal::FlatRecordParser* flat);
  Status Reject(RejectedRecord bad);
  Status InferSchema();
  std::string Where(const SourceRecord& rec) const {
    return fmt::format("{}: line {}, byte offset {}",
                       options_.object_name.empty() ? "input" : options_.object_name, rec.line,
                       rec.offset);
  }

  JsonReadOptions options_;
  json_internal::RecordSource source_;
  std::shared_ptr<Schema> schema_;
  std::unordered_map<std::string, int> index_;
  std::unique_ptr<json_internal::FlatRecordParser> flat_;
  // Whether the next batch tries the fast path: off for one batch after a batch whose
  // records mostly needed the full path (nested values, say), then tried again.
  bool use_flat_;
  std::deque<SourceRecord> pending_;
  bool done_ = false;
  int64_t rows_read_ = 0;
  int64_t rejected_ = 0;
};

Status JsonBatchReader::Reject(RejectedRecord bad) {
  ++rejected_;
  const BadRecordOptions& br = options_.bad_records;
  if (br.policy == BadRecordPolicy::kFail) return DataLossError(bad.reason);
  if (br.max_errors >= 0 && rejected_ > br.max_errors) {
    return DataLossError(
        fmt::format("more than {} bad records; the last: {}", br.max_errors, bad.reason));
  }
  if (br.policy == BadRecordPolicy::kQuarantine && br.quarantine) {
    bad.object = options_.object_name;
    S3C_RETURN_IF_ERROR(br.quarantine(bad));
  }
  return Status::OK();
}

Result<RecordKind> JsonBatchReader::NextRecord(SourceRecord* rec,
                                               json_internal::FlatRecordParser* flat) {
  if (!pending_.empty()) {
    *rec = std::move(pending_.front());
    pending_.pop_front();
    return RecordKind::kRecord;
  }
  return ReadRecord(rec, flat);
}

Result<RecordKind> JsonBatchReader::ReadRecord(SourceRecord* rec,
                                               json_internal::FlatRecordParser* flat) {
  while (!done_) {
    RejectedRecord bad;
    S3C_ASSIGN_OR_RETURN(RecordKind kind, source_.Next(rec, &bad, flat));
    if (kind == RecordKind::kRecord || kind == RecordKind::kFlat) return kind;
    if (kind == RecordKind::kEnd) {
      done_ = true;
      break;
    }
    S3C_RETURN_IF_ERROR(Reject(std::move(bad)));
  }
  return RecordKind::kEnd;
}

Status JsonBatchReader::InferSchema() {
  std::vector<Field> fields;
  std::unordered_map<std::string, size_t> seen;
  ColumnValues columns;
  int64_t limit = options_.inference.max_rows;
  while (limit < 0 || static_cast<int64_t>(pending_.size()) < limit) {
    SourceRecord rec;
    S3C_ASSIGN_OR_RETURN(RecordKind kind, ReadRecord(&rec, nullptr));
    if (kind == RecordKind::kEnd) break;
    json_internal::RecordColumns(rec.value, options_.flatten, options_.flatten_max_depth, &columns);
    for (const auto& [name, value] : columns) {
      DataType t = json_internal::InferValueType(*value, options_.inference);
      auto [it, added] = seen.emplace(name, fields.size());
      if (added) {
        fields.emplace_back(name, t);
      } else {
        fields[it->second] = fields[it->second].WithType(WidenTypes(fields[it->second].type(), t));
      }
    }
    pending_.push_back(std::move(rec));
  }
  for (Field& f : fields) {
    f = f.WithType(options_.schema_mode == JsonSchemaMode::kAllStrings
                       ? columnar::String()
                       : json_internal::ConcreteType(f.type()));
  }
  if (options_.schema_mode == JsonSchemaMode::kPartial && options_.schema != nullptr) {
    for (const Field& user : options_.schema->fields()) {
      auto it = seen.find(user.name());
      if (it == seen.end()) {
        fields.push_back(user);
      } else {
        fields[it->second] = user;
      }
    }
  }
  schema_ = columnar::MakeSchema(std::move(fields));
  return Status::OK();
}

Status JsonBatchReader::Init() {
  if (options_.batch_rows <= 0) return InvalidArgumentError("batch_rows must be positive");
  if (options_.max_depth <= 0) return InvalidArgumentError("max_depth must be positive");
  bool needs_schema = options_.schema_mode == JsonSchemaMode::kFull ||
                      options_.schema_mode == JsonSchemaMode::kPartial;
  if (needs_schema && options_.schema == nullptr) {
    return InvalidArgumentError("a full or partial schema mode needs a schema");
  }
  if (options_.schema_mode == JsonSchemaMode::kFull) {
    schema_ = options_.schema;
  } else {
    S3C_RETURN_IF_ERROR(InferSchema());
  }
  for (int i = 0; i < schema_->num_fields(); ++i) {
    const Field& f = schema_->field(i);
    Status s = json_internal::CheckSupportedType(f.type());
    if (!s.ok()) return Status(s.code(), fmt::format("column '{}': {}", f.name(), s.message()));
    if (!index_.emplace(f.name(), i).second) {
      return InvalidArgumentError(fmt::format("the schema repeats the column '{}'", f.name()));
    }
  }
  if (use_flat_) {
    flat_ = std::make_unique<json_internal::FlatRecordParser>(*schema_, options_.inference,
                                                              options_.flatten, options_.max_depth);
  }
  return Status::OK();
}

Result<std::shared_ptr<RecordBatch>> JsonBatchReader::Next() {
  const int n = schema_->num_fields();
  std::vector<std::unique_ptr<columnar::ArrayBuilder>> builders;
  for (const Field& f : schema_->fields()) builders.push_back(columnar::MakeBuilder(f.type()));
  std::vector<const JsonValue*> slots(static_cast<size_t>(n));
  ColumnValues columns;
  int64_t rows = 0;
  int64_t flat_rows = 0;
  int64_t fallbacks = 0;  // records the fast path was tried on and handed to the full path
  json_internal::FlatRecordParser* flat = use_flat_ ? flat_.get() : nullptr;  // null: off
  SourceRecord rec;
  while (rows < options_.batch_rows) {
    bool tried = flat != nullptr && pending_.empty();
    S3C_ASSIGN_OR_RETURN(RecordKind kind, NextRecord(&rec, flat));
    if (kind == RecordKind::kEnd) break;
    if (kind == RecordKind::kRecord && tried) ++fallbacks;
    if (kind == RecordKind::kFlat) {
      S3C_RETURN_IF_ERROR(flat_->AppendRow(builders));
      ++flat_rows;
      ++rows;
      ++rows_read_;
      continue;
    }
    json_internal::RecordColumns(rec.value, options_.flatten, options_.flatten_max_depth, &columns);
    std::fill(slots.begin(), slots.end(), nullptr);
    for (const auto& [name, value] : columns) {
      auto it = index_.find(name);
      if (it != index_.end()) slots[static_cast<size_t>(it->second)] = value;
    }
    Status bad;
    for (int i = 0; i < n && bad.ok(); ++i) {
      if (slots[i] == nullptr) continue;
      Status s = json_internal::ConvertValue(*slots[i], schema_->field(i).type(),
                                             options_.inference, nullptr);
      if (!s.ok()) {
        bad = InvalidArgumentError(
            fmt::format("{}: column '{}': {}", Where(rec), schema_->field(i).name(), s.message()));
      }
    }
    if (!bad.ok()) {
      S3C_RETURN_IF_ERROR(
          Reject({options_.object_name, rec.line, rec.offset, bad.message(), std::move(rec.raw)}));
      continue;
    }
    for (int i = 0; i < n; ++i) {
      if (slots[i] == nullptr) {
        builders[i]->AppendNull();
      } else {
        S3C_RETURN_IF_ERROR(json_internal::ConvertValue(*slots[i], schema_->field(i).type(),
                                                        options_.inference, builders[i].get()));
      }
    }
    ++rows;
    ++rows_read_;
  }
  use_flat_ = flat_ != nullptr && (flat == nullptr || fallbacks <= flat_rows);
  if (rows == 0) {
    const double ratio = options_.bad_records.max_error_ratio;
    int64_t total = rows_read_ + rejected_;
    if (total > 0 && static_cast<double>(rejected_) > ratio * static_cast<double>(total)) {
      return DataLossError(fmt::format(
          "{}: {} of {} records were bad, above the allowed ratio {}",
          options_.object_name.empty() ? "input" : options_.object_name, rejected_, total, ratio));
    }
    return std::shared_ptr<RecordBatch>();
  }
  std::vector<std::shared_ptr<columnar::Array>> arrays;
  for (auto& b : builders) {
    S3C_ASSIGN_OR_RETURN(auto array, b->Finish());
    arrays.push_back(std::move(array));
  }
  return RecordBatch::Make(schema_, std::move(arrays), rows);
}

}  // namespace

Result<std::unique_ptr<BatchReader>> OpenJsonReader(std::unique_ptr<InputStream> input,
                                                    JsonReadOptions options) {
  return json_internal::OpenJsonReaderForTest(std::move(input), std::move(options), true);
}

namespace json_internal {

Result<std::unique_ptr<BatchReader>> OpenJsonReaderForTest(std::unique_ptr<InputStream> input,
                                                           JsonReadOptions options,
                                                           bool fast_path) {
  if (input == nullptr) return InvalidArgumentError("OpenJsonReader: no input stream");
  auto reader = std::make_unique<JsonBatchReader>(std::move(input), std::move(options), fast_path);
  S3C_RETURN_IF_ERROR(reader->Init());
  return std::unique_ptr<BatchReader>(std::move(reader));
}

}  // namespace json_internal

}  // namespace s3c::formats
