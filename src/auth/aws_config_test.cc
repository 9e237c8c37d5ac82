#include "s3c/auth/aws_config.h"

#include <gtest/gtest.h>

#include "auth/credentials_test_util.h"

namespace s3c {
namespace {

AwsConfigOptions Opts(std::string profile, std::string region = "", std::string endpoint = "") {
  AwsConfigOptions o;
  o.profile = std::move(profile);
  o.region = std::move(region);
  o.endpoint_url = std::move(endpoint);
  return o;
}

class AwsConfigTest : public ::testing::Test {
 protected:
  void SetUp() override {
    home_.Config(R"([default]
region = eu-central-1
max_attempts = 4
ca_bundle = ~/certs/ca.pem

[profile minio]
region = us-west-1
endpoint_url = http://127.0.0.1:1111
s3 =
  addressing_style = path
  endpoint_url = http://127.0.0.1:9000

[profile viaservices]
services = local
endpoint_url = http://127.0.0.1:2222

[services local]
s3 =
  endpoint_url = http://127.0.0.1:7480

[profile generic]
endpoint_url = http://127.0.0.1:3333
s3 =
  addressing_style = sideways
max_attempts = zero
)");
  }
  AwsConfig Load(AwsConfigOptions o = {}) {
    auto cfg = AwsConfig::Load(home_.env, std::move(o));
    EXPECT_TRUE(cfg.ok()) << cfg.status().ToString();
    return std::move(cfg).value();
  }
  testing::AwsHome home_;
};

TEST_F(AwsConfigTest, ProfileSelection) {
  EXPECT_EQ(Load().profile_name(), "default");
  EXPECT_FALSE(Load().profile_explicit());
  home_.env.Set("AWS_PROFILE", "minio");
  EXPECT_EQ(Load().profile_name(), "minio");
  EXPECT_TRUE(Load().profile_explicit());
  EXPECT_EQ(Load(Opts("generic")).profile_name(), "generic");

  auto missing = AwsConfig::Load(home_.env, Opts("nope"));
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(missing.status().message().find("'nope' (from --profile)"), std::string::npos);
  home_.env.Set("AWS_PROFILE", "gone");
  auto missing_env = AwsConfig::Load(home_.env);
  ASSERT_FALSE(missing_env.ok());
  EXPECT_NE(missing_env.status().message().find("(from AWS_PROFILE)"), std::string::npos);

  // A missing default profile is fine.
  testing::AwsHome empty;
  auto none = AwsConfig::Load(empty.env);
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->profile(), nullptr);
  EXPECT_EQ(none->Region(), "us-east-1");
}

TEST_F(AwsConfigTest, RegionPrecedence) {
  EXPECT_EQ(Load().Region(), "eu-central-1");
  EXPECT_EQ(Load(Opts("minio")).Region(), "us-west-1");
  home_.env.Set("AWS_DEFAULT_REGION", "ap-east-1");
  EXPECT_EQ(Load().Region(), "ap-east-1");
  home_.env.Set("AWS_REGION", "sa-east-1");
  EXPECT_EQ(Load().Region(), "sa-east-1");
  EXPECT_EQ(Load(Opts("", "eu-north-1")).Region(), "eu-north-1");
  EXPECT_EQ(Load(Opts("generic")).Region(), "sa-east-1");
  home_.env.Unset("AWS_REGION");
  home_.env.Unset("AWS_DEFAULT_REGION");
  EXPECT_EQ(Load(Opts("generic")).Region(), "us-east-1");
}

TEST_F(AwsConfigTest, S3EndpointPrecedence) {
  EXPECT_EQ(Load().S3EndpointUrl(), std::nullopt);
  EXPECT_EQ(Load(Opts("minio")).S3EndpointUrl(), "http://127.0.0.1:9000");
  EXPECT_EQ(Load(Opts("viaservices")).S3EndpointUrl(), "http://127.0.0.1:7480");
  EXPECT_EQ(Load(Opts("generic")).S3EndpointUrl(), "http://127.0.0.1:3333");
  home_.env.Set("AWS_ENDPOINT_URL", "http://127.0.0.1:4444");
  EXPECT_EQ(Load(Opts("minio")).S3EndpointUrl(), "http://127.0.0.1:4444");
  home_.env.Set("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:5555");
  EXPECT_EQ(Load(Opts("minio")).S3EndpointUrl(), "http://127.0.0.1:5555");
  EXPECT_EQ(Load(Opts("minio", "", "http://127.0.0.1:6666")).S3EndpointUrl(),
            "http://127.0.0.1:6666");
  home_.env.Set("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true");
  EXPECT_EQ(Load(Opts("minio")).S3EndpointUrl(), std::nullopt);
}

TEST_F(AwsConfigTest, AddressingStyleCaBundleAndMaxAttempts) {
  auto style = Load(Opts("minio")).S3AddressingStyle();
  ASSERT_TRUE(style.ok());
  EXPECT_EQ(*style, "path");
  EXPECT_EQ(*Load().S3AddressingStyle(), std::nullopt);
  auto bad_style = Load(Opts("generic")).S3AddressingStyle();
  ASSERT_FALSE(bad_style.ok());
  EXPECT_NE(bad_style.status().message().find("sideways"), std::string::npos);

  EXPECT_EQ(Load().CaBundle(), home_.dir.path() + "/certs/ca.pem");
  EXPECT_EQ(Load(Opts("minio")).CaBundle(), std::nullopt);

  EXPECT_EQ(*Load().MaxAttempts(), 4);
  EXPECT_EQ(*Load(Opts("minio")).MaxAttempts(), std::nullopt);
  auto bad = Load(Opts("generic")).MaxAttempts();
  ASSERT_FALSE(bad.ok());
  EXPECT_NE(bad.status().message().find("max_attempts in profile 'generic'"), std::string::npos);

  home_.env.Set("AWS_CA_BUNDLE", "/etc/ca.pem");
  home_.env.Set("AWS_MAX_ATTEMPTS", "9");
  EXPECT_EQ(Load().CaBundle(), "/etc/ca.pem");
  EXPECT_EQ(*Load().MaxAttempts(), 9);
  EXPECT_EQ(*Load(Opts("generic")).MaxAttempts(), 9);
  home_.env.Set("AWS_MAX_ATTEMPTS", "0");
  EXPECT_FALSE(Load().MaxAttempts().ok());
}

}  // namespace
}  // namespace s3c
