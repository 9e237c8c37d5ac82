// The default chain: order, NotFound falls through, other errors stop, the final message.
#include "s3c/auth/default_credentials_chain.h"

#include <gtest/gtest.h>

#include <chrono>

#include "auth/credentials_test_util.h"
#include "support/fake_clock.h"
#include "support/test_http_server.h"

namespace s3c {
namespace {

using testing::TestHttpRequest;
using testing::TestHttpResponse;
using testing::TestHttpServer;

constexpr const char* kEnvSecret = "envSecretKEY0000000000000000000000000000";
constexpr const char* kBaseSecret = "baseSecretKEY000000000000000000000000000";

class DefaultChainTest : public ::testing::Test {
 protected:
  DefaultChainTest()
      : fake_([](const TestHttpRequest& r) -> TestHttpResponse {
          if (r.target == "/ecs") {
            return {200, {}, R"({"AccessKeyId":"ASIAECS","SecretAccessKey":"ecsSecretKEY"})"};
          }
          if (r.method == "PUT" && r.target == "/latest/api/token")
            return {200, {}, "imdsApiTOKEN"};
          if (r.target == "/latest/meta-data/iam/security-credentials/") return {200, {}, "r"};
          if (r.target == "/latest/meta-data/iam/security-credentials/r") {
            return {200,
                    {},
                    R"({"Code":"Success","AccessKeyId":"ASIAIMDS",)"
                    R"("SecretAccessKey":"imdsSecretKEY"})"};
          }
          auto form = testing::ParseForm(r.body);
          if (form["Action"] == "AssumeRoleWithWebIdentity") {
            return {200,
                    {},
                    testing::StsCredentialsXml("AssumeRoleWithWebIdentity", "ASIAWEB",
                                               "roleSecretKEY", "roleSessionTOKEN")};
          }
          return {404, {}, ""};
        }),
        http_(testing::LoopbackClient()) {
    options_.provider.imds_endpoint = fake_.url();
    options_.provider.sts_endpoint = fake_.url();
  }

  Result<Credentials> Get() {
    DefaultCredentialsChain chain(home_.env, clock_, http_.get(), options_);
    return chain.GetCredentials();
  }
  void SetEnvKeys() {
    home_.env.Set("AWS_ACCESS_KEY_ID", "AKIDENV");
    home_.env.Set("AWS_SECRET_ACCESS_KEY", kEnvSecret);
  }
  void SetWebIdentity() {
    testing::WriteFile(home_.dir.path() + "/jwt", "webIdentityJWT");
    home_.env.Set("AWS_WEB_IDENTITY_TOKEN_FILE", home_.dir.path() + "/jwt");
    home_.env.Set("AWS_ROLE_ARN", "arn:aws:iam::1:role/web");
  }
  void SetProfileKeys() {
    home_.Credentials(std::string("[default]\naws_access_key_id = AKIDPROFILE\n"
                                  "aws_secret_access_key = ") +
                      kBaseSecret +
                      "\n[other]\naws_access_key_id = AKIDOTHER\naws_secret_access_key = x\n");
  }

  testing::AwsHome home_;  // IMDS disabled unless a test clears it
  FakeClock clock_;
  TestHttpServer fake_;
  std::unique_ptr<HttpClient> http_;
  DefaultCredentialsOptions options_;
};

TEST_F(DefaultChainTest, OrderOfProviders) {
  DefaultCredentialsChain chain(home_.env, clock_, http_.get(), options_);
  EXPECT_EQ(chain.ProviderNames(),
            (std::vector<std::string>{"environment", "web identity", "profile", "ecs", "imds"}));
  options_.access_key_id = "AKIDX";
  options_.secret_access_key = SecretString("explicitSecretKEY");
  DefaultCredentialsChain with_keys(home_.env, clock_, http_.get(), options_);
  EXPECT_EQ(with_keys.ProviderNames().front(), "explicit keys");
}

TEST_F(DefaultChainTest, EachSourceWinsOverTheNextOnes) {
  home_.env.Unset("AWS_EC2_METADATA_DISABLED");  // IMDS on the loopback fake
  EXPECT_EQ(Get()->access_key_id, "ASIAIMDS");
  home_.env.Set("AWS_CONTAINER_CREDENTIALS_FULL_URI", fake_.url() + "/ecs");
  EXPECT_EQ(Get()->access_key_id, "ASIAECS");
  SetProfileKeys();
  EXPECT_EQ(Get()->access_key_id, "AKIDPROFILE");
  SetWebIdentity();
  EXPECT_EQ(Get()->access_key_id, "ASIAWEB");
  SetEnvKeys();
  EXPECT_EQ(Get()->access_key_id, "AKIDENV");
  options_.access_key_id = "AKIDEXPLICIT";
  options_.secret_access_key = SecretString("explicitSecretKEY");
  auto c = Get();
  EXPECT_EQ(c->access_key_id, "AKIDEXPLICIT");
  EXPECT_EQ(c->provider, "explicit keys");
}

TEST_F(DefaultChainTest, ExplicitProfileSkipsEnvironmentKeys) {
  SetEnvKeys();
  SetProfileKeys();
  options_.provider.profile = "other";
  EXPECT_EQ(Get()->access_key_id, "AKIDOTHER");
  options_.provider.profile.clear();
  home_.env.Set("AWS_PROFILE", "other");  // the variable does not skip them
  EXPECT_EQ(Get()->access_key_id, "AKIDENV");
}

TEST_F(DefaultChainTest, NonNotFoundErrorStopsTheChain) {
  home_.env.Set("AWS_SECRET_ACCESS_KEY", kEnvSecret);  // half a pair
  SetProfileKeys();
  auto c = Get();
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(c.status().message().find("AWS_ACCESS_KEY_ID is not"), std::string::npos);
  testing::ExpectNoSecrets(c.status());

  home_.env.Unset("AWS_SECRET_ACCESS_KEY");
  home_.Config("[default]\ncredential_process = sh -c 'exit 1'\n");
  home_.Credentials("");
  home_.env.Set("AWS_CONTAINER_CREDENTIALS_FULL_URI", fake_.url() + "/ecs");
  auto p = Get();
  EXPECT_EQ(p.status().code(), StatusCode::kUnauthenticated);  // ECS is not reached
  EXPECT_NE(p.status().message().find("credential_process"), std::string::npos);
  EXPECT_EQ(fake_.request_count(), 0u);
}

TEST_F(DefaultChainTest, NothingFoundListsWhatWasTriedAndHowToFix) {
  auto c = Get();
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kUnauthenticated);
  const std::string& m = c.status().message();
  for (const char* part :
       {"no AWS credentials found", "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY are not set",
        "AWS_WEB_IDENTITY_TOKEN_FILE and AWS_ROLE_ARN are not set", "profile 'default': not in",
        "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "disabled by AWS_EC2_METADATA_DISABLED",
        "--profile NAME", "--no-sign-request"}) {
    EXPECT_NE(m.find(part), std::string::npos) << "missing '" << part << "' in: " << m;
  }
  EXPECT_EQ(fake_.request_count(), 0u);
}

// No keys, no profile and no metadata service: whether IMDS is disabled, unreachable (refused,
// or accepting and never answering) or refusing everything with 403, the chain ends in the same
// Unauthenticated "no credentials" message; only its IMDS line says what happened.
TEST_F(DefaultChainTest, NoMetadataServiceEndsInTheNoCredentialsMessage) {
  auto disabled = Get();
  ASSERT_EQ(disabled.status().code(), StatusCode::kUnauthenticated);
  const std::string imds_disabled =
      "EC2 instance metadata (IMDS): disabled by "
      "AWS_EC2_METADATA_DISABLED";
  ASSERT_NE(disabled.status().message().find(imds_disabled), std::string::npos);

  TestHttpServer hanging([](const TestHttpRequest&) {
    TestHttpResponse r;
    r.delay_ms = 60000;
    return r;
  });
  TestHttpServer refusing([](const TestHttpRequest&) {
    return TestHttpResponse{403, {}, "Forbidden"};
  });
  home_.env.Unset("AWS_EC2_METADATA_DISABLED");
  options_.provider.imds_timeout = std::chrono::milliseconds(300);
  for (const std::string& endpoint :
       {std::string("http://127.0.0.1:1"), hanging.url(), refusing.url()}) {
    SCOPED_TRACE(endpoint);
    options_.provider.imds_endpoint = endpoint;
    auto c = Get();
    ASSERT_EQ(c.status().code(), StatusCode::kUnauthenticated) << c.status().ToString();
    std::string m = c.status().message();
    size_t at = m.find("EC2 instance metadata (IMDS): ");
    ASSERT_NE(at, std::string::npos) << m;
    EXPECT_NE(m.find(endpoint, at), std::string::npos) << m;
    // Everything but the IMDS line is the message of the disabled case.
    size_t end = m.find(". To fix:");
    ASSERT_NE(end, std::string::npos) << m;
    std::string same = m.substr(0, at) + imds_disabled + m.substr(end);
    EXPECT_EQ(same, disabled.status().message());
  }
  EXPECT_EQ(hanging.request_count(), 1u);
  EXPECT_EQ(refusing.request_count(), 2u);
  EXPECT_EQ(fake_.request_count(), 0u);
}

TEST_F(DefaultChainTest, MakeDefaultProviderCachesAndHonoursNoSignRequest) {
  SetEnvKeys();
  auto provider = MakeDefaultCredentialsProvider(home_.env, clock_, http_.get(), options_);
  EXPECT_EQ(provider->GetCredentials()->access_key_id, "AKIDENV");
  home_.env.Set("AWS_ACCESS_KEY_ID", "AKIDCHANGED");
  EXPECT_EQ(provider->GetCredentials()->access_key_id, "AKIDENV");  // cached
  provider->Invalidate();
  EXPECT_EQ(provider->GetCredentials()->access_key_id, "AKIDCHANGED");

  options_.no_sign_request = true;
  auto anon = MakeDefaultCredentialsProvider(home_.env, clock_, http_.get(), options_);
  EXPECT_TRUE(anon->GetCredentials()->anonymous);
}

}  // namespace
}  // namespace s3c
