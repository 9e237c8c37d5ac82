// The S3Client implementation. Its methods are split by phase across ops_*.cc files; all of
// them build an S3Call and hand it to the one RequestExecutor.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "s3/request_executor.h"
#include "s3c/s3/s3_client.h"

namespace s3c::s3 {

class S3ClientImpl final : public S3Client {
 public:
  S3ClientImpl(S3ClientOptions options, S3ClientDeps deps)
      : options_(std::move(options)), executor_(options_, deps) {}

  const S3ClientOptions& options() const override { return options_; }

  // ops_list.cc
  Result<ListObjectsPage> ListObjectsV2(const ListObjectsRequest& request) override;
  Result<ListUploadsPage> ListMultipartUploads(const ListUploadsRequest& request) override;
  // ops_get.cc
  Result<HeadObjectResult> HeadObject(const std::string& bucket, const std::string& key,
                                      const std::string& if_match) override;
  Result<GetObjectResult> GetObject(const GetObjectRequest& request) override;
  void GetObjectAsync(GetObjectRequest request,
                      std::function<void(Result<GetObjectResult>)> done) override;
  // ops_put.cc
  Result<std::string> PutObject(const std::string& bucket, const std::string& key,
                                std::shared_ptr<BodySource> body,
                                const PutOptions& options) override;
  // ops_multipart.cc
  Result<std::string> CreateMultipartUpload(const std::string& bucket, const std::string& key,
                                            const PutOptions& options) override;
  void UploadPartAsync(const std::string& bucket, const std::string& key,
                       const std::string& upload_id, int part_number,
                       std::shared_ptr<BodySource> body,
                       std::function<void(Result<CompletedPart>)> done) override;
  Result<std::string> CompleteMultipartUpload(const std::string& bucket, const std::string& key,
                                              const std::string& upload_id,
                                              const std::vector<CompletedPart>& parts,
                                              const PutOptions& options) override;
  Status AbortMultipartUpload(const std::string& bucket, const std::string& key,
                              const std::string& upload_id) override;
  // ops_copy.cc
  Status CopyObject(const std::string& src_bucket, const std::string& src_key,
                    const std::string& dst_bucket, const std::string& dst_key,
                    const std::optional<S3Object>& known_source) override;
  using S3Client::CopyObject;
  // ops_delete.cc
  Result<std::vector<DeleteError>> DeleteObjects(const std::string& bucket,
                                                 const std::vector<std::string>& keys) override;
  // ops_bucket.cc
  Status CreateBucket(const std::string& bucket) override;
  Result<bool> BucketExists(const std::string& bucket) override;
  Result<std::string> PresignGetObject(const std::string& bucket, const std::string& key,
                                       std::chrono::seconds expires) override;

  RequestExecutor& executor() { return executor_; }
  std::optional<WallTime> LastServerDate() const override {
    return executor_.last_server_date();
  }

 private:
  // CreateMultipartUpload; `declare_checksum` adds the kCrc32c algorithm headers (a multipart
  // copy does not: its parts are copied by the store, so no part carries a checksum of ours).
  Result<std::string> CreateUpload(const std::string& bucket, const std::string& key,
                                   const PutOptions& options, bool declare_checksum);
  Status CopyMultipart(const std::string& src_bucket, const std::string& src_key,
                       const std::string& dst_bucket, const std::string& dst_key, uint64_t size,
                       const std::string& src_etag);
  void UploadPartCopyAsync(const std::string& bucket, const std::string& key,
                           const std::string& upload_id, int part_number,
                           const std::string& copy_source, uint64_t first, uint64_t last,
                           const std::string& src_etag,
                           std::function<void(Result<std::string>)> done);
  Result<std::vector<DeleteError>> DeleteBatch(const std::string& bucket,
                                               const std::vector<std::string>& keys);

  S3ClientOptions options_;
  RequestExecutor executor_;
};

// "/bucket/encoded-key" for x-amz-copy-source.
std::string CopySourceHeader(const std::string& bucket, const std::string& key);
// Conditional-write headers of PutOptions (and Content-Type).
void AddPutOptionHeaders(const PutOptions& options, const std::string& endpoint_url,
                         HttpHeaders& headers);
// The If-Match value for a conditional write (PutObject, CompleteMultipartUpload).
std::string WriteIfMatchValue(const std::string& etag, const std::string& endpoint_url);
// An ETag as a conditional header wants it (quoted).
std::string QuoteEtag(const std::string& etag);
// Values of a response's Last-Modified header.
WallTime LastModifiedOf(const HttpHeaders& headers);

}  // namespace s3c::s3
