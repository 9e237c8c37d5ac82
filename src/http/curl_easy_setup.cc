// Per-transfer libcurl configuration and callbacks
// (https://curl.se/libcurl/c/curl_easy_setopt.html).
#include <algorithm>
#include <string_view>

#include "http/curl_transfer.h"
#include "http/http_internal.h"

namespace s3c {
namespace {

// Large reads keep the event loop's per-call overhead small on fast links.
constexpr long kReceiveBufferBytes = 512 * 1024;
constexpr long kUploadBufferBytes = 512 * 1024;

bool IsSuccess(int status) { return status >= 200 && status < 300; }

size_t OnHeader(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<CurlTransfer*>(user);
  size_t total = size * n;
  std::string_view line(data, total);
  while (!line.empty() && (line.back() == '\n' || line.back() == '\r')) line.remove_suffix(1);
  int status = 0;
  if (http_internal::ParseStatusLine(line, &status)) {
    // A new response head (after 1xx interim responses): only the final one counts.
    t->response.status = status;
    t->response.headers = HttpHeaders();
    return total;
  }
  if (line.empty()) {
    // End of a header block; 1xx interim heads are followed by the final one.
    if (t->response.status >= 200 && !t->headers_reported && t->request.on_headers) {
      t->headers_reported = true;
      t->request.on_headers(t->response.status, t->response.headers);
    }
    return total;
  }
  // Obsolete line folding (RFC 9112 section 5.2) is not produced by S3 servers: ignored.
  if (line.front() == ' ' || line.front() == '\t') return total;
  std::string name, value;
  if (http_internal::ParseHeaderLine(line, &name, &value)) {
    t->response.headers.Add(std::move(name), std::move(value));
  }
  return total;
}

size_t OnBody(char* data, size_t size, size_t n, void* user) {
  auto* t = static_cast<CurlTransfer*>(user);
  size_t total = size * n;
  if (t->request.sink && IsSuccess(t->response.status)) {
    Status s = t->request.sink(data, total);
    if (!s.ok()) {
      t->abort_status = std::move(s);
      return 0;  // CURLE_WRITE_ERROR
    }
  } else {
    t->response.body.append(data, total);
  }
  t->response.bytes_received += total;
  return total;
}

size_t OnReadBody(char* out, size_t size, size_t n, void* user) {
  auto* t = static_cast<CurlTransfer*>(user);
  if (!t->request.body) return 0;
  Result<size_t> got = t->request.body->Read(out, size * n);
  if (!got.ok()) {
    t->abort_status = got.status();
    return CURL_READFUNC_ABORT;
  }
  return *got;
}

int OnSeekBody(void* user, curl_off_t offset, int origin) {
  auto* t = static_cast<CurlTransfer*>(user);
  if (!t->request.body) return CURL_SEEKFUNC_OK;
  // libcurl only rewinds to the start (to re-send on a new connection); BodySource can do that.
  if (offset != 0 || origin != SEEK_SET) return CURL_SEEKFUNC_CANTSEEK;
  return t->request.body->Rewind().ok() ? CURL_SEEKFUNC_OK : CURL_SEEKFUNC_FAIL;
}

long Millis(std::chrono::milliseconds request_value, std::chrono::milliseconds default_value) {
  auto v = request_value.count() > 0 ? request_value : default_value;
  return static_cast<long>(std::max<int64_t>(v.count(), 0));
}

Status AppendHeader(CurlTransfer& t, const std::string& line) {
  curl_slist* next = curl_slist_append(t.header_list, line.c_str());
  if (next == nullptr) return ResourceExhaustedError("out of memory building request headers");
  t.header_list = next;
  return Status::OK();
}

Status BuildHeaderList(CurlTransfer& t) {
  for (const auto& [name, value] : t.request.headers.entries()) {
    // "Name;" is libcurl's spelling of a header with an empty value ("Name:" would remove it).
    S3C_RETURN_IF_ERROR(AppendHeader(t, value.empty() ? name + ";" : name + ": " + value));
  }
  // S3 answers quickly; waiting for "100 Continue" would only add a round trip.
  if (!t.request.headers.Find("Expect")) S3C_RETURN_IF_ERROR(AppendHeader(t, "Expect:"));
  return Status::OK();
}

}  // namespace

Status SetupEasy(CURL* easy, CurlTransfer& t, const HttpClientOptions& options) {
  const HttpRequest& req = t.request;
  if (req.body) S3C_RETURN_IF_ERROR(req.body->Rewind());
  S3C_RETURN_IF_ERROR(BuildHeaderList(t));

  curl_easy_setopt(easy, CURLOPT_PRIVATE, &t);
  curl_easy_setopt(easy, CURLOPT_URL, req.url.c_str());
  curl_easy_setopt(easy, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(easy, CURLOPT_HTTP_VERSION, CURL_HTTP_VERSION_1_1);
  curl_easy_setopt(easy, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(easy, CURLOPT_ERRORBUFFER, t.error_buffer);
  curl_easy_setopt(easy, CURLOPT_HTTPHEADER, t.header_list);
  curl_easy_setopt(easy, CURLOPT_USERAGENT, options.user_agent.c_str());
  curl_easy_setopt(easy, CURLOPT_TCP_NODELAY, 1L);
  curl_easy_setopt(easy, CURLOPT_TCP_KEEPALIVE, 1L);
  curl_easy_setopt(easy, CURLOPT_BUFFERSIZE, kReceiveBufferBytes);
  curl_easy_setopt(easy, CURLOPT_UPLOAD_BUFFERSIZE, kUploadBufferBytes);

  curl_easy_setopt(easy, CURLOPT_CONNECTTIMEOUT_MS,
                   Millis(req.connect_timeout, options.connect_timeout));
  curl_easy_setopt(easy, CURLOPT_TIMEOUT_MS, Millis(req.request_timeout, options.request_timeout));
  long idle_ms = Millis(req.idle_timeout, options.idle_timeout);
  if (idle_ms > 0) {
    curl_easy_setopt(easy, CURLOPT_LOW_SPEED_LIMIT, 1L);
    curl_easy_setopt(easy, CURLOPT_LOW_SPEED_TIME, std::max(1L, (idle_ms + 999) / 1000));
  }

  curl_easy_setopt(easy, CURLOPT_SSL_VERIFYPEER, options.verify_tls ? 1L : 0L);
  curl_easy_setopt(easy, CURLOPT_SSL_VERIFYHOST, options.verify_tls ? 2L : 0L);
  if (!options.ca_bundle.empty()) curl_easy_setopt(easy, CURLOPT_CAINFO, options.ca_bundle.c_str());

  curl_easy_setopt(easy, CURLOPT_HEADERFUNCTION, &OnHeader);
  curl_easy_setopt(easy, CURLOPT_HEADERDATA, &t);
  curl_easy_setopt(easy, CURLOPT_WRITEFUNCTION, &OnBody);
  curl_easy_setopt(easy, CURLOPT_WRITEDATA, &t);

  const bool sends_body = req.body || req.method == "PUT" || req.method == "POST";
  if (req.method == "HEAD") {
    curl_easy_setopt(easy, CURLOPT_NOBODY, 1L);
  } else if (sends_body) {
    // UPLOAD sends Content-Length from INFILESIZE; a null body goes out as Content-Length: 0.
    curl_easy_setopt(easy, CURLOPT_UPLOAD, 1L);
    curl_easy_setopt(easy, CURLOPT_INFILESIZE_LARGE,
                     static_cast<curl_off_t>(req.body ? req.body->size() : 0));
    curl_easy_setopt(easy, CURLOPT_READFUNCTION, &OnReadBody);
    curl_easy_setopt(easy, CURLOPT_READDATA, &t);
    curl_easy_setopt(easy, CURLOPT_SEEKFUNCTION, &OnSeekBody);
    curl_easy_setopt(easy, CURLOPT_SEEKDATA, &t);
    if (req.method != "PUT") curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, req.method.c_str());
  } else if (req.method != "GET") {
    curl_easy_setopt(easy, CURLOPT_CUSTOMREQUEST, req.method.c_str());
  }
  return Status::OK();
}

Result<HttpResponse> FinishTransfer(CURLcode code, CurlTransfer& t) {
  if (!t.abort_status.ok()) return t.abort_status;
  if (code != CURLE_OK) {
    return http_internal::MapCurlError(code, t.error_buffer, t.request.method, t.request.url);
  }
  return std::move(t.response);
}

}  // namespace s3c
