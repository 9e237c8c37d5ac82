#include "s3/get_stream.h"

#include <fmt/format.h>

#include "s3/s3_client_impl.h"
#include "s3/xml_parsers.h"
#include "s3c/common/strings.h"

namespace s3c::s3 {

bool ParseContentRange(const std::string& value, uint64_t* first, uint64_t* last, uint64_t* total) {
  std::string_view v = Trim(value);
  if (!StartsWith(v, "bytes ")) return false;
  v.remove_prefix(6);
  size_t dash = v.find('-');
  size_t slash = v.find('/');
  if (dash == std::string_view::npos || slash == std::string_view::npos || dash > slash) {
    return false;
  }
  auto f = ParseUint64(v.substr(0, dash));
  auto l = ParseUint64(v.substr(dash + 1, slash - dash - 1));
  if (!f || !l || *l < *f) return false;
  std::string_view t = v.substr(slash + 1);
  *first = *f;
  *last = *l;
  if (t == "*") {
    *total = 0;
  } else {
    auto n = ParseUint64(t);
    if (!n) return false;
    *total = *n;
  }
  return true;
}

Status WithMessage(const Status& s, std::string message) {
  Status out(s.code(), std::move(message));
  out.SetRetryable(s.retryable());
  out.SetContext(s.context());
  return out;
}

void GetStream::Attach(S3Call& call) {
  call.sink = [this](const char* data, size_t n) {
    Status s = sink_(data, n);
    if (s.ok()) delivered_ += n;
    return s;
  };
  call.on_headers = [this](int status, const HttpHeaders& headers) { OnHeaders(status, headers); };
  call.prepare = [this](HttpRequest& request, int) { return Prepare(request); };
}

void GetStream::OnHeaders(int status, const HttpHeaders& headers) {
  if (status < 200 || status >= 300 || have_first_) return;
  have_first_ = true;
  first_status_ = status;
  etag_ = StripQuotes(headers.Get("ETag"));
  last_modified_ = LastModifiedOf(headers);
  uint64_t first = 0, last = 0, total = 0;
  if (ParseContentRange(headers.Get("Content-Range"), &first, &last, &total)) {
    first_start_ = first;
    first_end_ = last;
    first_len_ = last - first + 1;
    total_ = total;
  } else {
    first_len_ = ParseUint64(headers.Get("Content-Length")).value_or(0);
    first_start_ = 0;
    first_end_ = first_len_ == 0 ? 0 : first_len_ - 1;
    total_ = first_len_;
  }
}

Status GetStream::Prepare(HttpRequest& request) {
  if (delivered_ == 0) return Status::OK();
  if (!have_first_ || etag_.empty()) {
    return UnavailableError(fmt::format(
        "the body broke after {} bytes and the transport did not report the ETag needed to "
        "resume safely",
        delivered_));
  }
  uint64_t start = first_start_ + delivered_;
  if (first_len_ > 0 && start > first_end_) {
    return DataLossError(fmt::format("the body broke after all {} bytes arrived", delivered_));
  }
  request.headers.Set("Range", first_len_ > 0 ? fmt::format("bytes={}-{}", start, first_end_)
                                              : fmt::format("bytes={}-", start));
  request.headers.Set("If-Match", QuoteEtag(etag_));
  request.headers.Remove("If-None-Match");
  request.headers.Remove("If-Modified-Since");
  resumed_ = true;
  return Status::OK();
}

Result<GetObjectResult> FinishGet(const GetStream* stream, Result<HttpResponse> response) {
  if (!response.ok()) {
    Status s = response.status();
    if (stream && stream->resumed() && s.context().http_status == 412) {
      Status a = WithMessage(
          s, fmt::format("object changed during read (after {} bytes)", stream->delivered()));
      return Status(StatusCode::kAborted, a.message()).SetContext(a.context());
    }
    return s;
  }
  const HttpResponse& r = *response;
  GetObjectResult out;
  out.http_status = r.status;
  out.etag = StripQuotes(r.headers.Get("ETag"));
  out.last_modified = LastModifiedOf(r.headers);
  if (r.status == 304) {
    out.not_modified = true;
    return out;
  }
  if (stream) {
    if (stream->have_first()) {
      out.http_status = stream->first_status();
      out.etag = stream->etag();
      out.total_size = stream->total_size();
      out.last_modified = stream->last_modified();
    }
    out.content_length = stream->delivered();
    if (out.total_size == 0 && !stream->have_first()) out.total_size = stream->delivered();
    return out;
  }
  out.body = r.body;
  out.content_length = r.body.size();
  uint64_t first = 0, last = 0, total = 0;
  if (ParseContentRange(r.headers.Get("Content-Range"), &first, &last, &total)) {
    out.total_size = total;
  } else {
    out.total_size = out.content_length;
  }
  return out;
}

}  // namespace s3c::s3
