// ListObjectsV2: https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html
// ListMultipartUploads: https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListMultipartUploads.html
#include <fmt/format.h>

#include "s3/s3_client_impl.h"
#include "s3/xml_parsers.h"

namespace s3c::s3 {
namespace {

Status CheckPageSize(const char* name, int value) {
  if (value >= 1 && value <= 1000) return Status::OK();
  return InvalidArgumentError(fmt::format("{} must be in 1..1000, got {}", name, value));
}

// A GET of one of the bucket's listings (`leading`: ListObjectsV2's list-type=2, uploads) with
// the prefix and delimiter both listings share. The caller sets call.operation to a literal
// name: tests/cli/lib.sh reads the names --stats counts from the source.
S3Call ListCall(const std::string& bucket, QueryParams leading, const std::string& prefix,
                const std::string& delimiter) {
  S3Call call;
  call.bucket = bucket;
  call.method = "GET";
  call.query = std::move(leading);
  if (!prefix.empty()) call.query.emplace_back("prefix", prefix);
  if (!delimiter.empty()) call.query.emplace_back("delimiter", delimiter);
  return call;
}

// A listing body that does not parse: the error names the operation, what was listed and the
// request id.
template <typename Page>
Result<Page> WithListContext(Result<Page> page, const char* operation, const std::string& bucket,
                             const std::string& prefix, const HttpResponse& resp) {
  if (page.ok()) return page;
  Status s = page.status();
  s.mutable_context().operation = operation;
  s.mutable_context().resource = ResourceName(bucket, prefix);
  s.mutable_context().request_id = resp.headers.Get("x-amz-request-id");
  return s;
}

}  // namespace

Result<ListObjectsPage> S3ClientImpl::ListObjectsV2(const ListObjectsRequest& request) {
  S3C_RETURN_IF_ERROR(CheckPageSize("max_keys", request.max_keys));
  // Keys may hold characters XML 1.0 cannot carry; url encoding makes every key listable.
  S3Call call = ListCall(request.bucket, {{"list-type", "2"}, {"encoding-type", "url"}},
                         request.prefix, request.delimiter);
  call.operation = "ListObjectsV2";
  if (!request.start_after.empty()) call.query.emplace_back("start-after", request.start_after);
  if (!request.continuation_token.empty()) {
    call.query.emplace_back("continuation-token", request.continuation_token);
  }
  if (request.max_keys != 1000) {
    call.query.emplace_back("max-keys", std::to_string(request.max_keys));
  }
  S3C_ASSIGN_OR_RETURN(HttpResponse resp, executor_.ExecuteSync(std::move(call)));
  return WithListContext(ParseListObjectsV2(resp.body, /*url_encoded=*/true), "ListObjectsV2",
                         request.bucket, request.prefix, resp);
}

Result<ListUploadsPage> S3ClientImpl::ListMultipartUploads(const ListUploadsRequest& request) {
  S3C_RETURN_IF_ERROR(CheckPageSize("max_uploads", request.max_uploads));
  // No encoding-type=url here: Ceph RGW 16.2 then encodes the keys of this listing without
  // saying so (no <EncodingType>), which makes a key holding '%' ambiguous. Keys come literal;
  // one holding a character XML 1.0 cannot carry fails the parse (InvalidArgument).
  S3Call call = ListCall(request.bucket, {{"uploads", ""}}, request.prefix, request.delimiter);
  call.operation = "ListMultipartUploads";
  if (!request.key_marker.empty()) {
    call.query.emplace_back("key-marker", request.key_marker);
    if (!request.upload_id_marker.empty()) {
      call.query.emplace_back("upload-id-marker", request.upload_id_marker);
    }
  }
  if (request.max_uploads != 1000) {
    call.query.emplace_back("max-uploads", std::to_string(request.max_uploads));
  }
  S3C_ASSIGN_OR_RETURN(HttpResponse resp, executor_.ExecuteSync(std::move(call)));
  return WithListContext(ParseListMultipartUploads(resp.body, /*url_encoded=*/false),
                         "ListMultipartUploads", request.bucket, request.prefix, resp);
}

}  // namespace s3c::s3
