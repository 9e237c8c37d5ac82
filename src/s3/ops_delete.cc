// DeleteObjects in batches (S3 takes at most 1000 keys per request), quiet mode.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_DeleteObjects.html (Content-MD5 required)
#include <fmt/format.h>

#include "s3/body_digest.h"
#include "s3/s3_client_impl.h"
#include "s3/xml_parsers.h"

namespace s3c::s3 {

Result<std::vector<DeleteError>> S3ClientImpl::DeleteObjects(const std::string& bucket,
                                                             const std::vector<std::string>& keys) {
  std::vector<DeleteError> errors;
  size_t batch = options_.delete_batch_size;
  for (size_t i = 0; i < keys.size(); i += batch) {
    std::vector<std::string> chunk(keys.begin() + i,
                                   keys.begin() + std::min(keys.size(), i + batch));
    S3C_ASSIGN_OR_RETURN(std::vector<DeleteError> e, DeleteBatch(bucket, chunk));
    errors.insert(errors.end(), e.begin(), e.end());
  }
  return errors;
}

Result<std::vector<DeleteError>> S3ClientImpl::DeleteBatch(const std::string& bucket,
                                                           const std::vector<std::string>& keys) {
  S3Call call;
  call.operation = "DeleteObjects";
  call.bucket = bucket;
  call.method = "POST";
  call.query.emplace_back("delete", "");
  call.body = MakeBufferBody(BuildDeleteObjectsXml(keys, /*quiet=*/true));
  call.headers.Set("Content-Type", "application/xml");
  S3C_RETURN_IF_ERROR(AddUploadIntegrity(call, ChecksumMode::kWhenRequired, !executor_.UsesHttps(),
                                         /*require_md5=*/true));
  S3C_ASSIGN_OR_RETURN(HttpResponse resp, executor_.ExecuteSync(std::move(call)));
  Result<std::vector<DeleteError>> errors = ParseDeleteResult(resp.body);
  if (!errors.ok()) {
    Status s = errors.status();
    s.mutable_context().operation = "DeleteObjects";
    s.mutable_context().resource = ResourceName(bucket, "");
    return s;
  }
  return errors;
}

}  // namespace s3c::s3
