#include <fmt/format.h>

#include "http/http_internal.h"

namespace s3c::http_internal {
namespace {

constexpr char kTlsHint[] =
    "if the endpoint uses a private or self-signed CA, set AWS_CA_BUNDLE (the ca_bundle "
    "option) to a PEM file holding it; to skip verification (insecure) opt out explicitly with "
    "verify_tls=false";

bool IsTlsVerificationFailure(CURLcode code) {
  switch (code) {
    case CURLE_PEER_FAILED_VERIFICATION:  // also CURLE_SSL_CACERT
    case CURLE_SSL_CACERT_BADFILE:
    case CURLE_SSL_ISSUER_ERROR:
    case CURLE_SSL_PINNEDPUBKEYNOTMATCH:
    case CURLE_SSL_INVALIDCERTSTATUS:
    case CURLE_SSL_CERTPROBLEM:
    case CURLE_SSL_CRL_BADFILE:
      return true;
    default:
      return false;
  }
}

// Failures of the network or the peer that a later attempt may not meet.
bool IsTransportFailure(CURLcode code) {
  switch (code) {
    case CURLE_COULDNT_RESOLVE_PROXY:
    case CURLE_COULDNT_RESOLVE_HOST:
    case CURLE_COULDNT_CONNECT:
    case CURLE_WEIRD_SERVER_REPLY:
    case CURLE_PARTIAL_FILE:
    case CURLE_HTTP2:
    case CURLE_HTTP2_STREAM:
    case CURLE_SSL_CONNECT_ERROR:
    case CURLE_GOT_NOTHING:
    case CURLE_SEND_ERROR:
    case CURLE_RECV_ERROR:
    case CURLE_SEND_FAIL_REWIND:
    case CURLE_AGAIN:
    case CURLE_HTTP3:
    case CURLE_QUIC_CONNECT_ERROR:
      return true;
    default:
      return false;
  }
}

}  // namespace

std::string UrlForMessages(std::string_view url) {
  size_t cut = url.find_first_of("?#");
  return std::string(url.substr(0, cut));
}

Status MapCurlError(CURLcode code, std::string_view detail, std::string_view method,
                    std::string_view url) {
  std::string what = curl_easy_strerror(code);
  std::string message = fmt::format("HTTP {} {}: {}", method, UrlForMessages(url), what);
  if (!detail.empty() && detail != what) message += fmt::format(" ({})", detail);

  if (code == CURLE_OPERATION_TIMEDOUT) {
    return DeadlineExceededError(std::move(message)).SetRetryable(true);
  }
  if (IsTransportFailure(code)) return UnavailableError(std::move(message)).SetRetryable(true);
  if (IsTlsVerificationFailure(code)) {
    return FailedPreconditionError(
        fmt::format("TLS certificate verification failed: {}; {}", message, kTlsHint));
  }
  switch (code) {
    case CURLE_UNSUPPORTED_PROTOCOL:
    case CURLE_URL_MALFORMAT:
    case CURLE_BAD_FUNCTION_ARGUMENT:
      return InvalidArgumentError(std::move(message));
    case CURLE_OUT_OF_MEMORY:
      return ResourceExhaustedError(std::move(message));
    case CURLE_ABORTED_BY_CALLBACK:
      return CancelledError(std::move(message));
    default:
      return UnknownError(std::move(message));
  }
}

}  // namespace s3c::http_internal
