// PutObject, with conditional writes.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_PutObject.html
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/conditional-writes.html
#include "s3/body_digest.h"
#include "s3/s3_client_impl.h"
#include "s3/xml_parsers.h"

namespace s3c::s3 {

Result<std::string> S3ClientImpl::PutObject(const std::string& bucket, const std::string& key,
                                            std::shared_ptr<BodySource> body,
                                            const PutOptions& options) {
  S3Call call;
  call.operation = "PutObject";
  call.bucket = bucket;
  call.key = key;
  call.method = "PUT";
  call.body = body ? std::move(body) : MakeBufferBody(std::string());
  AddPutOptionHeaders(options, options_.endpoint_url, call.headers);
  S3C_RETURN_IF_ERROR(AddUploadIntegrity(call, options_.checksum, !executor_.UsesHttps()));
  S3C_ASSIGN_OR_RETURN(HttpResponse resp, executor_.ExecuteSync(std::move(call)));
  return StripQuotes(resp.headers.Get("ETag"));
}

}  // namespace s3c::s3
