#include "s3c/auth/web_identity_credentials_provider.h"

#include <gtest/gtest.h>

#include "auth/credentials_test_util.h"
#include "s3c/auth/profile_credentials_provider.h"
#include "support/fake_clock.h"
#include "support/test_http_server.h"

namespace s3c {
namespace {

using testing::TestHttpRequest;
using testing::TestHttpResponse;
using testing::TestHttpServer;

class WebIdentityTest : public ::testing::Test {
 protected:
  WebIdentityTest()
      : sts_([](const TestHttpRequest& r) -> TestHttpResponse {
          auto form = testing::ParseForm(r.body);
          if (form["WebIdentityToken"] != "webIdentityJWT") {
            return {400, {}, testing::StsErrorXml("InvalidIdentityToken", "bad token")};
          }
          return {200,
                  {},
                  testing::StsCredentialsXml("AssumeRoleWithWebIdentity", "ASIAWEB",
                                             "roleSecretKEY", "roleSessionTOKEN")};
        }),
        http_(testing::LoopbackClient()) {
    options_.sts_endpoint = sts_.url();
    token_file_ = home_.dir.path() + "/token";
  }
  Result<Credentials> Get() {
    return WebIdentityCredentialsProvider(home_.env, clock_, http_.get(), options_)
        .GetCredentials();
  }

  testing::AwsHome home_;
  FakeClock clock_;
  TestHttpServer sts_;
  std::unique_ptr<HttpClient> http_;
  CredentialsOptions options_;
  std::string token_file_;
};

TEST_F(WebIdentityTest, AssumesRoleWithTokenFromFileUnsigned) {
  testing::WriteFile(token_file_, "webIdentityJWT\n");
  home_.env.Set("AWS_WEB_IDENTITY_TOKEN_FILE", token_file_);
  home_.env.Set("AWS_ROLE_ARN", "arn:aws:iam::1:role/pod");
  home_.env.Set("AWS_ROLE_SESSION_NAME", "pod-session");
  auto c = Get();
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->access_key_id, "ASIAWEB");
  EXPECT_EQ(c->session_token.Reveal(), "roleSessionTOKEN");
  ASSERT_EQ(sts_.request_count(), 1u);
  TestHttpRequest r = sts_.requests()[0];
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.headers.count("authorization"), 0u);
  auto form = testing::ParseForm(r.body);
  EXPECT_EQ(form["Action"], "AssumeRoleWithWebIdentity");
  EXPECT_EQ(form["Version"], "2011-06-15");
  EXPECT_EQ(form["RoleArn"], "arn:aws:iam::1:role/pod");
  EXPECT_EQ(form["RoleSessionName"], "pod-session");
  EXPECT_EQ(form["WebIdentityToken"], "webIdentityJWT");
}

TEST_F(WebIdentityTest, NotConfiguredIsNotFound) {
  auto none = Get();
  EXPECT_EQ(none.status().code(), StatusCode::kNotFound);
  home_.env.Set("AWS_ROLE_ARN", "arn:aws:iam::1:role/pod");
  auto half = Get();
  EXPECT_EQ(half.status().code(), StatusCode::kNotFound);
  EXPECT_NE(half.status().message().find("AWS_WEB_IDENTITY_TOKEN_FILE is not"), std::string::npos);
  EXPECT_EQ(sts_.request_count(), 0u);
}

TEST_F(WebIdentityTest, MissingTokenFileAndRejectedToken) {
  home_.env.Set("AWS_WEB_IDENTITY_TOKEN_FILE", token_file_);
  home_.env.Set("AWS_ROLE_ARN", "arn:aws:iam::1:role/pod");
  auto missing = Get();
  EXPECT_EQ(missing.status().code(), StatusCode::kUnauthenticated);
  EXPECT_NE(missing.status().message().find(token_file_), std::string::npos);

  testing::WriteFile(token_file_, "someOtherJWT");
  auto rejected = Get();
  ASSERT_FALSE(rejected.ok());
  EXPECT_EQ(rejected.status().code(), StatusCode::kUnauthenticated);
  EXPECT_EQ(rejected.status().context().s3_code, "InvalidIdentityToken");
  EXPECT_EQ(rejected.status().ToString().find("someOtherJWT"), std::string::npos);
}

TEST_F(WebIdentityTest, ProfileWebIdentityTokenFile) {
  testing::WriteFile(token_file_, "webIdentityJWT");
  home_.Config("[profile k8s]\nrole_arn = arn:aws:iam::1:role/k8s\nweb_identity_token_file = " +
               token_file_ + "\n");
  CredentialsOptions o = options_;
  o.profile = "k8s";
  auto c = ProfileCredentialsProvider(home_.env, clock_, http_.get(), o).GetCredentials();
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->access_key_id, "ASIAWEB");
  EXPECT_EQ(testing::ParseForm(sts_.requests()[0].body)["RoleArn"], "arn:aws:iam::1:role/k8s");
}

}  // namespace
}  // namespace s3c
