// The S3 writer (see s3_object_store.h): one PutObject up to the multipart threshold, else a
// multipart upload with at most `concurrency` parts in flight. Part callbacks only record the
// outcome and signal; requests are issued from the writer's thread.
#include <fmt/format.h>

#include <condition_variable>
#include <map>
#include <memory>
#include <mutex>
#include <vector>

#include "s3c/s3/request_body.h"
#include "store/s3_streams.h"

namespace s3c::store_internal {
namespace {

constexpr int kMaxParts = 10000;

struct PartsState {
  std::mutex mu;
  std::condition_variable cv;
  size_t in_flight = 0;
  std::map<int, CompletedPart> done;  // by part number
  Status first_error;
};

// Part buffers come back here when the transport drops a finished part's body, so each upload
// reuses the same `concurrency + 1` buffers: a fresh 8 MiB allocation per part costs a page fault
// per page (measured on a 1 GiB upload: the part copy and those faults were a quarter of the
// client's CPU). Thread-safe: bodies are released on the transport thread.
class PartBufferPool : public std::enable_shared_from_this<PartBufferPool> {
 public:
  std::string Take() {
    std::lock_guard<std::mutex> lock(mu_);
    if (free_.empty()) return std::string();
    std::string s = std::move(free_.back());
    free_.pop_back();
    return s;
  }

  // Shares `bytes` with a request body; the last owner returns the buffer to the pool (or frees
  // it when the pool is gone).
  std::shared_ptr<const std::string> Lend(std::string bytes) {
    std::weak_ptr<PartBufferPool> pool = weak_from_this();
    return std::shared_ptr<const std::string>(
        new std::string(std::move(bytes)), [pool](const std::string* s) {
          std::unique_ptr<std::string> owned(const_cast<std::string*>(s));
          if (auto p = pool.lock()) p->Return(std::move(*owned));
        });
  }

 private:
  void Return(std::string s) {
    s.clear();
    std::lock_guard<std::mutex> lock(mu_);
    free_.push_back(std::move(s));
  }

  std::mutex mu_;
  std::vector<std::string> free_;
};

class S3OutputStream final : public OutputStream {
 public:
  S3OutputStream(S3Location where, WriteOptions options, S3WriterConfig config)
      : where_(std::move(where)),
        options_(std::move(options)),
        config_(config),
        parts_(std::make_shared<PartsState>()) {
    put_options_.if_none_match = options_.if_none_match;
    put_options_.if_match = options_.if_match;
    put_options_.content_type = options_.content_type;
  }

  ~S3OutputStream() override { Abort(); }

  Status Write(const void* data, size_t n) override {
    if (!error_.ok()) return error_;
    if (finished_) return FailedPreconditionError("write after close: " + where_.uri);
    const char* p = static_cast<const char*>(data);
    bytes_written_ += n;
    while (n > 0) {
      // Before the upload starts, crossing the threshold by one byte is what starts it.
      uint64_t limit = upload_id_.empty() ? config_.multipart_threshold + 1 : config_.part_size;
      size_t take = std::min<uint64_t>(n, limit - buf_.size());
      buf_.append(p, take);
      p += take;
      n -= take;
      if (buf_.size() < limit) continue;
      if (upload_id_.empty()) S3C_RETURN_IF_ERROR(Fail(Start()));
      while (buf_.size() >= config_.part_size) {
        S3C_RETURN_IF_ERROR(Fail(SubmitPart(TakePart())));
      }
    }
    return Status::OK();
  }

  Status Close() override {
    if (!error_.ok()) return error_;
    if (finished_) return Status::OK();
    if (upload_id_.empty()) {
      auto etag = where_.client->PutObject(where_.bucket, where_.key,
                                           MakeS3RequestBody(std::move(buf_)), put_options_);
      buf_ = std::string();
      finished_ = true;
      if (!etag.ok()) {
        error_ = WritePreconditionError(etag.status(), options_);
        return error_;
      }
      Published(*etag);
      return Status::OK();
    }
    if (!buf_.empty()) S3C_RETURN_IF_ERROR(Fail(SubmitPart(std::move(buf_))));
    buf_.clear();
    S3C_RETURN_IF_ERROR(Fail(WaitForParts(0)));
    std::vector<CompletedPart> parts;
    for (const auto& [number, part] : parts_->done) parts.push_back(part);
    auto done = where_.client->CompleteMultipartUpload(where_.bucket, where_.key, upload_id_, parts,
                                                       put_options_);
    if (!done.ok()) return Fail(WritePreconditionError(done.status(), options_));
    upload_id_.clear();
    finished_ = true;
    Published(*done);
    return Status::OK();
  }

  // Before a multipart upload: the buffer of the coming PutObject. After it started: the part
  // being filled plus one buffer per part submitted, up to `concurrency` (the pool keeps the
  // buffers of finished parts for reuse), counted whether or not a part has landed yet.
  uint64_t buffered_bytes() const override {
    if (finished_) return 0;
    if (upload_id_.empty()) return buf_.capacity();
    uint64_t buffers = std::min<uint64_t>(static_cast<uint64_t>(next_part_ - 1),
                                          config_.concurrency) + 1;
    return buffers * config_.part_size;
  }

  void Abort() override {
    if (!finished_ && error_.ok()) error_ = CancelledError("write aborted: " + where_.uri);
    finished_ = true;
    buf_.clear();
    buf_.shrink_to_fit();
    AbortUpload();
  }

 private:
  // Records the first error and aborts the upload; returns the error.
  Status Fail(Status status) {
    if (status.ok()) return status;
    if (error_.ok()) error_ = status;
    AbortUpload();
    return error_;
  }

  void Published(const std::string& etag) {
    if (!options_.on_published) return;
    ObjectInfo info;
    info.key = where_.key;
    info.size = bytes_written_;
    info.etag = etag;
    options_.on_published(info);
  }

  void AbortUpload() {
    if (upload_id_.empty()) return;
    (void)WaitForParts(0);  // parts still landing would outlive the abort
    where_.client->AbortMultipartUpload(where_.bucket, where_.key, upload_id_).IgnoreError();
    upload_id_.clear();
  }

  Status Start() {
    S3C_ASSIGN_OR_RETURN(
        upload_id_, where_.client->CreateMultipartUpload(where_.bucket, where_.key, put_options_));
    return Status::OK();
  }

  // Waits until at most `limit` parts are in flight; returns the first part failure.
  Status WaitForParts(size_t limit) {
    std::unique_lock<std::mutex> lock(parts_->mu);
    parts_->cv.wait(lock, [&] { return parts_->in_flight <= limit; });
    return parts_->first_error;
  }

  // Hands the first part_size bytes of buf_ over without copying them (only a tail past the
  // part, at most one byte when the upload starts, is copied) and refills buf_ from the pool.
  std::string TakePart() {
    std::string tail = buf_.substr(config_.part_size);
    buf_.resize(config_.part_size);
    std::string part = std::move(buf_);
    buf_ = buffers_->Take();
    buf_.reserve(config_.part_size);
    buf_.append(tail);
    return part;
  }

  Status SubmitPart(std::string data) {
    if (next_part_ > kMaxParts) {
      return InvalidArgumentError(
          fmt::format("{}: more than {} parts of {} bytes; give a size hint or a larger part size",
                      where_.uri, kMaxParts, config_.part_size));
    }
    S3C_RETURN_IF_ERROR(WaitForParts(config_.concurrency - 1));
    int number = next_part_++;
    {
      std::lock_guard<std::mutex> lock(parts_->mu);
      ++parts_->in_flight;
    }
    std::shared_ptr<PartsState> parts = parts_;
    where_.client->UploadPartAsync(where_.bucket, where_.key, upload_id_, number,
                                   MakeS3RequestBody(buffers_->Lend(std::move(data))),
                                   [parts, number](Result<CompletedPart> part) {
                                     std::lock_guard<std::mutex> lock(parts->mu);
                                     if (part.ok()) {
                                       parts->done[number] = std::move(*part);
                                     } else if (parts->first_error.ok()) {
                                       parts->first_error = part.status();
                                     }
                                     --parts->in_flight;
                                     parts->cv.notify_all();
                                   });
    return Status::OK();
  }

  S3Location where_;
  WriteOptions options_;
  PutOptions put_options_;
  S3WriterConfig config_;
  std::string buf_;
  std::string upload_id_;  // non-empty while a multipart upload is open
  int next_part_ = 1;
  uint64_t bytes_written_ = 0;
  bool finished_ = false;
  Status error_;
  std::shared_ptr<PartsState> parts_;
  std::shared_ptr<PartBufferPool> buffers_ = std::make_shared<PartBufferPool>();
};

}  // namespace

Status WritePreconditionError(const Status& status, const WriteOptions& options) {
  if (status.code() == StatusCode::kNotFound && !options.if_match.empty() &&
      status.context().s3_code != "NoSuchBucket") {
    Status st = FailedPreconditionError("the object does not exist (If-Match " + options.if_match +
                                        "): " + status.message());
    st.SetContext(status.context());
    return st;
  }
  return status;
}

std::unique_ptr<OutputStream> MakeS3Output(S3Location where, WriteOptions options,
                                           S3WriterConfig config) {
  return std::make_unique<S3OutputStream>(std::move(where), std::move(options), config);
}

}  // namespace s3c::store_internal
