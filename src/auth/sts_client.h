// The two STS calls the providers need, over the Query API (form POST, XML response).
// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRole.html
// https://docs.aws.amazon.com/STS/latest/APIReference/API_AssumeRoleWithWebIdentity.html
#pragma once

#include <string>

#include "s3c/auth/credentials.h"
#include "s3c/auth/credentials_options.h"
#include "s3c/common/clock.h"
#include "s3c/common/env.h"
#include "s3c/http/http_client.h"

namespace s3c::auth_internal {

struct StsEndpoint {
  std::string url;     // e.g. https://sts.eu-west-1.amazonaws.com
  std::string region;  // signing region
};

// The STS region: options.region > $AWS_REGION > $AWS_DEFAULT_REGION > "us-east-1".
std::string StsRegion(const Env& env, const CredentialsOptions& options);

// options.sts_endpoint > $AWS_ENDPOINT_URL_STS > https://sts.REGION.amazonaws.com.
// InvalidArgument for a region that cannot be part of a host name.
Result<StsEndpoint> ResolveStsEndpoint(const Env& env, const CredentialsOptions& options,
                                       const std::string& region);

struct AssumeRoleRequest {
  std::string role_arn;
  std::string role_session_name;
  std::string external_id;         // "" = omitted
  int duration_seconds = 0;        // 0 = omitted (STS default, 1 hour)
  std::string web_identity_token;  // AssumeRoleWithWebIdentity only
};

// AssumeRole, SigV4-signed (service "sts") with `source`. `provider` names the caller in errors.
Result<Credentials> StsAssumeRole(HttpClient* http, Clock& clock, const StsEndpoint& sts,
                                  const CredentialsOptions& options, const Credentials& source,
                                  const AssumeRoleRequest& request, std::string_view provider);

// AssumeRoleWithWebIdentity: unsigned; the token itself authenticates.
Result<Credentials> StsAssumeRoleWithWebIdentity(HttpClient* http, const StsEndpoint& sts,
                                                 const CredentialsOptions& options,
                                                 const AssumeRoleRequest& request,
                                                 std::string_view provider);

// The `?Action=...` form body (exposed for tests).
std::string StsFormBody(std::string_view action, const AssumeRoleRequest& request);

// A default RoleSessionName: "s3c-session-<unix seconds>".
std::string DefaultRoleSessionName(const Clock& clock);

}  // namespace s3c::auth_internal
