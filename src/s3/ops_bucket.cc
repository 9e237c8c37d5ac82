// CreateBucket, HeadBucket and presigned GET URLs.
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadBucket.html
// https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-query-string-auth.html
#include <fmt/format.h>

#include "s3/body_digest.h"
#include "s3/get_stream.h"
#include "s3/s3_client_impl.h"
#include "s3/xml_parsers.h"
#include "s3c/auth/sigv4.h"

namespace s3c::s3 {

Status S3ClientImpl::CreateBucket(const std::string& bucket) {
  S3Call call;
  call.operation = "CreateBucket";
  call.bucket = bucket;
  call.method = "PUT";
  std::string region = executor_.RegionFor(bucket);
  // us-east-1 is the default location and must not be named.
  if (!region.empty() && region != "us-east-1") {
    call.body = MakeBufferBody(BuildCreateBucketXml(region));
    call.headers.Set("Content-Type", "application/xml");
    S3C_RETURN_IF_ERROR(
        AddUploadIntegrity(call, ChecksumMode::kWhenRequired, !executor_.UsesHttps()));
  }
  Result<HttpResponse> resp = executor_.ExecuteSync(std::move(call));
  if (!resp.ok() && resp.status().context().s3_code == "BucketAlreadyOwnedByYou") {
    return Status::OK();
  }
  return resp.status();
}

Result<bool> S3ClientImpl::BucketExists(const std::string& bucket) {
  S3Call call;
  call.operation = "HeadBucket";
  call.bucket = bucket;
  call.method = "HEAD";
  Result<HttpResponse> resp = executor_.ExecuteSync(std::move(call));
  if (resp.ok()) return true;
  const Status& s = resp.status();
  if (s.context().http_status == 404) return false;
  if (s.context().http_status == 403 && s.context().s3_code == "Forbidden") {
    return WithMessage(s, "access to the bucket is denied");
  }
  return s;
}

Result<std::string> S3ClientImpl::PresignGetObject(const std::string& bucket,
                                                   const std::string& key,
                                                   std::chrono::seconds expires) {
  std::string region = executor_.RegionFor(bucket);
  S3C_ASSIGN_OR_RETURN(ResolvedUrl url, ResolveUrl(options_.endpoint_url, options_.addressing,
                                                   region, bucket, key, {}));
  S3C_ASSIGN_OR_RETURN(Credentials creds, executor_.GetCredentials());
  HttpRequest request;
  request.method = "GET";
  request.url = url.url;
  SigningParams params;
  params.region = region;
  params.time = executor_.SigningTime();
  params.payload_hash = kUnsignedPayload;
  return PresignUrl(request, creds, params, expires);
}

}  // namespace s3c::s3
