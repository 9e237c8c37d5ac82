// Multipart uploads: https://docs.aws.amazon.com/AmazonS3/latest/userguide/mpuoverview.html
// Part numbers 1..10000; CompleteMultipartUpload may answer 200 with an <Error> body
// (https://docs.aws.amazon.com/AmazonS3/latest/API/API_CompleteMultipartUpload.html).
#include <fmt/format.h>

#include <algorithm>

#include "s3/body_digest.h"
#include "s3/s3_client_impl.h"
#include "s3/xml_parsers.h"

namespace s3c::s3 {

inline constexpr int kMaxPartNumber = 10000;

Result<std::string> S3ClientImpl::CreateMultipartUpload(const std::string& bucket,
                                                        const std::string& key,
                                                        const PutOptions& options) {
  S3Call call;
  call.operation = "CreateMultipartUpload";
  call.bucket = bucket;
  call.key = key;
  call.method = "POST";
  call.query.emplace_back("uploads", "");
  if (!options.content_type.empty()) call.headers.Set("Content-Type", options.content_type);
  S3C_ASSIGN_OR_RETURN(HttpResponse resp, executor_.ExecuteSync(std::move(call)));
  Result<std::string> id = ParseInitiateMultipartUpload(resp.body);
  if (!id.ok()) {
    Status s = id.status();
    s.mutable_context().operation = "CreateMultipartUpload";
    s.mutable_context().resource = ResourceName(bucket, key);
    return s;
  }
  return id;
}

void S3ClientImpl::UploadPartAsync(const std::string& bucket, const std::string& key,
                                   const std::string& upload_id, int part_number,
                                   std::shared_ptr<BodySource> body,
                                   std::function<void(Result<std::string>)> done) {
  if (part_number < 1 || part_number > kMaxPartNumber) {
    return done(InvalidArgumentError(
        fmt::format("part number {} is outside 1..{}", part_number, kMaxPartNumber)));
  }
  S3Call call;
  call.operation = "UploadPart";
  call.bucket = bucket;
  call.key = key;
  call.method = "PUT";
  call.query.emplace_back("partNumber", std::to_string(part_number));
  call.query.emplace_back("uploadId", upload_id);
  call.body = body ? std::move(body) : MakeBufferBody(std::string());
  if (Status s = AddUploadIntegrity(call, options_.checksum, !executor_.UsesHttps()); !s.ok()) {
    return done(s);
  }
  executor_.Execute(std::move(call), [done = std::move(done)](Result<HttpResponse> r) {
    if (!r.ok()) return done(r.status());
    done(StripQuotes(r->headers.Get("ETag")));
  });
}

Result<std::string> S3ClientImpl::CompleteMultipartUpload(const std::string& bucket,
                                                          const std::string& key,
                                                          const std::string& upload_id,
                                                          const std::vector<CompletedPart>& parts,
                                                          const PutOptions& options) {
  if (parts.empty()) {
    return InvalidArgumentError("CompleteMultipartUpload needs at least one part");
  }
  std::vector<CompletedPart> sorted = parts;
  std::sort(sorted.begin(), sorted.end(), [](const CompletedPart& a, const CompletedPart& b) {
    return a.part_number < b.part_number;
  });
  S3Call call;
  call.operation = "CompleteMultipartUpload";
  call.bucket = bucket;
  call.key = key;
  call.method = "POST";
  call.error_in_200 = true;
  call.query.emplace_back("uploadId", upload_id);
  call.body = MakeBufferBody(BuildCompleteMultipartUploadXml(sorted));
  call.headers.Set("Content-Type", "application/xml");
  if (options.if_none_match) call.headers.Set("If-None-Match", "*");
  if (!options.if_match.empty()) {
    call.headers.Set("If-Match", WriteIfMatchValue(options.if_match, options_.endpoint_url));
  }
  // A checksum header here would claim a whole-object checksum: only Content-MD5 of the XML.
  ChecksumMode mode =
      options_.checksum == ChecksumMode::kMd5 ? ChecksumMode::kMd5 : ChecksumMode::kWhenRequired;
  S3C_RETURN_IF_ERROR(AddUploadIntegrity(call, mode, !executor_.UsesHttps()));
  S3C_ASSIGN_OR_RETURN(HttpResponse resp, executor_.ExecuteSync(std::move(call)));
  Result<std::string> etag = ParseCompleteMultipartUpload(resp.body);
  if (!etag.ok()) {
    Status s = etag.status();
    s.mutable_context().operation = "CompleteMultipartUpload";
    s.mutable_context().resource = ResourceName(bucket, key);
    return s;
  }
  // RGW answers with an empty <ETag>: derive it the way S3 does from the parts' MD5s.
  if (etag->empty()) return MultipartEtag(sorted);
  return etag;
}

Status S3ClientImpl::AbortMultipartUpload(const std::string& bucket, const std::string& key,
                                          const std::string& upload_id) {
  S3Call call;
  call.operation = "AbortMultipartUpload";
  call.bucket = bucket;
  call.key = key;
  call.method = "DELETE";
  call.query.emplace_back("uploadId", upload_id);
  Result<HttpResponse> resp = executor_.ExecuteSync(std::move(call));
  // Abort is idempotent: an upload already gone (e.g. a retried abort) is what we wanted.
  if (!resp.ok() && resp.status().context().s3_code == "NoSuchUpload") return Status::OK();
  return resp.status();
}

}  // namespace s3c::s3
