// Endpoints and limits shared by the credential providers. Every field has a production
// default; tests point the endpoints at 127.0.0.1 so nothing leaves the machine.
#pragma once

#include <chrono>
#include <string>

namespace s3c {

struct CredentialsOptions {
  // --profile; "" = $AWS_PROFILE, then "default". An explicit profile also takes precedence over
  // the AWS_ACCESS_KEY_ID environment variables (as the AWS CLI does).
  std::string profile;
  // Region for STS; "" = AwsConfig::Region() of the profile in use.
  std::string region;
  // STS: "" = $AWS_ENDPOINT_URL_STS, else https://sts.REGION.amazonaws.com.
  std::string sts_endpoint;
  // IAM Identity Center portal: "" = $AWS_ENDPOINT_URL_SSO, else
  // https://portal.sso.SSO_REGION.amazonaws.com.
  std::string sso_endpoint;
  // Base URL for $AWS_CONTAINER_CREDENTIALS_RELATIVE_URI.
  std::string ecs_endpoint = "http://169.254.170.2";
  // IMDS: "" = $AWS_EC2_METADATA_SERVICE_ENDPOINT, else http://169.254.169.254.
  std::string imds_endpoint;
  // IMDS timeouts (connect and whole request) and attempts per request; 0 = from
  // $AWS_METADATA_SERVICE_TIMEOUT (seconds) / $AWS_METADATA_SERVICE_NUM_ATTEMPTS, else 1 s / 1.
  std::chrono::milliseconds imds_timeout{0};
  int imds_attempts = 0;
  // Whole-request timeout for STS, SSO and ECS calls.
  std::chrono::milliseconds http_timeout{10000};
  std::chrono::milliseconds connect_timeout{2000};
};

}  // namespace s3c
