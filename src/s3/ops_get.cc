// HeadObject and GetObject (ranges, conditions, streaming with resume).
// https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetObject.html
// https://www.rfc-editor.org/rfc/rfc9110#section-14 (Range / Content-Range)
#include <fmt/format.h>

#include <future>

#include "s3/get_stream.h"
#include "s3/s3_client_impl.h"
#include "s3/xml_parsers.h"
#include "s3c/common/strings.h"
#include "s3c/common/time_format.h"

namespace s3c::s3 {

Result<HeadObjectResult> S3ClientImpl::HeadObject(const std::string& bucket, const std::string& key,
                                                  const std::string& if_match) {
  S3Call call;
  call.operation = "HeadObject";
  call.bucket = bucket;
  call.key = key;
  call.method = "HEAD";
  if (!if_match.empty()) call.headers.Set("If-Match", QuoteEtag(if_match));
  Result<HttpResponse> resp = executor_.ExecuteSync(std::move(call));
  if (!resp.ok()) {
    Status s = resp.status();
    // HEAD errors have no body: say what the 404 means here.
    if (s.context().http_status == 404 && s.context().s3_code == "NotFound") {
      return WithMessage(s, "the key does not exist");
    }
    return s;
  }
  HeadObjectResult out;
  out.size = ParseUint64(resp->headers.Get("Content-Length")).value_or(0);
  out.etag = StripQuotes(resp->headers.Get("ETag"));
  out.last_modified = LastModifiedOf(resp->headers);
  out.content_type = resp->headers.Get("Content-Type");
  return out;
}

Result<GetObjectResult> S3ClientImpl::GetObject(const GetObjectRequest& request) {
  auto promise = std::make_shared<std::promise<Result<GetObjectResult>>>();
  auto future = promise->get_future();
  GetObjectAsync(request,
                 [promise](Result<GetObjectResult> r) { promise->set_value(std::move(r)); });
  return future.get();
}

void S3ClientImpl::GetObjectAsync(GetObjectRequest request,
                                  std::function<void(Result<GetObjectResult>)> done) {
  if (request.range && request.suffix_length) {
    return done(InvalidArgumentError("GetObject: give a range or a suffix length, not both"));
  }
  if (request.range && request.range->first > request.range->second) {
    return done(InvalidArgumentError(fmt::format("GetObject: empty range [{}, {}]",
                                                 request.range->first, request.range->second)));
  }
  if (request.suffix_length && *request.suffix_length == 0) {
    return done(InvalidArgumentError("GetObject: suffix length must be > 0"));
  }
  S3Call call;
  call.operation = "GetObject";
  call.bucket = request.bucket;
  call.key = request.key;
  call.method = "GET";
  call.ok_304 = true;
  if (request.range) {
    call.headers.Set("Range",
                     fmt::format("bytes={}-{}", request.range->first, request.range->second));
  } else if (request.suffix_length) {
    call.headers.Set("Range", fmt::format("bytes=-{}", *request.suffix_length));
  }
  if (!request.if_match.empty()) call.headers.Set("If-Match", QuoteEtag(request.if_match));
  if (!request.if_none_match.empty()) {
    call.headers.Set("If-None-Match", QuoteEtag(request.if_none_match));
  }
  if (request.if_modified_since) {
    call.headers.Set("If-Modified-Since", FormatHttpDate(*request.if_modified_since));
  }
  std::shared_ptr<GetStream> stream;
  if (request.sink) {
    stream = std::make_shared<GetStream>(std::move(request.sink));
    stream->Attach(call);
  }
  executor_.Execute(std::move(call), [stream, done = std::move(done)](Result<HttpResponse> r) {
    done(FinishGet(stream.get(), std::move(r)));
  });
}

}  // namespace s3c::s3
