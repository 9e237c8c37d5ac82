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

namespace {

// The store's checksum of a completed upload against the one its parts make. Only a COMPOSITE
// value can be recomputed from the part checksums; a FULL_OBJECT one (a store that ignored the
// type asked for) would need the part sizes and is left unchecked.
Status CheckCompositeChecksum(const CompleteMultipartUploadResult& result,
                              const std::vector<CompletedPart>& sorted_parts) {
  if (result.checksum_crc32c.empty() || sorted_parts.front().checksum_crc32c.empty()) {
    return Status::OK();
  }
  bool composite = result.checksum_type.empty()
                       ? result.checksum_crc32c.find('-') != std::string::npos
                       : result.checksum_type == "COMPOSITE";
  if (!composite) return Status::OK();
  std::string expected = CompositeCrc32c(sorted_parts);
  if (result.checksum_crc32c == expected) return Status::OK();
  return DataLossError(fmt::format(
      "the store's composite CRC32C {} differs from {}, computed from the {} parts sent",
      result.checksum_crc32c, expected, sorted_parts.size()));
}

}  // namespace

Result<std::string> S3ClientImpl::CreateMultipartUpload(const std::string& bucket,
                                                        const std::string& key,
                                                        const PutOptions& options) {
  return CreateUpload(bucket, key, options, options_.checksum == ChecksumMode::kCrc32c);
}

Result<std::string> S3ClientImpl::CreateUpload(const std::string& bucket, const std::string& key,
                                               const PutOptions& options, bool declare_checksum) {
  S3Call call;
  call.operation = "CreateMultipartUpload";
  call.bucket = bucket;
  call.key = key;
  call.method = "POST";
  call.query.emplace_back("uploads", "");
  if (!options.content_type.empty()) call.headers.Set("Content-Type", options.content_type);
  // S3 rejects part checksums of an algorithm the upload did not declare. COMPOSITE (a checksum
  // of the part checksums) is said explicitly: it is what CompleteMultipartUpload verifies.
  if (declare_checksum) {
    call.headers.Set("x-amz-checksum-algorithm", "CRC32C");
    call.headers.Set("x-amz-checksum-type", "COMPOSITE");
  }
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
                                   std::function<void(Result<CompletedPart>)> done) {
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
  CompletedPart part{part_number, "", call.headers.Get("x-amz-checksum-crc32c")};
  std::string resource = ResourceName(bucket, key);
  executor_.Execute(std::move(call), [done = std::move(done), part = std::move(part),
                                      resource](Result<HttpResponse> r) mutable {
    if (!r.ok()) return done(r.status());
    part.etag = StripQuotes(r->headers.Get("ETag"));
    // S3 verified the part against the value sent and echoes it; a different echo means the
    // store checked something else, and the composite checksum would not match either.
    std::string echoed = r->headers.Get("x-amz-checksum-crc32c");
    if (!part.checksum_crc32c.empty() && !echoed.empty() && echoed != part.checksum_crc32c) {
      Status s =
          DataLossError(fmt::format("part {}: the store answered x-amz-checksum-crc32c {} "
                                    "for a part sent with {}",
                                    part.part_number, echoed, part.checksum_crc32c));
      s.mutable_context().operation = "UploadPart";
      s.mutable_context().resource = resource;
      return done(s);
    }
    done(std::move(part));
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
  size_t with_checksum = std::count_if(sorted.begin(), sorted.end(), [](const CompletedPart& p) {
    return !p.checksum_crc32c.empty();
  });
  if (with_checksum != 0 && with_checksum != sorted.size()) {
    return InvalidArgumentError(fmt::format(
        "CompleteMultipartUpload: {} of {} parts carry a CRC32C; S3 needs all of them or none",
        with_checksum, sorted.size()));
  }
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
  // Only Content-MD5 of the XML: the upload's checksum is the composite one, checked on the
  // response below (x-amz-checksum-crc32c here would claim a checksum of the whole object).
  ChecksumMode mode =
      options_.checksum == ChecksumMode::kMd5 ? ChecksumMode::kMd5 : ChecksumMode::kWhenRequired;
  S3C_RETURN_IF_ERROR(AddUploadIntegrity(call, mode, !executor_.UsesHttps()));
  S3C_ASSIGN_OR_RETURN(HttpResponse resp, executor_.ExecuteSync(std::move(call)));
  Result<CompleteMultipartUploadResult> done = ParseCompleteMultipartUpload(resp.body);
  if (done.ok()) {
    Status checked = CheckCompositeChecksum(*done, sorted);
    if (!checked.ok()) done = checked;
  }
  if (!done.ok()) {
    Status s = done.status();
    s.mutable_context().operation = "CompleteMultipartUpload";
    s.mutable_context().resource = ResourceName(bucket, key);
    return s;
  }
  // RGW answers with an empty <ETag>: derive it the way S3 does from the parts' MD5s.
  if (done->etag.empty()) return MultipartEtag(sorted);
  return done->etag;
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
