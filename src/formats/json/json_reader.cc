#include "s3c/formats/json/json_reader.h"

#include <fmt/format.h>

#include <deque>
#include <unordered_map>

#include "formats/json/json_batch_builder.h"
#include "formats/json/json_convert.h"
#include "formats/json/json_parallel.h"
#include "formats/json/json_reader_internal.h"
#include "formats/json/json_types.h"
#include "formats/json/record_source.h"
#include "s3c/common/executor.h"

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
      : options_(std::move(options)),
        source_(std::make_unique<json_internal::RecordSource>(std::move(input), options_)),
        fast_path_(fast_path) {}

  Status Init();
  std::shared_ptr<Schema> schema() const override { return schema_; }
  Result<std::shared_ptr<RecordBatch>> Next() override;
  int64_t rows_read() const override { return rows_read_; }
  int64_t rows_rejected() const override { return rejected_; }

 private:
  Result<std::shared_ptr<RecordBatch>> NextBatch();
  // A batch read on this thread: the inference sample first, then (unless the parallel parser
  // reads the rest) the source.
  Result<std::shared_ptr<RecordBatch>> NextSequential();
  // Takes the next parsed chunk: its rejected records through the policy, its batches into
  // ready_, its error into deferred_; after a chunk that resumes, the rest goes to source_.
  // False after the last chunk.
  Result<bool> PullChunk();
  // With more than one thread and a stream of values longer than one chunk: starts parallel_
  // (at the first Next()).
  Status StartParallel();
  // The next record from the input itself. Bad records are handled here.
  Result<RecordKind> ReadRecord(SourceRecord* rec, json_internal::FlatRecordParser* flat);
  Status Reject(RejectedRecord bad);
  Status CheckRatio() const;
  Status InferSchema();

  JsonReadOptions options_;
  std::unique_ptr<json_internal::RecordSource> source_;
  bool fast_path_;
  std::shared_ptr<Schema> schema_;
  json_internal::ColumnIndex index_;
  std::unique_ptr<json_internal::JsonBatchBuilder> builder_;
  std::deque<SourceRecord> pending_;
  bool done_ = false;
  bool parallel_decided_ = false;
  int64_t rows_read_ = 0;
  int64_t rejected_ = 0;
  // After index_ and schema_, which its tasks use: destroyed before them.
  std::unique_ptr<json_internal::ParallelJsonParser> parallel_;
  std::deque<std::shared_ptr<RecordBatch>> ready_;
  Status deferred_;  // a chunk's error, after its batches
  Status failed_;    // returned by every Next() after the first error
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

Result<RecordKind> JsonBatchReader::ReadRecord(SourceRecord* rec,
                                               json_internal::FlatRecordParser* flat) {
  while (!done_) {
    RejectedRecord bad;
    S3C_ASSIGN_OR_RETURN(RecordKind kind, source_->Next(rec, &bad, flat));
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
  builder_ =
      std::make_unique<json_internal::JsonBatchBuilder>(options_, schema_, &index_, fast_path_);
  return Status::OK();
}

Status JsonBatchReader::CheckRatio() const {
  const double ratio = options_.bad_records.max_error_ratio;
  int64_t total = rows_read_ + rejected_;
  if (total > 0 && static_cast<double>(rejected_) > ratio * static_cast<double>(total)) {
    return DataLossError(fmt::format(
        "{}: {} of {} records were bad, above the allowed ratio {}",
        options_.object_name.empty() ? "input" : options_.object_name, rejected_, total, ratio));
  }
  return Status::OK();
}

Status JsonBatchReader::StartParallel() {
  const int threads = options_.threads == 0 ? Executor::Shared().size() : options_.threads;
  if (threads <= 1 || done_) return Status::OK();
  S3C_ASSIGN_OR_RETURN(bool stream, source_->IsStreamOfValues());
  // A top-level array goes parallel between two elements (after the sample's last one).
  if (!stream && source_->array_state() != json_internal::ArrayState::kSeparator) {
    return Status::OK();
  }
  json_internal::UnreadInput rest = source_->Detach();
  // Read ahead one chunk: a rest that fits in it stays on this thread.
  const size_t chunk = std::max<size_t>(options_.parallel_chunk_bytes, 1);
  while (rest.input != nullptr && rest.read_error.ok() && rest.text.size() <= chunk) {
    const size_t old = rest.text.size();
    rest.text.resize(chunk + 1);
    Result<size_t> got = rest.input->Read(rest.text.data() + old, rest.text.size() - old);
    rest.text.resize(old + (got.ok() ? *got : 0));
    if (!got.ok()) rest.read_error = got.status();
    if (got.ok() && *got == 0) rest.input.reset();
  }
  if (rest.text.size() <= chunk) {
    source_ = std::make_unique<json_internal::RecordSource>(std::move(rest), options_);
    return Status::OK();
  }
  parallel_ = json_internal::ParallelJsonParser::Make(options_, schema_, &index_, fast_path_,
                                                      std::move(rest), threads);
  return Status::OK();
}

Result<std::shared_ptr<RecordBatch>> JsonBatchReader::NextSequential() {
  auto next = [this](SourceRecord* rec, json_internal::FlatRecordParser* flat,
                     bool* tried) -> Result<RecordKind> {
    *tried = flat != nullptr && pending_.empty();
    if (!pending_.empty()) {
      *rec = std::move(pending_.front());
      pending_.pop_front();
      return RecordKind::kRecord;
    }
    if (parallel_ != nullptr) return RecordKind::kEnd;  // it reads the rest
    return ReadRecord(rec, flat);
  };
  return builder_->Fill(
      next, [this](RejectedRecord bad) { return Reject(std::move(bad)); }, &rows_read_);
}

Result<bool> JsonBatchReader::PullChunk() {
  S3C_ASSIGN_OR_RETURN(std::shared_ptr<json_internal::JsonChunk> chunk, parallel_->Next());
  if (chunk == nullptr) {
    parallel_.reset();
    done_ = true;
    return false;
  }
  for (RejectedRecord& bad : chunk->rejected) S3C_RETURN_IF_ERROR(Reject(std::move(bad)));
  for (auto& b : chunk->batches) ready_.push_back(std::move(b));
  deferred_ = chunk->status;
  if (chunk->resume) {
    source_ =
        std::make_unique<json_internal::RecordSource>(parallel_->TakeRest(*chunk), options_);
    parallel_.reset();
  }
  return true;
}

Result<std::shared_ptr<RecordBatch>> JsonBatchReader::NextBatch() {
  if (!parallel_decided_) {
    // At the first batch, not at open: a reader opened for its schema reads no further.
    parallel_decided_ = true;
    S3C_RETURN_IF_ERROR(StartParallel());
  }
  while (true) {
    if (!ready_.empty()) {
      std::shared_ptr<RecordBatch> b = std::move(ready_.front());
      ready_.pop_front();
      rows_read_ += b->num_rows();
      return b;
    }
    S3C_RETURN_IF_ERROR(deferred_);
    if (parallel_ == nullptr || !pending_.empty()) {
      S3C_ASSIGN_OR_RETURN(auto b, NextSequential());
      if (b != nullptr) return b;
      if (parallel_ != nullptr) continue;  // the sample is read: the chunks follow
      S3C_RETURN_IF_ERROR(CheckRatio());
      return b;
    }
    S3C_ASSIGN_OR_RETURN(bool more, PullChunk());
    if (!more) {
      S3C_RETURN_IF_ERROR(CheckRatio());
      return std::shared_ptr<RecordBatch>();
    }
  }
}

Result<std::shared_ptr<RecordBatch>> JsonBatchReader::Next() {
  S3C_RETURN_IF_ERROR(failed_);
  auto r = NextBatch();
  if (!r.ok()) failed_ = r.status();
  return r;
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
