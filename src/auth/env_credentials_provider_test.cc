// EnvCredentialsProvider, StaticCredentialsProvider and AnonymousCredentialsProvider.
#include "s3c/auth/env_credentials_provider.h"

#include <gtest/gtest.h>

#include "auth/credentials_test_util.h"
#include "s3c/auth/anonymous_credentials_provider.h"
#include "s3c/auth/static_credentials_provider.h"
#include "s3c/common/time_format.h"

namespace s3c {
namespace {

constexpr const char* kSecret = "envSecretKEY0000000000000000000000000000";

TEST(EnvCredentialsProviderTest, ReadsKeysTokenAndExpiration) {
  MapEnv env({{"AWS_ACCESS_KEY_ID", "AKIDENV"},
              {"AWS_SECRET_ACCESS_KEY", kSecret},
              {"AWS_SESSION_TOKEN", "envSessionTOKEN"},
              {"AWS_CREDENTIAL_EXPIRATION", "2030-01-02T03:04:05Z"}});
  auto c = EnvCredentialsProvider(env).GetCredentials();
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->access_key_id, "AKIDENV");
  EXPECT_EQ(c->secret_access_key.Reveal(), kSecret);
  EXPECT_EQ(c->session_token.Reveal(), "envSessionTOKEN");
  EXPECT_EQ(c->expiration, ParseIso8601("2030-01-02T03:04:05Z"));
  EXPECT_EQ(c->provider, "environment");
  EXPECT_FALSE(c->anonymous);
}

TEST(EnvCredentialsProviderTest, AcceptsAliases) {
  MapEnv env({{"AWS_ACCESS_KEY", "AKIDALIAS"}, {"AWS_SECRET_KEY", kSecret}});
  auto c = EnvCredentialsProvider(env).GetCredentials();
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->access_key_id, "AKIDALIAS");
  EXPECT_TRUE(c->session_token.empty());
  EXPECT_EQ(c->expiration, std::nullopt);
}

TEST(EnvCredentialsProviderTest, AbsentIsNotFoundHalfIsInvalid) {
  MapEnv none;
  auto c = EnvCredentialsProvider(none).GetCredentials();
  EXPECT_EQ(c.status().code(), StatusCode::kNotFound);

  MapEnv only_secret(std::map<std::string, std::string>{{"AWS_SECRET_ACCESS_KEY", kSecret}});
  auto s = EnvCredentialsProvider(only_secret).GetCredentials();
  EXPECT_EQ(s.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(s.status().message().find("AWS_ACCESS_KEY_ID is not"), std::string::npos);
  testing::ExpectNoSecrets(s.status());

  MapEnv only_key({{"AWS_ACCESS_KEY_ID", "AKID"}, {"AWS_SECRET_ACCESS_KEY", ""}});
  auto k = EnvCredentialsProvider(only_key).GetCredentials();
  EXPECT_EQ(k.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(k.status().message().find("AWS_SECRET_ACCESS_KEY is not"), std::string::npos);

  MapEnv bad_exp({{"AWS_ACCESS_KEY_ID", "AKID"},
                  {"AWS_SECRET_ACCESS_KEY", kSecret},
                  {"AWS_CREDENTIAL_EXPIRATION", "tomorrow"}});
  auto e = EnvCredentialsProvider(bad_exp).GetCredentials();
  EXPECT_EQ(e.status().code(), StatusCode::kInvalidArgument);
  testing::ExpectNoSecrets(e.status());
}

TEST(StaticCredentialsProviderTest, KeysAndErrors) {
  StaticCredentialsProvider ok("AKIDX", SecretString("explicitSecretKEY"), SecretString("tok"));
  auto c = ok.GetCredentials();
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->access_key_id, "AKIDX");
  EXPECT_EQ(c->session_token.Reveal(), "tok");
  EXPECT_EQ(c->provider, "static");

  EXPECT_EQ(StaticCredentialsProvider("", SecretString()).GetCredentials().status().code(),
            StatusCode::kNotFound);
  auto half = StaticCredentialsProvider("", SecretString("explicitSecretKEY")).GetCredentials();
  EXPECT_EQ(half.status().code(), StatusCode::kInvalidArgument);
  testing::ExpectNoSecrets(half.status());
}

TEST(AnonymousCredentialsProviderTest, AlwaysAnonymous) {
  auto c = AnonymousCredentialsProvider().GetCredentials();
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->anonymous);
  EXPECT_TRUE(c->access_key_id.empty());
}

}  // namespace
}  // namespace s3c
