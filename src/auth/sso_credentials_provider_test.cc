// SSO profiles: the token cache file name, the portal call, expired and missing tokens.
#include "s3c/auth/sso_credentials_provider.h"

#include <gtest/gtest.h>

#include "auth/credentials_test_util.h"
#include "auth/sha1.h"
#include "s3c/auth/profile_credentials_provider.h"
#include "support/fake_clock.h"
#include "support/test_http_server.h"

namespace s3c {
namespace {

using testing::TestHttpRequest;
using testing::TestHttpResponse;
using testing::TestHttpServer;

constexpr const char* kRoleCredentials =
    R"({"roleCredentials":{"accessKeyId":"ASIASSO","secretAccessKey":"ssoSecretKEY",)"
    R"("sessionToken":"ssoSessionTOKEN","expiration":1700003600000}})";

class SsoCredentialsTest : public ::testing::Test {
 protected:
  SsoCredentialsTest()
      : portal_([this](const TestHttpRequest& r) { return Portal(r); }),
        http_(testing::LoopbackClient()) {
    options_.sso_endpoint = portal_.url();
    home_.Config(R"([profile dev]
sso_session = corp
sso_account_id = 123456789012
sso_role_name = ReadOnly
[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = eu-west-1
[profile legacy]
sso_start_url = https://legacy.awsapps.com/start
sso_region = us-east-2
sso_account_id = 210987654321
sso_role_name = Admin
)");
  }

  TestHttpResponse Portal(const TestHttpRequest& r) {
    auto it = r.headers.find("x-amz-sso_bearer_token");
    if (it == r.headers.end() || it->second != "ssoAccessTOKEN") {
      return {401,
              {{"x-amzn-ErrorType", "UnauthorizedException:http://internal"}},
              R"({"message":"Session token not found or invalid"})"};
    }
    return {200, {{"Content-Type", "application/json"}}, kRoleCredentials};
  }

  void WriteToken(const std::string& cache_key, const std::string& token,
                  const std::string& expires_at) {
    testing::WriteFile(
        home_.dir.path() + "/.aws/sso/cache/" + auth_internal::Sha1Hex(cache_key) + ".json",
        R"({"startUrl":"x","region":"eu-west-1","accessToken":")" + token + R"(","expiresAt":")" +
            expires_at + "\"}");
  }

  Result<Credentials> Get(const std::string& profile) {
    CredentialsOptions o = options_;
    o.profile = profile;
    return ProfileCredentialsProvider(home_.env, clock_, http_.get(), o).GetCredentials();
  }

  testing::AwsHome home_;
  FakeClock clock_;  // 2023-11-14T22:13:20Z
  TestHttpServer portal_;
  std::unique_ptr<HttpClient> http_;
  CredentialsOptions options_;
};

TEST(Sha1Test, KnownVectors) {
  EXPECT_EQ(auth_internal::Sha1Hex("abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(auth_internal::Sha1Hex(""), "da39a3ee5e6b4b0d3255bfef95601890afd80709");
}

TEST_F(SsoCredentialsTest, SessionProfileUsesCachedTokenAndPortal) {
  WriteToken("corp", "ssoAccessTOKEN", "2023-11-14T23:00:00Z");
  auto c = Get("dev");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->access_key_id, "ASIASSO");
  EXPECT_EQ(c->secret_access_key.Reveal(), "ssoSecretKEY");
  EXPECT_EQ(c->session_token.Reveal(), "ssoSessionTOKEN");
  EXPECT_EQ(c->expiration, WallTime(std::chrono::seconds(1700003600)));
  ASSERT_EQ(portal_.request_count(), 1u);
  TestHttpRequest r = portal_.requests()[0];
  EXPECT_EQ(r.method, "GET");
  EXPECT_EQ(r.target, "/federation/credentials?role_name=ReadOnly&account_id=123456789012");
}

TEST_F(SsoCredentialsTest, LegacyProfileKeysTheCacheByStartUrl) {
  WriteToken("https://legacy.awsapps.com/start", "ssoAccessTOKEN", "2023-11-14T23:00:00UTC");
  auto c = Get("legacy");
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(portal_.requests()[0].target,
            "/federation/credentials?role_name=Admin&account_id=210987654321");
}

TEST_F(SsoCredentialsTest, CacheFileNameIsSha1OfSessionName) {
  SsoParams p;
  p.session_name = "corp";
  p.start_url = "https://corp.awsapps.com/start";
  SsoCredentialsProvider provider(home_.env, clock_, http_.get(), options_, p);
  EXPECT_EQ(provider.CacheFilePath(),
            home_.dir.path() + "/.aws/sso/cache/" + auth_internal::Sha1Hex("corp") + ".json");
}

TEST_F(SsoCredentialsTest, ExpiredTokenAsksToLogIn) {
  WriteToken("corp", "ssoAccessTOKEN", "2023-11-14T22:13:19Z");
  auto c = Get("dev");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kUnauthenticated);
  EXPECT_NE(c.status().message().find("expired at 2023-11-14T22:13:19Z"), std::string::npos);
  EXPECT_NE(c.status().message().find("run `aws sso login --profile dev`"), std::string::npos)
      << c.status().message();
  EXPECT_EQ(portal_.request_count(), 0u);
  testing::ExpectNoSecrets(c.status());
}

TEST_F(SsoCredentialsTest, MissingTokenAsksToLogIn) {
  auto c = Get("dev");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kUnauthenticated);
  EXPECT_NE(c.status().message().find("no cached SSO token"), std::string::npos);
  EXPECT_NE(c.status().message().find("aws sso login --profile dev"), std::string::npos);
}

TEST_F(SsoCredentialsTest, RejectedTokenAsksToLogIn) {
  WriteToken("corp", "ssoAccessTOKENstale", "2023-11-15T00:00:00Z");
  auto c = Get("dev");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(c.status().context().http_status, 401);
  EXPECT_EQ(c.status().context().s3_code, "UnauthorizedException");
  EXPECT_NE(c.status().message().find("aws sso login --profile dev"), std::string::npos);
  testing::ExpectNoSecrets(c.status());
}

TEST_F(SsoCredentialsTest, IncompleteProfileIsInvalid) {
  home_.Config("[profile x]\nsso_start_url = https://a\nsso_region = us-east-1\n");
  auto c = Get("x");
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(c.status().message().find("sso_account_id"), std::string::npos);
}

}  // namespace
}  // namespace s3c
