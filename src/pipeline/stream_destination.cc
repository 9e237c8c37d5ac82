// StreamDestination (stream_destination.h).
#include "pipeline/stream_destination.h"

#include "s3c/io/local_file.h"

namespace s3c::pipeline {
namespace {

// Counts the bytes that pass into `inner`, for the run report.
class CountingOutput : public OutputStream {
 public:
  explicit CountingOutput(std::unique_ptr<OutputStream> inner) : inner_(std::move(inner)) {}
  Status Write(const void* data, size_t n) override {
    S3C_RETURN_IF_ERROR(inner_->Write(data, n));
    bytes_ += n;
    return Status::OK();
  }
  Status Close() override { return inner_->Close(); }
  void Abort() override { inner_->Abort(); }
  uint64_t buffered_bytes() const override { return inner_->buffered_bytes(); }
  const uint64_t* bytes() const { return &bytes_; }

 private:
  std::unique_ptr<OutputStream> inner_;
  uint64_t bytes_ = 0;
};

}  // namespace

Result<std::unique_ptr<StreamDestination>> StreamDestination::Open(
    const StreamOpener& open_stream, const std::string& stream_path, formats::FileFormat format,
    std::shared_ptr<columnar::Schema> schema, formats::FormatWriteOptions options) {
  std::unique_ptr<OutputStream> stream;
  if (open_stream) {
    S3C_ASSIGN_OR_RETURN(stream, open_stream(stream_path));
  } else {
    S3C_ASSIGN_OR_RETURN(stream, OpenLocalOutput(stream_path));
  }
  auto counting = std::make_unique<CountingOutput>(std::move(stream));
  const uint64_t* bytes = counting->bytes();
  const std::string name = stream_path == "-" ? "stdout" : stream_path;
  options.parquet.object_name = name;
  options.compress.name = name;
  S3C_ASSIGN_OR_RETURN(auto writer, formats::OpenFormatWriter(std::move(counting), format,
                                                              std::move(schema), options));
  return std::unique_ptr<StreamDestination>(new StreamDestination(std::move(writer), bytes));
}

Result<uint64_t> StreamDestination::Close() {
  S3C_RETURN_IF_ERROR(writer_->Close());
  return *bytes_;
}

}  // namespace s3c::pipeline
