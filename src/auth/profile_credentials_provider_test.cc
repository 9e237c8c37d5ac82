// ProfileCredentialsProvider: static keys, AssumeRole (source_profile chains, credential_source)
// against a loopback fake STS, and broken profiles.
#include "s3c/auth/profile_credentials_provider.h"

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

constexpr const char* kBaseSecret = "baseSecretKEY000000000000000000000000000";

class ProfileCredentialsTest : public ::testing::Test {
 protected:
  ProfileCredentialsTest()
      : sts_([this](const TestHttpRequest& r) { return Sts(r); }),
        http_(testing::LoopbackClient()) {
    options_.sts_endpoint = sts_.url();
  }

  // Fake STS: role "mid" is assumed with the base keys, role "final" with mid's session.
  TestHttpResponse Sts(const TestHttpRequest& r) {
    auto form = testing::ParseForm(r.body);
    const std::string& auth = r.headers.count("authorization") ? r.headers.at("authorization") : "";
    if (form["Action"] != "AssumeRole" || form["Version"] != "2011-06-15") return {400, {}, "bad"};
    if (form["RoleArn"] == "arn:aws:iam::111111111111:role/denied") {
      return {403, {}, testing::StsErrorXml("AccessDenied", "User is not authorized")};
    }
    if (form["RoleArn"] == "arn:aws:iam::111111111111:role/final") {
      if (auth.find("Credential=ASIAMID/") == std::string::npos) return {403, {}, "wrong signer"};
      return {200,
              {},
              testing::StsCredentialsXml("AssumeRole", "ASIAFINAL", "roleSecretKEY",
                                         "roleSessionTOKEN")};
    }
    return {200,
            {},
            testing::StsCredentialsXml("AssumeRole", "ASIAMID", "midSecretKEY", "midSessionTOKEN")};
  }

  ProfileCredentialsProvider Provider(const std::string& profile = "") {
    CredentialsOptions o = options_;
    o.profile = profile;
    return ProfileCredentialsProvider(home_.env, clock_, http_.get(), o);
  }

  testing::AwsHome home_;
  FakeClock clock_;
  TestHttpServer sts_;
  std::unique_ptr<HttpClient> http_;
  CredentialsOptions options_;
};

TEST_F(ProfileCredentialsTest, StaticKeysFromCredentialsFile) {
  home_.Credentials(
      std::string("[default]\naws_access_key_id = AKIDBASE\naws_secret_access_key = ") +
      kBaseSecret + "\naws_session_token = tok\n");
  auto c = Provider().GetCredentials();
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->access_key_id, "AKIDBASE");
  EXPECT_EQ(c->secret_access_key.Reveal(), kBaseSecret);
  EXPECT_EQ(c->session_token.Reveal(), "tok");
  EXPECT_EQ(c->provider, "profile 'default'");
  EXPECT_EQ(sts_.request_count(), 0u);
}

TEST_F(ProfileCredentialsTest, AssumeRoleSendsSignedRequestWithProfileParameters) {
  home_.Config(R"([profile dev]
role_arn = arn:aws:iam::111111111111:role/mid
source_profile = base
external_id = ext-123
role_session_name = my session
duration_seconds = 1800
region = eu-west-3
)");
  home_.Credentials(std::string("[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = ") +
                    kBaseSecret + "\n");
  auto c = Provider("dev").GetCredentials();
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->access_key_id, "ASIAMID");
  EXPECT_EQ(c->secret_access_key.Reveal(), "midSecretKEY");
  EXPECT_EQ(c->session_token.Reveal(), "midSessionTOKEN");
  EXPECT_EQ(c->expiration, ParseIso8601("2023-11-14T23:13:20Z"));

  ASSERT_EQ(sts_.request_count(), 1u);
  TestHttpRequest r = sts_.requests()[0];
  EXPECT_EQ(r.method, "POST");
  EXPECT_EQ(r.target, "/");
  auto form = testing::ParseForm(r.body);
  EXPECT_EQ(form["Action"], "AssumeRole");
  EXPECT_EQ(form["Version"], "2011-06-15");
  EXPECT_EQ(form["RoleArn"], "arn:aws:iam::111111111111:role/mid");
  EXPECT_EQ(form["RoleSessionName"], "my session");
  EXPECT_EQ(form["ExternalId"], "ext-123");
  EXPECT_EQ(form["DurationSeconds"], "1800");
  EXPECT_NE(r.headers["content-type"].find("application/x-www-form-urlencoded"), std::string::npos);
  const std::string& auth = r.headers["authorization"];
  EXPECT_EQ(
      auth.rfind("AWS4-HMAC-SHA256 Credential=AKIDBASE/20231114/eu-west-3/sts/aws4_request", 0), 0u)
      << auth;
  EXPECT_NE(auth.find("Signature="), std::string::npos);
  EXPECT_EQ(r.headers["x-amz-date"], "20231114T221320Z");
  EXPECT_EQ(r.headers.count("x-amz-security-token"), 0u);
}

TEST_F(ProfileCredentialsTest, ChainedSourceProfilesAssumeRolesInOrder) {
  home_.Config(R"([profile final]
role_arn = arn:aws:iam::111111111111:role/final
source_profile = mid
[profile mid]
role_arn = arn:aws:iam::111111111111:role/mid
source_profile = base
[profile base]
aws_access_key_id = AKIDBASE
)");
  home_.Credentials(std::string("[base]\naws_secret_access_key = ") + kBaseSecret + "\n");
  auto c = Provider("final").GetCredentials();
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->access_key_id, "ASIAFINAL");
  ASSERT_EQ(sts_.request_count(), 2u);
  auto reqs = sts_.requests();
  EXPECT_EQ(testing::ParseForm(reqs[0].body)["RoleArn"], "arn:aws:iam::111111111111:role/mid");
  EXPECT_NE(reqs[0].headers["authorization"].find("Credential=AKIDBASE/"), std::string::npos);
  EXPECT_EQ(testing::ParseForm(reqs[1].body)["RoleArn"], "arn:aws:iam::111111111111:role/final");
  EXPECT_NE(reqs[1].headers["authorization"].find("Credential=ASIAMID/"), std::string::npos);
  EXPECT_EQ(reqs[1].headers["x-amz-security-token"], "midSessionTOKEN");
  // No session name in the profile: a generated one.
  EXPECT_EQ(testing::ParseForm(reqs[1].body)["RoleSessionName"], "s3c-session-1700000000");
}

TEST_F(ProfileCredentialsTest, SelfReferencingSourceProfileUsesItsOwnKeys) {
  home_.Credentials(std::string("[me]\naws_access_key_id = AKIDBASE\naws_secret_access_key = ") +
                    kBaseSecret +
                    "\nrole_arn = arn:aws:iam::111111111111:role/mid\nsource_profile = me\n");
  auto c = Provider("me").GetCredentials();
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->access_key_id, "ASIAMID");
  ASSERT_EQ(sts_.request_count(), 1u);
  EXPECT_NE(sts_.requests()[0].headers["authorization"].find("Credential=AKIDBASE/"),
            std::string::npos);
}

TEST_F(ProfileCredentialsTest, CredentialSourceEnvironment) {
  home_.Config(
      "[default]\nrole_arn = arn:aws:iam::111111111111:role/mid\n"
      "credential_source = Environment\n");
  auto missing = Provider().GetCredentials();
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kUnauthenticated);
  EXPECT_NE(missing.status().message().find("no source credentials"), std::string::npos);
  EXPECT_EQ(sts_.request_count(), 0u);

  home_.env.Set("AWS_ACCESS_KEY_ID", "AKIDENV");
  home_.env.Set("AWS_SECRET_ACCESS_KEY", "envSecretKEY0000000000000000000000000000");
  auto c = Provider().GetCredentials();
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->access_key_id, "ASIAMID");
  EXPECT_NE(sts_.requests()[0].headers["authorization"].find("Credential=AKIDENV/"),
            std::string::npos);
}

TEST_F(ProfileCredentialsTest, StsErrorIsPermissionDeniedWithCode) {
  home_.Config(
      "[default]\nrole_arn = arn:aws:iam::111111111111:role/denied\n"
      "source_profile = base\n");
  home_.Credentials(std::string("[base]\naws_access_key_id = AKIDBASE\naws_secret_access_key = ") +
                    kBaseSecret + "\n");
  auto c = Provider().GetCredentials();
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kPermissionDenied);
  EXPECT_EQ(c.status().context().http_status, 403);
  EXPECT_EQ(c.status().context().s3_code, "AccessDenied");
  EXPECT_EQ(c.status().context().request_id, "req-err");
  std::string text = c.status().ToString();
  EXPECT_NE(text.find("profile 'default' (assume role arn:aws:iam::111111111111:role/denied)"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("User is not authorized"), std::string::npos);
  testing::ExpectNoSecrets(c.status());
}

TEST_F(ProfileCredentialsTest, UnreachableStsIsUnavailable) {
  home_.Config(
      "[default]\nrole_arn = arn:aws:iam::111111111111:role/mid\nsource_profile = b\n"
      "[profile b]\naws_access_key_id = AKIDBASE\naws_secret_access_key = x\n");
  CredentialsOptions o = options_;
  o.sts_endpoint = "http://127.0.0.1:1";  // nothing listens on port 1
  auto c = ProfileCredentialsProvider(home_.env, clock_, http_.get(), o).GetCredentials();
  ASSERT_FALSE(c.ok());
  EXPECT_TRUE(c.status().code() == StatusCode::kUnavailable ||
              c.status().code() == StatusCode::kDeadlineExceeded)
      << c.status().ToString();
  EXPECT_TRUE(c.status().retryable());
  EXPECT_EQ(c.status().context().operation, "AssumeRole");
}

TEST_F(ProfileCredentialsTest, StsEndpointFromEnvironment) {
  home_.Config(
      "[default]\nrole_arn = arn:aws:iam::111111111111:role/mid\nsource_profile = b\n"
      "[profile b]\naws_access_key_id = AKIDBASE\naws_secret_access_key = x\n");
  home_.env.Set("AWS_ENDPOINT_URL_STS", sts_.url());
  auto c = ProfileCredentialsProvider(home_.env, clock_, http_.get(), CredentialsOptions{})
               .GetCredentials();
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(sts_.request_count(), 1u);
  EXPECT_NE(sts_.requests()[0].headers["authorization"].find("/us-east-1/sts/aws4_request"),
            std::string::npos);
}

TEST_F(ProfileCredentialsTest, BrokenProfilesAreErrorsNotNotFound) {
  home_.Config(R"([profile loop1]
role_arn = arn:aws:iam::1:role/a
source_profile = loop2
[profile loop2]
role_arn = arn:aws:iam::1:role/b
source_profile = loop1
[profile dangling]
role_arn = arn:aws:iam::1:role/a
source_profile = ghost
[profile nosource]
role_arn = arn:aws:iam::1:role/a
[profile both]
role_arn = arn:aws:iam::1:role/a
source_profile = x
credential_source = Environment
[profile badsource]
role_arn = arn:aws:iam::1:role/a
credential_source = Moon
[profile mfa]
role_arn = arn:aws:iam::1:role/a
source_profile = half
mfa_serial = arn:aws:iam::1:mfa/me
[profile half]
aws_access_key_id = AKIDHALF
[profile emptysrc]
role_arn = arn:aws:iam::1:role/a
source_profile = regiononly
[profile regiononly]
region = us-east-1
[profile sso_nosession]
sso_session = missing
sso_account_id = 1
sso_role_name = r
)");
  struct Case {
    const char* profile;
    const char* expect;
  };
  for (const Case& c : std::vector<Case>{{"loop1", "source_profile cycle: loop1 -> loop2 -> loop1"},
                                         {"dangling", "source_profile 'ghost' does not exist"},
                                         {"nosource", "needs source_profile or credential_source"},
                                         {"both", "not both"},
                                         {"badsource", "not 'Moon'"},
                                         {"mfa", "mfa_serial is not supported"},
                                         {"half", "only the access key id is set"},
                                         {"emptysrc", "used as source_profile"},
                                         {"sso_nosession", "no [sso-session missing] section"}}) {
    auto r = Provider(c.profile).GetCredentials();
    ASSERT_FALSE(r.ok()) << c.profile;
    EXPECT_EQ(r.status().code(), StatusCode::kInvalidArgument) << r.status().ToString();
    EXPECT_NE(r.status().message().find(c.expect), std::string::npos) << r.status().message();
  }
  EXPECT_EQ(sts_.request_count(), 0u);
}

TEST_F(ProfileCredentialsTest, AbsentOrEmptyDefaultIsNotFoundNamedMissingIsInvalid) {
  EXPECT_EQ(Provider().GetCredentials().status().code(), StatusCode::kNotFound);
  home_.Config("[default]\nregion = us-east-1\n");
  auto empty = Provider().GetCredentials();
  EXPECT_EQ(empty.status().code(), StatusCode::kNotFound);
  EXPECT_NE(empty.status().message().find("no credentials in it"), std::string::npos);
  auto named = Provider("nope").GetCredentials();
  EXPECT_EQ(named.status().code(), StatusCode::kInvalidArgument);
  home_.env.Set("AWS_PROFILE", "alsonope");
  EXPECT_EQ(Provider().GetCredentials().status().code(), StatusCode::kInvalidArgument);
}

TEST_F(ProfileCredentialsTest, CredentialProcessFromProfile) {
  std::string out = home_.dir.path() + "/creds.json";
  testing::WriteFile(out, R"({"Version":1,"AccessKeyId":"AKIDPROC",)"
                          R"("SecretAccessKey":"processSecretKEY"})");
  home_.Config("[profile proc]\ncredential_process = cat " + out + "\n");
  auto c = Provider("proc").GetCredentials();
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->access_key_id, "AKIDPROC");

  home_.Config("[profile proc]\ncredential_process = sh -c 'exit 2'\n");
  auto failed = Provider("proc").GetCredentials();
  ASSERT_FALSE(failed.ok());
  EXPECT_EQ(failed.status().code(), StatusCode::kUnauthenticated);
  EXPECT_NE(failed.status().message().find("profile 'proc': credential_process 'sh' failed"),
            std::string::npos)
      << failed.status().message();
}

}  // namespace
}  // namespace s3c
