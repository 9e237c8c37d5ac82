// One request's state from Submit() until its callback ran; owned by the event-loop thread.
#pragma once

#include <curl/curl.h>

#include "s3c/http/http_client.h"

namespace s3c {

struct CurlTransfer {
  CurlTransfer(HttpRequest req, HttpCallback cb) : request(std::move(req)), done(std::move(cb)) {}
  ~CurlTransfer() { curl_slist_free_all(header_list); }
  CurlTransfer(const CurlTransfer&) = delete;
  CurlTransfer& operator=(const CurlTransfer&) = delete;

  HttpRequest request;
  HttpCallback done;
  HttpResponse response;
  curl_slist* header_list = nullptr;
  char error_buffer[CURL_ERROR_SIZE] = {};
  // Set by a sink or body source that failed; it wins over the CURLcode it caused.
  Status abort_status;
  bool headers_reported = false;  // request.on_headers ran
};

// Configures a fresh (or reset) easy handle for t; the handle's CURLOPT_PRIVATE is &t.
// Rewinds the request body first, so a retry may reuse the same BodySource.
Status SetupEasy(CURL* easy, CurlTransfer& t, const HttpClientOptions& options);

// The outcome of a transfer libcurl reported done with code.
Result<HttpResponse> FinishTransfer(CURLcode code, CurlTransfer& t);

}  // namespace s3c
