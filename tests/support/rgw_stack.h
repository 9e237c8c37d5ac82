// The S3Stack settings (s3c/s3/s3_stack.h) that reach the loopback RGW server with its keys,
// for tests and benchmarks that make S3 clients or stores: explicit static keys, path-style
// addressing, and an environment with no config files and no metadata service, so nothing of
// the machine's own AWS setup is read. Header-only: include it where s3c_s3 is linked.
#pragma once

#include <memory>
#include <vector>

#include "s3c/common/env.h"
#include "s3c/common/status.h"
#include "s3c/s3/s3_stack.h"
#include "support/rgw_env.h"

namespace s3c::testing {

inline S3StackOptions RgwStackOptions(const RgwSettings& rgw) {
  S3StackOptions o;
  o.endpoint_url = rgw.endpoint;
  o.region = rgw.region;
  o.url_style = "path";
  o.access_key_id = rgw.access_key;
  o.secret_access_key = SecretString(rgw.secret_key);
  return o;
}

// An environment naming no config file, no keys and no metadata service. Lives forever.
inline const Env& IsolatedAwsEnv() {
  static const MapEnv env({{"AWS_CONFIG_FILE", "/nonexistent/s3c-test-config"},
                           {"AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/s3c-test-credentials"},
                           {"AWS_EC2_METADATA_DISABLED", "true"}});
  return env;
}

// The client of a new S3Stack made from `options` on IsolatedAwsEnv(), counting into `stats`
// (may be null). The stack is appended to `stacks`, so the client lives as long as that entry:
// for tests that make several clients (and may share one HttpClient through options.http).
// The errors of S3Stack::Make and client() come back as they are; nothing is kept then.
inline Result<S3Client*> KeepStackClient(const S3StackOptions& options, RequestStats* stats,
                                         std::vector<std::unique_ptr<S3Stack>>* stacks) {
  S3C_ASSIGN_OR_RETURN(std::unique_ptr<S3Stack> stack,
                       S3Stack::Make(options, IsolatedAwsEnv(), stats));
  S3C_ASSIGN_OR_RETURN(S3Client* client, stack->client());
  stacks->push_back(std::move(stack));
  return client;
}

}  // namespace s3c::testing
