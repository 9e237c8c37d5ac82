#include "s3c/auth/ecs_credentials_provider.h"

#include <gtest/gtest.h>

#include "auth/credentials_test_util.h"
#include "s3c/common/time_format.h"
#include "support/fake_clock.h"
#include "support/test_http_server.h"

namespace s3c {
namespace {

using testing::TestHttpRequest;
using testing::TestHttpResponse;
using testing::TestHttpServer;

constexpr const char* kEcsBody =
    R"({"AccessKeyId":"ASIAECS","SecretAccessKey":"ecsSecretKEY","Token":"ecsSessionTOKEN",)"
    R"("Expiration":"2023-11-15T04:00:00Z","RoleArn":"arn:aws:iam::1:role/task"})";

class EcsCredentialsTest : public ::testing::Test {
 protected:
  EcsCredentialsTest()
      : server_([this](const TestHttpRequest& r) -> TestHttpResponse {
          auto it = r.headers.find("authorization");
          if (require_token_ && (it == r.headers.end() || it->second != "ecsAuthTOKEN")) {
            return {401, {}, R"({"code":"Unauthorized","message":"bad authorization token"})"};
          }
          return {200, {}, body_};
        }),
        http_(testing::LoopbackClient()) {
    options_.ecs_endpoint = server_.url();
  }
  Result<Credentials> Get() {
    return EcsCredentialsProvider(env_, clock_, http_.get(), options_).GetCredentials();
  }

  MapEnv env_;
  FakeClock clock_;
  bool require_token_ = false;
  std::string body_ = kEcsBody;
  TestHttpServer server_;
  std::unique_ptr<HttpClient> http_;
  CredentialsOptions options_;
  testing::TempDir dir_;
};

TEST_F(EcsCredentialsTest, RelativeUriAgainstContainerHost) {
  env_.Set("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/v2/credentials/abc-123");
  auto c = Get();
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->access_key_id, "ASIAECS");
  EXPECT_EQ(c->secret_access_key.Reveal(), "ecsSecretKEY");
  EXPECT_EQ(c->session_token.Reveal(), "ecsSessionTOKEN");
  EXPECT_EQ(c->expiration, ParseIso8601("2023-11-15T04:00:00Z"));
  EXPECT_EQ(c->provider, "ecs");
  ASSERT_EQ(server_.request_count(), 1u);
  EXPECT_EQ(server_.requests()[0].method, "GET");
  EXPECT_EQ(server_.requests()[0].target, "/v2/credentials/abc-123");
  EXPECT_EQ(server_.requests()[0].headers.count("authorization"), 0u);
}

TEST_F(EcsCredentialsTest, FullUriWithTokenFile) {
  require_token_ = true;
  std::string token_file = dir_.path() + "/token";
  testing::WriteFile(token_file, "ecsAuthTOKEN\n");
  env_.Set("AWS_CONTAINER_CREDENTIALS_FULL_URI", server_.url() + "/creds?x=1");
  env_.Set("AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE", token_file);
  env_.Set("AWS_CONTAINER_AUTHORIZATION_TOKEN", "ignoredBecauseFileWins");
  auto c = Get();
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->access_key_id, "ASIAECS");
  EXPECT_EQ(server_.requests()[0].target, "/creds?x=1");
  EXPECT_EQ(server_.requests()[0].headers.at("authorization"), "ecsAuthTOKEN");
}

TEST_F(EcsCredentialsTest, TokenFromVariableAndRejectedToken) {
  require_token_ = true;
  env_.Set("AWS_CONTAINER_CREDENTIALS_FULL_URI", server_.url() + "/creds");
  env_.Set("AWS_CONTAINER_AUTHORIZATION_TOKEN", "ecsAuthTOKEN");
  ASSERT_TRUE(Get().ok());
  env_.Set("AWS_CONTAINER_AUTHORIZATION_TOKEN", "wrongTOKEN");
  auto c = Get();
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(c.status().context().http_status, 401);
  EXPECT_NE(c.status().message().find("container credentials (ECS): bad authorization token"),
            std::string::npos)
      << c.status().message();
  EXPECT_EQ(c.status().ToString().find("wrongTOKEN"), std::string::npos);
}

TEST_F(EcsCredentialsTest, FullUriHostRules) {
  using auth_internal::IsAllowedContainerHttpHost;
  using auth_internal::UrlHost;
  EXPECT_EQ(UrlHost("http://127.0.0.1:80/x"), "127.0.0.1");
  EXPECT_EQ(UrlHost("http://[::1]:80/x"), "::1");
  EXPECT_EQ(UrlHost("https://User@Example.COM/x"), "example.com");
  EXPECT_TRUE(IsAllowedContainerHttpHost("127.0.0.1"));
  EXPECT_TRUE(IsAllowedContainerHttpHost("127.1.2.3"));
  EXPECT_TRUE(IsAllowedContainerHttpHost("localhost"));
  EXPECT_TRUE(IsAllowedContainerHttpHost("::1"));
  EXPECT_TRUE(IsAllowedContainerHttpHost("169.254.170.2"));
  EXPECT_TRUE(IsAllowedContainerHttpHost("169.254.170.23"));
  EXPECT_FALSE(IsAllowedContainerHttpHost("10.0.0.1"));
  EXPECT_FALSE(IsAllowedContainerHttpHost("127.0.0.1.evil.com"));
  EXPECT_FALSE(IsAllowedContainerHttpHost("169.254.169.254"));

  env_.Set("AWS_CONTAINER_CREDENTIALS_FULL_URI", "http://10.0.0.1/creds");
  auto c = Get();
  EXPECT_EQ(c.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(c.status().message().find("'10.0.0.1' is not allowed over http"), std::string::npos);
  env_.Set("AWS_CONTAINER_CREDENTIALS_FULL_URI", "ftp://127.0.0.1/creds");
  EXPECT_EQ(Get().status().code(), StatusCode::kInvalidArgument);
  EXPECT_EQ(server_.request_count(), 0u);
}

TEST_F(EcsCredentialsTest, NotConfiguredErrorsAndBadBodies) {
  EXPECT_EQ(Get().status().code(), StatusCode::kNotFound);

  env_.Set("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "/creds");
  env_.Set("AWS_CONTAINER_AUTHORIZATION_TOKEN", "a\r\nX-Injected: 1");
  EXPECT_EQ(Get().status().code(), StatusCode::kInvalidArgument);
  env_.Unset("AWS_CONTAINER_AUTHORIZATION_TOKEN");

  body_ = R"({"AccessKeyId":"ASIAECS","Token":"ecsSessionTOKEN"})";
  auto no_secret = Get();
  EXPECT_EQ(no_secret.status().code(), StatusCode::kUnauthenticated);
  EXPECT_NE(no_secret.status().message().find("has no SecretAccessKey"), std::string::npos);
  testing::ExpectNoSecrets(no_secret.status());

  body_ = R"({"AccessKeyId":"ASIAECS","SecretAccessKey":"ecsSecretKEY",)"
          R"("Expiration":"2023-11-14T22:00:00Z"})";
  auto expired = Get();
  EXPECT_EQ(expired.status().code(), StatusCode::kUnavailable);
  EXPECT_NE(expired.status().message().find("expired credentials"), std::string::npos);
  testing::ExpectNoSecrets(expired.status());

  options_.ecs_endpoint = "http://127.0.0.1:1";
  auto down = Get();
  EXPECT_TRUE(down.status().retryable()) << down.status().ToString();
  EXPECT_NE(down.status().code(), StatusCode::kNotFound);
}

}  // namespace
}  // namespace s3c
