#include "s3c/formats/json/json_writer.h"

#include <fmt/format.h>

#include "formats/json/value_text.h"
#include "s3c/common/json_escape.h"

namespace s3c::formats {
namespace {

class JsonBatchWriter final : public BatchWriter {
 public:
  JsonBatchWriter(std::unique_ptr<OutputStream> out, std::shared_ptr<Schema> schema,
                  JsonWriteOptions options)
      : out_(std::move(out)), schema_(std::move(schema)), options_(options) {
    for (const auto& f : schema_->fields()) {
      std::string key;
      AppendJsonString(f.name(), &key);
      key.push_back(':');
      keys_.push_back(std::move(key));
    }
  }
  ~JsonBatchWriter() override {
    if (!closed_) Abort();
  }

  Status Write(const RecordBatch& batch) override;
  Status Close() override;
  void Abort() override {
    closed_ = true;
    out_->Abort();
  }
  uint64_t buffered_bytes() const override { return buf_.capacity() + out_->buffered_bytes(); }
  uint64_t pending_output_bytes() const override { return buf_.size(); }
  Status FlushBuffered() override { return Flush(); }

 private:
  Status Flush() {
    Status s = out_->Write(buf_);
    buf_.clear();
    return s;
  }

  std::unique_ptr<OutputStream> out_;
  std::shared_ptr<Schema> schema_;
  JsonWriteOptions options_;
  std::vector<std::string> keys_;  // "\"name\":" per column
  std::string buf_;
  bool wrote_row_ = false;
  bool closed_ = false;
};

Status JsonBatchWriter::Write(const RecordBatch& batch) {
  if (closed_) return FailedPreconditionError("JSON writer: Write after Close or Abort");
  if (!batch.schema()->Equals(*schema_)) {
    return InvalidArgumentError(fmt::format("JSON writer: batch schema\n{}\ndiffers from\n{}",
                                            batch.schema()->ToString(), schema_->ToString()));
  }
  for (int64_t row = 0; row < batch.num_rows(); ++row) {
    if (options_.lines) {
      // nothing before a JSONL row
    } else {
      buf_.append(wrote_row_ ? ",\n" : "[\n");
    }
    wrote_row_ = true;
    buf_.push_back('{');
    for (int c = 0; c < batch.num_columns(); ++c) {
      if (c > 0) buf_.push_back(',');
      buf_.append(keys_[static_cast<size_t>(c)]);
      json_internal::AppendArrayValue(*batch.column(c), row, options_.non_finite, &buf_);
    }
    buf_.push_back('}');
    if (options_.lines) buf_.push_back('\n');
    if (buf_.size() >= options_.buffer_bytes) S3C_RETURN_IF_ERROR(Flush());
  }
  return Status::OK();
}

Status JsonBatchWriter::Close() {
  if (closed_) return FailedPreconditionError("JSON writer: Close after Close or Abort");
  if (!options_.lines) buf_.append(wrote_row_ ? "\n]\n" : "[]\n");
  Status s = Flush();
  closed_ = true;
  if (!s.ok()) {
    out_->Abort();
    return s;
  }
  return out_->Close();
}

}  // namespace

Result<std::unique_ptr<BatchWriter>> OpenJsonWriter(std::unique_ptr<OutputStream> output,
                                                    std::shared_ptr<Schema> schema,
                                                    JsonWriteOptions options) {
  if (output == nullptr || schema == nullptr) {
    return InvalidArgumentError("OpenJsonWriter: needs an output stream and a schema");
  }
  return std::unique_ptr<BatchWriter>(
      std::make_unique<JsonBatchWriter>(std::move(output), std::move(schema), options));
}

}  // namespace s3c::formats
