#include "s3c/auth/imds_credentials_provider.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>

#include "auth/credentials_test_util.h"
#include "s3c/common/time_format.h"
#include "support/fake_clock.h"
#include "support/test_http_server.h"

namespace s3c {
namespace {

using testing::TestHttpRequest;
using testing::TestHttpResponse;
using testing::TestHttpServer;

constexpr const char* kRolePath = "/latest/meta-data/iam/security-credentials/";

// A fake IMDS: IMDSv2 tokens (unless token_status says otherwise) and one role.
class FakeImds {
 public:
  FakeImds() : server_([this](const TestHttpRequest& r) { return Handle(r); }) {}

  TestHttpResponse Handle(const TestHttpRequest& r) {
    if (r.method == "PUT" && r.target == "/latest/api/token") {
      if (token_status != 200) return {token_status, {}, ""};
      auto ttl = r.headers.find("x-aws-ec2-metadata-token-ttl-seconds");
      if (ttl == r.headers.end()) return {400, {}, ""};
      return {200, {}, "imdsApiTOKEN"};
    }
    auto tok = r.headers.find("x-aws-ec2-metadata-token");
    bool authorized = token_status != 200 ? tok == r.headers.end()
                                          : tok != r.headers.end() && tok->second == "imdsApiTOKEN";
    if (!authorized) return {401, {}, ""};
    if (r.method == "GET" && r.target == kRolePath) {
      if (role.empty()) return {404, {}, ""};
      return {200, {}, role + "\n"};
    }
    if (r.method == "GET" && r.target == std::string(kRolePath) + role) {
      return {200, {}, creds_body};
    }
    return {404, {}, ""};
  }

  int token_status = 200;
  std::string role = "app-role";
  std::string creds_body =
      R"({"Code":"Success","LastUpdated":"2023-11-14T22:00:00Z","Type":"AWS-HMAC",)"
      R"("AccessKeyId":"ASIAIMDS","SecretAccessKey":"imdsSecretKEY","Token":"imdsSessionTOKEN",)"
      R"("Expiration":"2023-11-15T04:00:00Z"})";
  TestHttpServer server_;
};

class ImdsCredentialsTest : public ::testing::Test {
 protected:
  ImdsCredentialsTest() : http_(testing::LoopbackClient()) {
    options_.imds_endpoint = imds_.server_.url();
  }
  Result<Credentials> Get() {
    return ImdsCredentialsProvider(env_, clock_, http_.get(), options_).GetCredentials();
  }
  MapEnv env_;
  FakeClock clock_;
  FakeImds imds_;
  std::unique_ptr<HttpClient> http_;
  CredentialsOptions options_;
};

TEST_F(ImdsCredentialsTest, V2TokenThenRoleThenCredentials) {
  auto c = Get();
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->access_key_id, "ASIAIMDS");
  EXPECT_EQ(c->secret_access_key.Reveal(), "imdsSecretKEY");
  EXPECT_EQ(c->session_token.Reveal(), "imdsSessionTOKEN");
  EXPECT_EQ(c->expiration, ParseIso8601("2023-11-15T04:00:00Z"));
  EXPECT_EQ(c->provider, "imds");
  auto reqs = imds_.server_.requests();
  ASSERT_EQ(reqs.size(), 3u);
  EXPECT_EQ(reqs[0].method, "PUT");
  EXPECT_EQ(reqs[0].target, "/latest/api/token");
  EXPECT_EQ(reqs[0].headers["x-aws-ec2-metadata-token-ttl-seconds"], "21600");
  EXPECT_EQ(reqs[1].method, "GET");
  EXPECT_EQ(reqs[1].target, kRolePath);
  EXPECT_EQ(reqs[1].headers["x-aws-ec2-metadata-token"], "imdsApiTOKEN");
  EXPECT_EQ(reqs[2].target, std::string(kRolePath) + "app-role");
  EXPECT_EQ(reqs[2].headers["x-aws-ec2-metadata-token"], "imdsApiTOKEN");
}

TEST_F(ImdsCredentialsTest, EndpointFromEnvironment) {
  options_.imds_endpoint.clear();
  env_.Set("AWS_EC2_METADATA_SERVICE_ENDPOINT", imds_.server_.url() + "/");
  ASSERT_TRUE(Get().ok());
  EXPECT_EQ(imds_.server_.request_count(), 3u);
  EXPECT_EQ(ImdsCredentialsProvider(env_, clock_, http_.get(), options_).Endpoint(),
            imds_.server_.url() + "/");
  MapEnv ipv6(
      std::map<std::string, std::string>{{"AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE", "IPv6"}});
  EXPECT_EQ(ImdsCredentialsProvider(ipv6, clock_, http_.get(), {}).Endpoint(),
            "http://[fd00:ec2::254]");
  MapEnv none;
  EXPECT_EQ(ImdsCredentialsProvider(none, clock_, http_.get(), {}).Endpoint(),
            "http://169.254.169.254");
}

TEST_F(ImdsCredentialsTest, DisabledFlagSendsNothing) {
  env_.Set("AWS_EC2_METADATA_DISABLED", "TRUE");
  auto c = Get();
  EXPECT_EQ(c.status().code(), StatusCode::kNotFound);
  EXPECT_NE(c.status().message().find("disabled by AWS_EC2_METADATA_DISABLED"), std::string::npos);
  EXPECT_EQ(imds_.server_.request_count(), 0u);
}

TEST_F(ImdsCredentialsTest, V1FallbackOnlyWhenAllowed) {
  imds_.token_status = 404;
  auto c = Get();
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  auto reqs = imds_.server_.requests();
  ASSERT_EQ(reqs.size(), 3u);
  EXPECT_EQ(reqs[1].headers.count("x-aws-ec2-metadata-token"), 0u);

  env_.Set("AWS_EC2_METADATA_V1_DISABLED", "true");
  auto v1_off = Get();
  ASSERT_FALSE(v1_off.ok());
  EXPECT_EQ(v1_off.status().context().http_status, 404);
  EXPECT_EQ(imds_.server_.request_count(), 4u);  // only the token PUT
}

TEST_F(ImdsCredentialsTest, NoRoleAndUnreachableAreNotFound) {
  imds_.role.clear();
  auto no_role = Get();
  EXPECT_EQ(no_role.status().code(), StatusCode::kNotFound);
  EXPECT_NE(no_role.status().message().find("no IAM role"), std::string::npos);

  options_.imds_endpoint = "http://127.0.0.1:1";
  auto down = Get();
  EXPECT_EQ(down.status().code(), StatusCode::kNotFound);
  EXPECT_NE(down.status().message().find("no metadata service reachable at http://127.0.0.1:1"),
            std::string::npos)
      << down.status().message();
}

TEST_F(ImdsCredentialsTest, RetriesServerErrorsUpToAttempts) {
  std::atomic<int> calls{0};
  TestHttpServer flaky([&](const TestHttpRequest& r) -> TestHttpResponse {
    if (calls++ == 0) return {503, {}, ""};
    return imds_.Handle(r);
  });
  options_.imds_endpoint = flaky.url();
  options_.imds_attempts = 1;
  auto once = Get();
  EXPECT_EQ(once.status().code(), StatusCode::kUnavailable);
  EXPECT_EQ(flaky.request_count(), 1u);

  calls = 0;
  options_.imds_attempts = 2;
  auto twice = Get();
  ASSERT_TRUE(twice.ok()) << twice.status().ToString();
  EXPECT_EQ(flaky.request_count(), 1u + 4u);
}

TEST_F(ImdsCredentialsTest, TokenRefusedWith403FallsBackToV1) {
  imds_.token_status = 403;  // as the SDKs do for 403, 404 and 405
  auto c = Get();
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  auto reqs = imds_.server_.requests();
  ASSERT_EQ(reqs.size(), 3u);
  EXPECT_EQ(reqs[1].headers.count("x-aws-ec2-metadata-token"), 0u);
}

// What answers 403 to everything (IMDS turned off, or a proxy at that address) has no
// credentials for us: NotFound, so the chain ends in its "no credentials" message.
TEST_F(ImdsCredentialsTest, ForbiddenEverywhereIsNotFound) {
  TestHttpServer refusing([](const TestHttpRequest&) {
    return TestHttpResponse{403, {}, "Forbidden"};
  });
  options_.imds_endpoint = refusing.url();
  auto c = Get();
  EXPECT_EQ(c.status().code(), StatusCode::kNotFound) << c.status().ToString();
  EXPECT_NE(c.status().message().find(refusing.url() +
                                      " refused both the session token and the role listing "
                                      "with HTTP 403"),
            std::string::npos)
      << c.status().message();
  EXPECT_EQ(refusing.request_count(), 2u);  // PUT api/token, then the IMDSv1 role listing
}

// An IMDS that is there but fails is an error of its own, whose message says which request got
// which HTTP status after how many attempts.
TEST_F(ImdsCredentialsTest, OtherHttpErrorsStayErrorsThatNameTheRequest) {
  TestHttpServer broken([](const TestHttpRequest&) { return TestHttpResponse{500, {}, "oops"}; });
  options_.imds_endpoint = broken.url();
  options_.imds_attempts = 2;
  auto c = Get();
  EXPECT_EQ(c.status().code(), StatusCode::kUnavailable) << c.status().ToString();
  EXPECT_NE(c.status().message().find("EC2 instance metadata (IMDS): the metadata service "
                                      "answered HTTP 500 to PUT api/token " +
                                      broken.url() + "/latest/api/token (2 attempts)"),
            std::string::npos)
      << c.status().message();
  EXPECT_EQ(broken.request_count(), 2u);

  TestHttpServer denied([&](const TestHttpRequest& r) -> TestHttpResponse {
    if (r.target == std::string(kRolePath) + "app-role") return {403, {}, ""};
    return imds_.Handle(r);
  });
  options_.imds_endpoint = denied.url();
  options_.imds_attempts = 3;  // a 4xx answer is not retried
  auto d = Get();
  EXPECT_EQ(d.status().code(), StatusCode::kPermissionDenied) << d.status().ToString();
  EXPECT_NE(d.status().message().find("answered HTTP 403 to GET credentials " + denied.url() +
                                      kRolePath + "app-role (1 attempt)"),
            std::string::npos)
      << d.status().message();
  EXPECT_EQ(denied.request_count(), 3u);  // token, role listing, credentials: once each
}

// Not reachable: refused at once, or accepted but never answered. Both are NotFound within the
// metadata timeouts, after exactly imds_attempts tries.
TEST_F(ImdsCredentialsTest, UnreachableIsNotFoundWithinTheAttempts) {
  options_.imds_endpoint = "http://127.0.0.1:1";  // nothing listens: connection refused
  options_.imds_attempts = 3;
  auto refused = Get();
  EXPECT_EQ(refused.status().code(), StatusCode::kNotFound) << refused.status().ToString();

  TestHttpServer hanging([](const TestHttpRequest&) {
    TestHttpResponse r;
    r.delay_ms = 60000;  // never answers within the test
    return r;
  });
  options_.imds_endpoint = hanging.url();
  options_.imds_attempts = 0;  // the default: 1 attempt, 1 s to connect, 2 s in all
  auto start = std::chrono::steady_clock::now();
  auto once = Get();
  EXPECT_EQ(once.status().code(), StatusCode::kNotFound) << once.status().ToString();
  EXPECT_NE(once.status().message().find("no metadata service reachable at " + hanging.url()),
            std::string::npos)
      << once.status().message();
  EXPECT_EQ(hanging.request_count(), 1u);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(15));

  options_.imds_timeout = std::chrono::milliseconds(200);
  options_.imds_attempts = 3;
  EXPECT_EQ(Get().status().code(), StatusCode::kNotFound);
  EXPECT_EQ(hanging.request_count(), 1u + 3u);
}

TEST_F(ImdsCredentialsTest, BadCredentialDocuments) {
  imds_.creds_body = R"({"Code":"AssumeRoleUnauthorizedAccess","Message":"denied"})";
  auto failed = Get();
  EXPECT_EQ(failed.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(failed.status().message().find("AssumeRoleUnauthorizedAccess"), std::string::npos);

  imds_.creds_body = "<html>not json imdsSecretKEY</html>";
  auto garbage = Get();
  EXPECT_EQ(garbage.status().code(), StatusCode::kUnauthenticated);
  testing::ExpectNoSecrets(garbage.status());
}

}  // namespace
}  // namespace s3c
