// EC2 instance profile credentials from the instance metadata service, IMDSv2 first:
// https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/instancedata-data-retrieval.html
//   PUT  /latest/api/token (X-aws-ec2-metadata-token-ttl-seconds) -> session token
//   GET  /latest/meta-data/iam/security-credentials/        -> role name
//   GET  /latest/meta-data/iam/security-credentials/ROLE    -> credentials JSON
// with X-aws-ec2-metadata-token on the GETs. A 403/404/405 token answer falls back to IMDSv1
// (no token) unless AWS_EC2_METADATA_V1_DISABLED=true, as the AWS SDKs do.
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
  // NotFound (the chain goes on) when disabled, when the service cannot be reached (refused,
  // timed out, no route: not on EC2), when it refuses the token and the role listing with 403
  // (turned off) or when no role is attached. Any other HTTP error is an error of its own
  // (RemoteError's codes) whose message names the metadata service, the request and the HTTP
  // status; expired credentials are Unavailable. Requests: at most imds_attempts per step.
  Result<Credentials> GetCredentials() override;

  // The endpoint in use (exposed for tests and messages).
  std::string Endpoint() const;

 private:
  Result<HttpResponse> Send(const std::string& method, const std::string& path,
                            const std::string& token, const char* operation) const;
  // The IMDSv2 session token; "" for the IMDSv1 fallback, with the refusing HTTP status put in
  // *refused_status.
  Result<std::string> FetchToken(int* refused_status) const;

  const Env& env_;
  Clock& clock_;
  HttpClient* http_;
  CredentialsOptions options_;
};

}  // namespace s3c
