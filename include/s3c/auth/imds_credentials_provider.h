// EC2 instance profile credentials from the instance metadata service, IMDSv2 first:
// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-data-retrieval.html
//   PUT  /latest/api/token (X-aws-ec2-metadata-token-ttl-seconds) -> session token
//   GET  /latest/meta-data/iam/security-credentials/        -> role name
//   GET  /latest/meta-data/iam/security-credentials/ROLE    -> credentials JSON
// with X-aws-ec2-metadata-token on the GETs. A 404/405 token answer falls back to IMDSv1
// (no token) unless AWS_EC2_METADATA_V1_DISABLED=true.
// Settings: AWS_EC2_METADATA_DISABLED=true disables it; endpoint options.imds_endpoint >
// AWS_EC2_METADATA_SERVICE_ENDPOINT > (AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE=IPv6:
// http://[fd00:ec2::254]) > http://169.254.169.254. Short timeouts: being off EC2 is common.
#pragma once

#include "s3c/auth/credentials.h"
#include "s3c/auth/credentials_options.h"
#include "s3c/common/clock.h"
#include "s3c/common/env.h"
#include "s3c/http/http_client.h"

namespace s3c {

class ImdsCredentialsProvider final : public CredentialsProvider {
 public:
  // env, clock and http must outlive the provider.
  ImdsCredentialsProvider(const Env& env, Clock& clock, HttpClient* http,
                          CredentialsOptions options);
  // NotFound when disabled, when the service cannot be reached (not on EC2) or when no role is
  // attached. Other error responses per RemoteError; expired credentials Unavailable.
  Result<Credentials> GetCredentials() override;

  // The endpoint in use (exposed for tests and messages).
  std::string Endpoint() const;

 private:
  Result<HttpResponse> Send(const std::string& method, const std::string& path,
                            const std::string& token, const char* operation) const;
  Result<std::string> FetchToken() const;

  const Env& env_;
  Clock& clock_;
  HttpClient* http_;
  CredentialsOptions options_;
};

}  // namespace s3c
