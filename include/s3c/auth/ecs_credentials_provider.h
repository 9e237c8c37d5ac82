// Container credentials (ECS task roles, EKS Pod Identity, any local credentials endpoint).
// https://docs.aws.amazon.com/sdkref/latest/guide/feature-container-credentials.html
//  - $AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: GET options.ecs_endpoint (169.254.170.2) + URI;
//  - else $AWS_CONTAINER_CREDENTIALS_FULL_URI: https to any host, http only to a loopback
//    address or the ECS / EKS container hosts (169.254.170.2, 169.254.170.23, fd00:ec2::23);
//  - Authorization header from $AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE (read at each call) or
//    $AWS_CONTAINER_AUTHORIZATION_TOKEN.
// Response: {"AccessKeyId", "SecretAccessKey", "Token", "Expiration"}.
#pragma once

#include "s3c/auth/credentials.h"
#include "s3c/auth/credentials_options.h"
#include "s3c/common/clock.h"
#include "s3c/common/env.h"
#include "s3c/http/http_client.h"

namespace s3c {

class EcsCredentialsProvider final : public CredentialsProvider {
 public:
  // env, clock and http must outlive the provider.
  EcsCredentialsProvider(const Env& env, Clock& clock, HttpClient* http,
                         CredentialsOptions options);
  // NotFound when neither URI variable is set. InvalidArgument for a disallowed full URI or a
  // token with a line break; transport failures Unavailable; error responses per RemoteError;
  // a response with expired credentials Unavailable.
  Result<Credentials> GetCredentials() override;

 private:
  Result<std::string> ResolveUrl() const;
  Result<std::string> AuthorizationToken() const;

  const Env& env_;
  Clock& clock_;
  HttpClient* http_;
  CredentialsOptions options_;
};

namespace auth_internal {
// True when an http:// full URI may be used: a loopback host or a container credentials host.
bool IsAllowedContainerHttpHost(std::string_view host);
// The host of an absolute URL ("http://[::1]:80/x" -> "::1"), lower-case; "" when malformed.
std::string UrlHost(std::string_view url);
}  // namespace auth_internal

}  // namespace s3c
