// ListObjectsV2: https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListObjectsV2.html
#include <fmt/format.h>

#include "s3/s3_client_impl.h"
#include "s3/xml_parsers.h"

namespace s3c::s3 {

Result<ListObjectsPage> S3ClientImpl::ListObjectsV2(const ListObjectsRequest& request) {
  if (request.max_keys < 1 || request.max_keys > 1000) {
    return InvalidArgumentError(
        fmt::format("max_keys must be in 1..1000, got {}", request.max_keys));
  }
  S3Call call;
  call.operation = "ListObjectsV2";
  call.bucket = request.bucket;
  call.method = "GET";
  call.query.emplace_back("list-type", "2");
  // Keys may hold characters XML 1.0 cannot carry; url encoding makes every key listable.
  call.query.emplace_back("encoding-type", "url");
  if (!request.prefix.empty()) call.query.emplace_back("prefix", request.prefix);
  if (!request.delimiter.empty()) call.query.emplace_back("delimiter", request.delimiter);
  if (!request.start_after.empty()) call.query.emplace_back("start-after", request.start_after);
  if (!request.continuation_token.empty()) {
    call.query.emplace_back("continuation-token", request.continuation_token);
  }
  if (request.max_keys != 1000) {
    call.query.emplace_back("max-keys", std::to_string(request.max_keys));
  }
  S3C_ASSIGN_OR_RETURN(HttpResponse resp, executor_.ExecuteSync(std::move(call)));
  Result<ListObjectsPage> page = ParseListObjectsV2(resp.body, /*url_encoded=*/true);
  if (!page.ok()) {
    Status s = page.status();
    s.mutable_context().operation = "ListObjectsV2";
    s.mutable_context().resource = ResourceName(request.bucket, request.prefix);
    s.mutable_context().request_id = resp.headers.Get("x-amz-request-id");
    return s;
  }
  return page;
}

}  // namespace s3c::s3
