#include "s3c/auth/shared_config.h"

#include <gtest/gtest.h>

#include "auth/credentials_test_util.h"

namespace s3c {
namespace {

constexpr const char* kConfig = R"(# top comment
; another comment
[default]
region = eu-west-1   # inline comment
output=json

[profile dev]
region = us-west-2
role_arn = arn:aws:iam::123456789012:role/dev
s3 =
  addressing_style = path
  # comment inside a sub-section
  endpoint_url = http://127.0.0.1:9000
max_attempts = 7

[profile   spaced  ]
region=ap-south-1

[sso-session corp]
sso_start_url = https://corp.awsapps.com/start
sso_region = us-east-1

[services local]
s3 =
  endpoint_url = http://127.0.0.1:7480

[not-a-profile]
region = nowhere
)";

constexpr const char* kCredentials =
    "[default]\r\n"
    "aws_access_key_id = AKIDDEFAULT\r\n"
    "aws_secret_access_key = baseSecretKEY000000000000000000000000000\r\n"
    "region = us-east-2\r\n"
    "[dev]\n"
    "AWS_ACCESS_KEY_ID = AKIDDEV\n"
    "[profile ignored]\n"
    "aws_access_key_id = NOPE\n";

TEST(SharedConfigTest, ParsesProfilesSessionsAndSubsections) {
  auto cfg = SharedConfig::Parse(kConfig, kCredentials);
  ASSERT_TRUE(cfg.ok()) << cfg.status().ToString();
  const ConfigSection* def = cfg->FindProfile("default");
  ASSERT_NE(def, nullptr);
  EXPECT_EQ(def->Get("region"), "us-east-2");  // credentials file wins
  EXPECT_EQ(def->Get("output"), "json");
  EXPECT_EQ(def->Get("aws_access_key_id"), "AKIDDEFAULT");

  const ConfigSection* dev = cfg->FindProfile("dev");
  ASSERT_NE(dev, nullptr);
  EXPECT_EQ(dev->Get("region"), "us-west-2");
  EXPECT_EQ(dev->Get("aws_access_key_id"), "AKIDDEV");  // keys are case-insensitive
  EXPECT_EQ(dev->GetSub("s3", "addressing_style"), "path");
  EXPECT_EQ(dev->GetSub("s3", "endpoint_url"), "http://127.0.0.1:9000");
  EXPECT_EQ(dev->Get("s3"), std::nullopt);
  EXPECT_EQ(dev->Get("max_attempts"), "7");  // back at top level after the sub-section

  ASSERT_NE(cfg->FindProfile("spaced"), nullptr);
  EXPECT_EQ(cfg->FindProfile("spaced")->Get("region"), "ap-south-1");
  EXPECT_EQ(cfg->FindProfile("not-a-profile"), nullptr);
  EXPECT_EQ(cfg->FindProfile("ignored"), nullptr);
  EXPECT_EQ(cfg->FindProfile("profile ignored"), nullptr);
  EXPECT_EQ(cfg->profiles().size(), 3u);

  const ConfigSection* corp = cfg->FindSsoSession("corp");
  ASSERT_NE(corp, nullptr);
  EXPECT_EQ(corp->Get("sso_start_url"), "https://corp.awsapps.com/start");
  ASSERT_NE(cfg->FindServices("local"), nullptr);
  EXPECT_EQ(cfg->FindServices("local")->GetSub("s3", "endpoint_url"), "http://127.0.0.1:7480");
}

TEST(SharedConfigTest, ContinuationLinesAppendToTheValue) {
  auto cfg = SharedConfig::Parse("[default]\ncredential_process = a\n  b --flag\n", "");
  ASSERT_TRUE(cfg.ok());
  EXPECT_EQ(cfg->FindProfile("default")->Get("credential_process"), "a\nb --flag");
}

TEST(SharedConfigTest, MalformedLinesGiveLineNumberNotContent) {
  auto cfg = SharedConfig::Parse(
      "", "[default]\naws_secret_access_key\nbaseSecretKEY000000000000000000000000000\n", "config",
      "/x/credentials");
  ASSERT_FALSE(cfg.ok());
  EXPECT_EQ(cfg.status().code(), StatusCode::kInvalidArgument);
  EXPECT_NE(cfg.status().message().find("/x/credentials: line 2"), std::string::npos)
      << cfg.status().message();
  testing::ExpectNoSecrets(cfg.status());

  auto no_section = SharedConfig::Parse("region = x\n", "");
  ASSERT_FALSE(no_section.ok());
  EXPECT_NE(no_section.status().message().find("before any [section]"), std::string::npos);
  auto bad_header = SharedConfig::Parse("[profile x\n", "");
  ASSERT_FALSE(bad_header.ok());
  EXPECT_NE(bad_header.status().message().find("line 1"), std::string::npos);
}

TEST(SharedConfigTest, LoadReadsFilesFromEnvAndToleratesMissingOnes) {
  testing::AwsHome home;
  auto empty = SharedConfig::Load(home.env);
  ASSERT_TRUE(empty.ok()) << empty.status().ToString();
  EXPECT_TRUE(empty->profiles().empty());

  home.Config("[profile a]\nregion = r1\n");
  home.Credentials("[b]\naws_access_key_id = K\n");
  auto cfg = SharedConfig::Load(home.env);
  ASSERT_TRUE(cfg.ok());
  EXPECT_EQ(cfg->FindProfile("a")->Get("region"), "r1");
  EXPECT_EQ(cfg->FindProfile("b")->Get("aws_access_key_id"), "K");

  // Defaults under $HOME/.aws when the variables are unset.
  MapEnv plain({{"HOME", home.dir.path()}});
  testing::WriteFile(home.dir.path() + "/.aws/config", "[profile homeprof]\nregion = r2\n");
  auto from_home = SharedConfig::Load(plain);
  ASSERT_TRUE(from_home.ok());
  EXPECT_EQ(from_home->FindProfile("homeprof")->Get("region"), "r2");

  // "~" in the variables expands to $HOME.
  MapEnv tilde({{"HOME", home.dir.path()}, {"AWS_CONFIG_FILE", "~/aws/config"}});
  EXPECT_EQ(SharedConfig::ConfigFilePath(tilde), home.config_path());
}

}  // namespace
}  // namespace s3c
