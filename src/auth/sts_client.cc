#include "auth/sts_client.h"

#include <fmt/format.h>

#include <pugixml.hpp>

#include "auth/remote_call.h"
#include "s3c/auth/crypto.h"
#include "s3c/auth/sigv4.h"
#include "s3c/common/strings.h"
#include "s3c/common/time_format.h"

namespace s3c::auth_internal {
namespace {

bool ValidRegion(std::string_view r) {
  if (r.empty() || r.size() > 64) return false;
  for (char c : r) {
    if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-')) return false;
  }
  return true;
}

void AddParam(std::string& body, std::string_view name, std::string_view value) {
  body += fmt::format("&{}={}", name, UriEncode(value, false));
}

HttpRequest MakeStsPost(const StsEndpoint& sts, const CredentialsOptions& options,
                        std::string body) {
  HttpRequest req;
  req.method = "POST";
  req.url = JoinUrl(sts.url, "/");
  req.headers.Set("Content-Type", "application/x-www-form-urlencoded; charset=utf-8");
  req.headers.Set("Accept", "text/xml");
  req.body = MakeBufferBody(std::move(body));
  req.connect_timeout = options.connect_timeout;
  req.request_timeout = options.http_timeout;
  return req;
}

// Parses <XResponse><XResult><Credentials>...</Credentials></XResult></XResponse>, or the
// <ErrorResponse><Error><Code/><Message/></Error></ErrorResponse> of a failure.
Result<Credentials> ParseStsResponse(const HttpResponse& resp, std::string_view action,
                                     const std::string& url, std::string_view provider) {
  pugi::xml_document doc;
  bool parsed =
      doc.load_buffer(resp.body.data(), resp.body.size()) && doc.document_element() != nullptr;
  if (resp.status < 200 || resp.status >= 300) {
    std::string code, message;
    if (parsed) {
      pugi::xml_node err = doc.document_element().child("Error");
      code = err.child_value("Code");
      message = err.child_value("Message");
    }
    Status s = RemoteError(provider, action, url, resp, code, message);
    if (parsed && s.context().request_id.empty()) {
      s.mutable_context().request_id = doc.document_element().child_value("RequestId");
    }
    return s;
  }
  if (!parsed) {
    return UnavailableError(fmt::format("{}: {} returned HTTP {} with a body that is not XML",
                                        provider, action, resp.status))
        .SetRetryable(true);
  }
  pugi::xml_node creds =
      doc.document_element().child(fmt::format("{}Result", action).c_str()).child("Credentials");
  Credentials c;
  c.access_key_id = creds.child_value("AccessKeyId");
  c.secret_access_key = SecretString(creds.child_value("SecretAccessKey"));
  c.session_token = SecretString(creds.child_value("SessionToken"));
  std::string exp = creds.child_value("Expiration");
  if (c.access_key_id.empty() || c.secret_access_key.empty() || c.session_token.empty()) {
    return UnavailableError(fmt::format("{}: {} response has no Credentials", provider, action))
        .SetRetryable(true);
  }
  c.expiration = ParseExpiration(exp);
  if (!c.expiration) {
    return UnavailableError(
        fmt::format("{}: {} response has an unreadable Expiration '{}'", provider, action, exp));
  }
  c.provider = std::string(provider);
  return c;
}

}  // namespace

std::string StsRegion(const Env& env, const CredentialsOptions& options) {
  if (!options.region.empty()) return options.region;
  return env.GetOr("AWS_REGION", env.GetOr("AWS_DEFAULT_REGION", "us-east-1"));
}

Result<StsEndpoint> ResolveStsEndpoint(const Env& env, const CredentialsOptions& options,
                                       const std::string& region) {
  StsEndpoint sts;
  sts.region = region.empty() ? "us-east-1" : region;
  if (!ValidRegion(sts.region)) {
    return InvalidArgumentError(fmt::format("'{}' is not a valid AWS region", sts.region));
  }
  if (!options.sts_endpoint.empty()) {
    sts.url = options.sts_endpoint;
  } else if (auto v = env.GetOr("AWS_ENDPOINT_URL_STS", ""); !v.empty()) {
    sts.url = v;
  } else {
    sts.url = fmt::format("https://sts.{}.amazonaws.com", sts.region);
  }
  return sts;
}

std::string StsFormBody(std::string_view action, const AssumeRoleRequest& request) {
  std::string body = fmt::format("Action={}&Version=2011-06-15", action);
  AddParam(body, "RoleArn", request.role_arn);
  AddParam(body, "RoleSessionName", request.role_session_name);
  if (!request.external_id.empty()) AddParam(body, "ExternalId", request.external_id);
  if (request.duration_seconds > 0) {
    AddParam(body, "DurationSeconds", std::to_string(request.duration_seconds));
  }
  if (!request.web_identity_token.empty()) {
    AddParam(body, "WebIdentityToken", request.web_identity_token);
  }
  return body;
}

std::string DefaultRoleSessionName(const Clock& clock) {
  auto secs = std::chrono::duration_cast<std::chrono::seconds>(clock.Now().time_since_epoch());
  return fmt::format("s3c-session-{}", secs.count());
}

Result<Credentials> StsAssumeRole(HttpClient* http, Clock& clock, const StsEndpoint& sts,
                                  const CredentialsOptions& options, const Credentials& source,
                                  const AssumeRoleRequest& request, std::string_view provider) {
  std::string body = StsFormBody("AssumeRole", request);
  SigningParams params;
  params.region = sts.region;
  params.service = "sts";
  params.time = clock.Now();
  params.payload_hash = HexEncode(Sha256(body));
  HttpRequest req = MakeStsPost(sts, options, std::move(body));
  Status signed_ok = SignRequest(req, source, params);
  if (!signed_ok.ok()) {
    return Status(signed_ok.code(),
                  fmt::format("{}: cannot sign AssumeRole: {}", provider, signed_ok.message()));
  }
  std::string url = req.url;
  S3C_ASSIGN_OR_RETURN(HttpResponse resp,
                       SendRequest(http, std::move(req), provider, "AssumeRole"));
  return ParseStsResponse(resp, "AssumeRole", url, provider);
}

Result<Credentials> StsAssumeRoleWithWebIdentity(HttpClient* http, const StsEndpoint& sts,
                                                 const CredentialsOptions& options,
                                                 const AssumeRoleRequest& request,
                                                 std::string_view provider) {
  HttpRequest req = MakeStsPost(sts, options, StsFormBody("AssumeRoleWithWebIdentity", request));
  std::string url = req.url;
  S3C_ASSIGN_OR_RETURN(HttpResponse resp,
                       SendRequest(http, std::move(req), provider, "AssumeRoleWithWebIdentity"));
  return ParseStsResponse(resp, "AssumeRoleWithWebIdentity", url, provider);
}

}  // namespace s3c::auth_internal
