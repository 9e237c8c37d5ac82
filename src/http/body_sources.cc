// The BodySource implementations: all are restartable from offset 0 (see http_client.h).
#include <algorithm>
#include <cstring>

#include "s3c/http/http_client.h"

namespace s3c {
namespace {

class SpanBody : public BodySource {
 public:
  SpanBody(const char* data, size_t size) : data_(data), size_(size) {}
  uint64_t size() const override { return size_; }
  Result<size_t> Read(char* out, size_t n) override {
    size_t k = std::min(n, size_ - pos_);
    if (k > 0) std::memcpy(out, data_ + pos_, k);
    pos_ += k;
    return k;
  }
  Status Rewind() override {
    pos_ = 0;
    return Status::OK();
  }

 private:
  const char* data_;
  size_t size_;
  size_t pos_ = 0;
};

// Keeps the shared bytes alive for as long as the span over them is used.
class BufferBody : public SpanBody {
 public:
  explicit BufferBody(std::shared_ptr<const std::string> bytes)
      : SpanBody(bytes->data(), bytes->size()), bytes_(std::move(bytes)) {}

 private:
  std::shared_ptr<const std::string> bytes_;
};

class FileRangeBody : public BodySource {
 public:
  FileRangeBody(std::shared_ptr<RandomAccessFile> file, uint64_t offset, uint64_t size)
      : file_(std::move(file)), offset_(offset), size_(size) {}
  uint64_t size() const override { return size_; }
  Result<size_t> Read(char* out, size_t n) override {
    size_t want = static_cast<size_t>(std::min<uint64_t>(n, size_ - pos_));
    if (want == 0) return size_t{0};
    S3C_ASSIGN_OR_RETURN(size_t got, file_->ReadAt(offset_ + pos_, want, out));
    if (got == 0) {
      return DataLossError("file ended before the announced request body size (" +
                           std::to_string(size_) + " bytes)");
    }
    pos_ += got;
    return got;
  }
  Status Rewind() override {
    pos_ = 0;
    return Status::OK();
  }

 private:
  std::shared_ptr<RandomAccessFile> file_;
  uint64_t offset_;
  uint64_t size_;
  uint64_t pos_ = 0;
};

}  // namespace

std::shared_ptr<BodySource> MakeBufferBody(std::shared_ptr<const std::string> bytes) {
  if (!bytes) bytes = std::make_shared<const std::string>();
  return std::make_shared<BufferBody>(std::move(bytes));
}

std::shared_ptr<BodySource> MakeBufferBody(std::string bytes) {
  return MakeBufferBody(std::make_shared<const std::string>(std::move(bytes)));
}

std::shared_ptr<BodySource> MakeSpanBody(const char* data, size_t size) {
  return std::make_shared<SpanBody>(data, size);
}

std::shared_ptr<BodySource> MakeFileRangeBody(std::shared_ptr<RandomAccessFile> file,
                                              uint64_t offset, uint64_t size) {
  return std::make_shared<FileRangeBody>(std::move(file), offset, size);
}

}  // namespace s3c
