// CopyObject (single request up to max_single_copy_size, S3's limit being 5 GiB) and the
// multipart copy above it (UploadPartCopy in parallel, pinned to the source ETag).
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_CopyObject.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_UploadPartCopy.html
#include <fmt/format.h>

#include <condition_variable>
#include <mutex>

#include "s3/s3_client_impl.h"
#include "s3/xml_parsers.h"

namespace s3c::s3 {

inline constexpr uint64_t kMaxCopyPartSize = 5ull << 30;

Status S3ClientImpl::CopyObject(const std::string& src_bucket, const std::string& src_key,
                                const std::string& dst_bucket, const std::string& dst_key,
                                const std::optional<S3Object>& known_source) {
  HeadObjectResult head;
  if (known_source) {
    head.size = known_source->size;
    head.etag = known_source->etag;
  } else {
    S3C_ASSIGN_OR_RETURN(head, HeadObject(src_bucket, src_key, ""));
  }
  if (head.size > options_.max_single_copy_size) {
    return CopyMultipart(src_bucket, src_key, dst_bucket, dst_key, head.size, head.etag);
  }
  S3Call call;
  call.operation = "CopyObject";
  call.bucket = dst_bucket;
  call.key = dst_key;
  call.method = "PUT";
  call.error_in_200 = true;
  call.headers.Set("x-amz-copy-source", CopySourceHeader(src_bucket, src_key));
  if (!head.etag.empty()) call.headers.Set("x-amz-copy-source-if-match", QuoteEtag(head.etag));
  S3C_ASSIGN_OR_RETURN(HttpResponse resp, executor_.ExecuteSync(std::move(call)));
  Result<std::string> etag = ParseCopyResult(resp.body);
  if (!etag.ok()) {
    Status s = etag.status();
    s.mutable_context().operation = "CopyObject";
    s.mutable_context().resource = ResourceName(dst_bucket, dst_key);
    return s;
  }
  return Status::OK();
}

void S3ClientImpl::UploadPartCopyAsync(const std::string& bucket, const std::string& key,
                                       const std::string& upload_id, int part_number,
                                       const std::string& copy_source, uint64_t first,
                                       uint64_t last, const std::string& src_etag,
                                       std::function<void(Result<std::string>)> done) {
  S3Call call;
  call.operation = "UploadPartCopy";
  call.bucket = bucket;
  call.key = key;
  call.method = "PUT";
  call.error_in_200 = true;
  call.query.emplace_back("partNumber", std::to_string(part_number));
  call.query.emplace_back("uploadId", upload_id);
  call.headers.Set("x-amz-copy-source", copy_source);
  call.headers.Set("x-amz-copy-source-range", fmt::format("bytes={}-{}", first, last));
  if (!src_etag.empty()) call.headers.Set("x-amz-copy-source-if-match", QuoteEtag(src_etag));
  executor_.Execute(std::move(call), [done = std::move(done)](Result<HttpResponse> r) {
    if (!r.ok()) return done(r.status());
    done(ParseCopyResult(r->body));
  });
}

Status S3ClientImpl::CopyMultipart(const std::string& src_bucket, const std::string& src_key,
                                   const std::string& dst_bucket, const std::string& dst_key,
                                   uint64_t size, const std::string& src_etag) {
  uint64_t part_size = std::min(PartSizeFor(size), kMaxCopyPartSize);
  uint64_t part_count = (size + part_size - 1) / part_size;
  S3C_ASSIGN_OR_RETURN(std::string upload_id,
                       CreateUpload(dst_bucket, dst_key, {}, /*declare_checksum=*/false));
  std::string source = CopySourceHeader(src_bucket, src_key);

  std::mutex mu;
  std::condition_variable cv;
  size_t in_flight = 0;
  Status first_error;
  std::vector<CompletedPart> parts(part_count);
  for (uint64_t i = 0; i < part_count; ++i) {
    {
      std::unique_lock<std::mutex> lock(mu);
      cv.wait(lock, [&] { return in_flight < options_.concurrency; });
      if (!first_error.ok()) break;
      ++in_flight;
    }
    int number = static_cast<int>(i + 1);
    uint64_t first = i * part_size;
    uint64_t last = std::min(size, first + part_size) - 1;
    UploadPartCopyAsync(dst_bucket, dst_key, upload_id, number, source, first, last, src_etag,
                        [&, i, number](Result<std::string> etag) {
                          std::lock_guard<std::mutex> lock(mu);
                          if (etag.ok()) {
                            parts[i] = CompletedPart{number, *etag, ""};
                          } else if (first_error.ok()) {
                            first_error = etag.status();
                          }
                          --in_flight;
                          cv.notify_all();
                        });
  }
  {
    std::unique_lock<std::mutex> lock(mu);
    cv.wait(lock, [&] { return in_flight == 0; });
  }
  if (first_error.ok()) {
    Result<std::string> done = CompleteMultipartUpload(dst_bucket, dst_key, upload_id, parts, {});
    if (done.ok()) return Status::OK();
    first_error = done.status();
  }
  AbortMultipartUpload(dst_bucket, dst_key, upload_id).IgnoreError();
  return first_error;
}

}  // namespace s3c::s3
