// Shared plumbing for providers that fetch credentials over HTTP (STS, SSO, ECS, IMDS):
// transport errors and error responses become Statuses that name the provider, and the common
// JSON credential document is decoded. Nothing here retries (docs/architecture.md, convention 8).
#pragma once

#include <string>
#include <string_view>

#include "s3c/auth/credentials.h"
#include "s3c/http/http_client.h"

namespace s3c::auth_internal {

// http->Send(request); a null client is FailedPrecondition; a transport failure keeps its code
// (Unavailable / DeadlineExceeded, retryable); the message names the provider, the context the
// operation and URL.
Result<HttpResponse> SendRequest(HttpClient* http, HttpRequest request, std::string_view provider,
                                 std::string_view operation);

// A Status for an unsuccessful HTTP response. `code` / `message` are the service's error code
// and text when the body had them (never the raw body: it may echo a token). The message is
// "provider: service message"; the context holds operation, URL, HTTP status, code, request id.
//  5xx, 429, throttling codes         -> Unavailable (retryable)
//  401, expired/invalid token codes   -> Unauthenticated
//  403, AccessDenied                  -> PermissionDenied
//  400                                -> InvalidArgument;  others -> FailedPrecondition
Status RemoteError(std::string_view provider, std::string_view operation, std::string_view url,
                   const HttpResponse& response, std::string_view code, std::string_view message);

// Decodes {AccessKeyId, SecretAccessKey, Token|SessionToken, Expiration (ISO 8601)} as ECS,
// IMDS and credential_process return it. Errors name the provider and the missing field only.
Result<Credentials> ParseCredentialsJson(std::string_view body, std::string_view provider);

// "2024-01-01T00:00:00Z", also the AWS CLI's older "...UTC" suffix.
std::optional<WallTime> ParseExpiration(std::string_view text);

// Joins a base URL and a path, dropping a duplicate '/'.
std::string JoinUrl(std::string_view base, std::string_view path);

}  // namespace s3c::auth_internal
