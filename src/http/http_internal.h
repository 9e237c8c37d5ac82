// Pure functions of the http module, exposed to its tests.
#pragma once

#include <curl/curl.h>

#include <string>
#include <string_view>

#include "s3c/common/status.h"

namespace s3c::http_internal {

// "HTTP/1.1 200 OK" -> 200 (RFC 9112 section 4). False when the line is not a status line.
bool ParseStatusLine(std::string_view line, int* status);

// "Name: value" -> ("Name", "value") with surrounding whitespace trimmed (RFC 9112 section 5).
// False for lines without a colon or with an empty name.
bool ParseHeaderLine(std::string_view line, std::string* name, std::string* value);

// scheme://host/path of url, without query or fragment: presigned URLs carry credentials in
// the query, so error messages never show it.
std::string UrlForMessages(std::string_view url);

// Maps a failed transfer's CURLcode (never CURLE_OK) to a Status (http_client.h contract):
// timeouts -> DeadlineExceeded and transport failures -> Unavailable, both retryable;
// TLS verification failures -> FailedPrecondition with the fix in the message and hint.
// detail is libcurl's error buffer (may be empty).
Status MapCurlError(CURLcode code, std::string_view detail, std::string_view method,
                    std::string_view url);

}  // namespace s3c::http_internal
