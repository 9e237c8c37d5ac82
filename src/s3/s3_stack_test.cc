// S3Stack: options and config files -> client configuration, credentials, refusals. No request
// is sent (the client is made, never used).
#include "s3c/s3/s3_stack.h"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "s3c/auth/credentials.h"
#include "s3c/s3/request_stats.h"
#include "s3c/s3/s3_client.h"
#include "s3/testing/fake_http_client.h"
#include "support/rgw_env.h"

namespace s3c {
namespace {

class S3StackTest : public ::testing::Test {
 protected:
  S3StackTest() {
    env_.Set("HOME", dir_.path());
    env_.Set("AWS_CONFIG_FILE", dir_.path() + "/config");
    env_.Set("AWS_SHARED_CREDENTIALS_FILE", dir_.path() + "/credentials");
    env_.Set("AWS_EC2_METADATA_DISABLED", "true");
  }
  void Config(const std::string& text) {
    std::ofstream(dir_.path() + "/config", std::ios::binary) << text;
  }
  std::unique_ptr<S3Stack> Make(const S3StackOptions& o) {
    auto stack = S3Stack::Make(o, env_, &stats_);
    EXPECT_TRUE(stack.ok()) << stack.status().ToString();
    return stack.ok() ? std::move(stack).value() : nullptr;
  }

  testing::TempDir dir_;
  MapEnv env_;
  RequestStats stats_;
};

TEST_F(S3StackTest, OptionsBecomeTheClientConfiguration) {
  S3StackOptions o;
  o.endpoint_url = "http://127.0.0.1:1";
  o.region = "eu-west-3";
  o.url_style = "path";
  o.max_attempts = 7;
  o.concurrency = 5;
  o.checksum = "crc32c";
  o.part_size = 6u << 20;
  o.max_backoff = std::chrono::milliseconds(50);
  o.max_single_copy_size = 7u << 20;
  o.delete_batch_size = 10;
  auto stack = Make(o);
  ASSERT_NE(stack, nullptr);
  EXPECT_EQ(stack->credentials(), nullptr);  // nothing made before client()
  auto client = stack->client();
  ASSERT_TRUE(client.ok()) << client.status().ToString();
  const S3ClientOptions& c = (*client)->options();
  EXPECT_EQ(c.endpoint_url, "http://127.0.0.1:1");
  EXPECT_EQ(c.region, "eu-west-3");
  EXPECT_EQ(c.addressing, AddressingStyle::kPath);
  EXPECT_EQ(c.max_attempts, 7);
  EXPECT_EQ(c.concurrency, 5u);
  EXPECT_EQ(c.checksum, ChecksumMode::kCrc32c);
  EXPECT_EQ(c.part_size, 6u << 20);
  EXPECT_EQ(c.multipart_threshold, 6u << 20);
  EXPECT_EQ(c.max_backoff, std::chrono::milliseconds(50));
  EXPECT_EQ(c.max_single_copy_size, 7u << 20);
  EXPECT_EQ(c.delete_batch_size, 10u);
  EXPECT_EQ(*stack->client(), *client);  // made once
}

TEST_F(S3StackTest, ConfigFilesFillWhatTheOptionsLeaveOpen) {
  Config(
      "[profile dev]\nregion = ap-south-1\nendpoint_url = http://store.example:9000\n"
      "max_attempts = 4\ns3 =\n  addressing_style = virtual\n");
  S3StackOptions o;
  o.profile = "dev";
  auto stack = Make(o);
  ASSERT_NE(stack, nullptr);
  auto client = stack->client();
  ASSERT_TRUE(client.ok()) << client.status().ToString();
  const S3ClientOptions& c = (*client)->options();
  EXPECT_EQ(c.region, "ap-south-1");
  EXPECT_EQ(c.endpoint_url, "http://store.example:9000");
  EXPECT_EQ(c.addressing, AddressingStyle::kVirtual);
  EXPECT_EQ(c.max_attempts, 4);
  EXPECT_EQ(c.checksum, ChecksumMode::kMd5);
  EXPECT_EQ(c.part_size, S3ClientOptions{}.part_size);
}

TEST_F(S3StackTest, DefaultsWithoutConfig) {
  auto stack = Make({});
  ASSERT_NE(stack, nullptr);
  auto client = stack->client();
  ASSERT_TRUE(client.ok()) << client.status().ToString();
  EXPECT_EQ((*client)->options().region, "us-east-1");
  EXPECT_EQ((*client)->options().endpoint_url, "");
  EXPECT_EQ((*client)->options().addressing, AddressingStyle::kAuto);
  EXPECT_EQ((*client)->options().max_attempts, 3);
  // The test-only knobs left at 0 keep the client's defaults.
  const S3ClientOptions defaults;
  EXPECT_EQ((*client)->options().max_backoff, defaults.max_backoff);
  EXPECT_EQ((*client)->options().max_single_copy_size, defaults.max_single_copy_size);
  EXPECT_EQ((*client)->options().delete_batch_size, defaults.delete_batch_size);
}

// An injected transport carries every request of the client, is shared by two stacks, and
// outlives the stacks that used it.
TEST_F(S3StackTest, InjectedHttpClientCarriesEveryRequest) {
  auto http = std::make_shared<s3::testing::FakeHttpClient>();
  http->SetHandler([](const s3::testing::RecordedRequest&) {
    return s3::testing::Xml(200, "<DeleteResult></DeleteResult>");
  });
  S3StackOptions o;
  o.endpoint_url = "http://127.0.0.1:1";
  o.url_style = "path";
  o.access_key_id = "AKIDEXAMPLE";
  o.secret_access_key = SecretString("not-a-real-secret");
  o.http = http;
  o.delete_batch_size = 2;
  auto first = Make(o);
  auto second = Make(o);
  ASSERT_NE(first, nullptr);
  ASSERT_NE(second, nullptr);
  for (S3Stack* stack : {first.get(), second.get()}) {
    auto client = stack->client();
    ASSERT_TRUE(client.ok()) << client.status().ToString();
    auto refused = (*client)->DeleteObjects("bucket", {"a", "b", "c"});
    ASSERT_TRUE(refused.ok()) << refused.status().ToString();
    EXPECT_TRUE(refused->empty());
  }
  first.reset();
  second.reset();
  // Two batches of at most two keys per client, all on the injected transport.
  ASSERT_EQ(http->request_count(), 4u);
  for (const auto& r : http->requests()) {
    EXPECT_EQ(r.method, "POST");
    EXPECT_EQ(r.url, "http://127.0.0.1:1/bucket?delete");
  }
  EXPECT_EQ(stats_.Snapshot().requests["DeleteObjects"], 4u);
}

TEST_F(S3StackTest, NoSignRequestUsesAnonymousCredentials) {
  S3StackOptions o;
  o.no_sign_request = true;
  auto stack = Make(o);
  ASSERT_NE(stack, nullptr);
  ASSERT_TRUE(stack->client().ok());
  ASSERT_NE(stack->credentials(), nullptr);
  auto creds = stack->credentials()->GetCredentials();
  ASSERT_TRUE(creds.ok()) << creds.status().ToString();
  EXPECT_TRUE(creds->anonymous);
}

TEST_F(S3StackTest, StaticKeysReplaceTheDefaultChain) {
  // The environment names other keys: the explicit ones must win, without a chain lookup.
  env_.Set("AWS_ACCESS_KEY_ID", "AKIDFROMENV");
  env_.Set("AWS_SECRET_ACCESS_KEY", "env-secret");
  S3StackOptions o;
  o.access_key_id = "AKIDEXPLICIT";
  o.secret_access_key = SecretString("explicit-secret");
  o.session_token = SecretString("token-1");
  auto stack = Make(o);
  ASSERT_NE(stack, nullptr);
  ASSERT_TRUE(stack->client().ok());
  auto creds = stack->credentials()->GetCredentials();
  ASSERT_TRUE(creds.ok()) << creds.status().ToString();
  EXPECT_EQ(creds->access_key_id, "AKIDEXPLICIT");
  EXPECT_EQ(creds->secret_access_key.Reveal(), "explicit-secret");
  EXPECT_EQ(creds->session_token.Reveal(), "token-1");
  EXPECT_FALSE(creds->anonymous);

  // Half a pair is refused, not silently replaced by the environment's keys.
  S3StackOptions half;
  half.secret_access_key = SecretString("only-the-secret");
  auto half_stack = Make(half);
  ASSERT_NE(half_stack, nullptr);
  ASSERT_TRUE(half_stack->client().ok());
  EXPECT_EQ(half_stack->credentials()->GetCredentials().status().code(),
            StatusCode::kInvalidArgument);
}

// role_arn: the explicit keys sign one STS AssumeRole (with the external id), and the role's
// temporary credentials are what the client signs with.
TEST_F(S3StackTest, RoleArnAssumesTheRoleWithTheGivenKeys) {
  env_.Set("AWS_ENDPOINT_URL_STS", "http://127.0.0.1:1");
  auto http = std::make_shared<s3::testing::FakeHttpClient>();
  http->SetHandler([](const s3::testing::RecordedRequest& r) {
    if (r.body.find("Action=AssumeRole") == std::string::npos) {
      return s3::testing::Xml(400, "<Error><Code>Unexpected</Code></Error>");
    }
    return s3::testing::Xml(
        200, "<AssumeRoleResponse><AssumeRoleResult><Credentials><AccessKeyId>ASIAROLE"
             "</AccessKeyId><SecretAccessKey>role-secret</SecretAccessKey><SessionToken>"
             "role-token</SessionToken><Expiration>2099-01-01T00:00:00Z</Expiration>"
             "</Credentials></AssumeRoleResult></AssumeRoleResponse>");
  });
  S3StackOptions o;
  o.region = "eu-west-1";
  o.access_key_id = "AKIDBASE";
  o.secret_access_key = SecretString("base-secret");
  o.role_arn = "arn:aws:iam::123456789012:role/reader";
  o.external_id = "ext-1";
  o.http = http;
  auto stack = Make(o);
  ASSERT_NE(stack, nullptr);
  ASSERT_TRUE(stack->client().ok());
  auto creds = stack->credentials()->GetCredentials();
  ASSERT_TRUE(creds.ok()) << creds.status().ToString();
  EXPECT_EQ(creds->access_key_id, "ASIAROLE");
  EXPECT_EQ(creds->session_token.Reveal(), "role-token");
  // Cached: a second call sends nothing.
  ASSERT_TRUE(stack->credentials()->GetCredentials().ok());
  ASSERT_EQ(http->request_count(), 1u);
  const s3::testing::RecordedRequest sts = http->requests()[0];
  EXPECT_EQ(sts.url.rfind("http://127.0.0.1:1", 0), 0u) << sts.url;
  EXPECT_NE(sts.body.find("RoleArn=arn%3Aaws%3Aiam%3A%3A123456789012%3Arole%2Freader"),
            std::string::npos) << sts.body;
  EXPECT_NE(sts.body.find("ExternalId=ext-1"), std::string::npos) << sts.body;
  const std::string* found = sts.headers.Find("Authorization");
  std::string authorization = found ? *found : "";
  EXPECT_NE(authorization.find("Credential=AKIDBASE/"), std::string::npos) << authorization;
}

TEST_F(S3StackTest, VirtualStyleOnAnIpEndpointIsRefused) {
  for (const char* endpoint : {"http://127.0.0.1:7480", "http://[::1]/", "10.0.0.1"}) {
    S3StackOptions o;
    o.endpoint_url = endpoint;
    o.url_style = "virtual";
    auto stack = Make(o);
    ASSERT_NE(stack, nullptr);
    auto client = stack->client();
    ASSERT_FALSE(client.ok()) << endpoint;
    EXPECT_EQ(client.status().code(), StatusCode::kInvalidArgument);
    EXPECT_NE(client.status().message().find("virtual-hosted addressing needs a host name, and "
                                             "the endpoint " + std::string(endpoint) +
                                             " is an IP address: use --url-style path"),
              std::string::npos)
        << client.status().ToString();
    EXPECT_EQ(stack->credentials(), nullptr);
  }
  S3StackOptions named;
  named.endpoint_url = "http://localhost:7480";
  named.url_style = "virtual";
  EXPECT_TRUE(Make(named)->client().ok());
}

TEST_F(S3StackTest, BadProfileStyleFailsAtClientAndMissingProfileAtMake) {
  Config("[profile odd]\ns3 =\n  addressing_style = sideways\n");
  S3StackOptions o;
  o.profile = "odd";
  auto stack = Make(o);
  ASSERT_NE(stack, nullptr);
  auto client = stack->client();
  ASSERT_FALSE(client.ok());
  EXPECT_EQ(client.status().code(), StatusCode::kInvalidArgument);

  S3StackOptions missing;
  missing.profile = "nope";
  auto made = S3Stack::Make(missing, env_, nullptr);
  ASSERT_FALSE(made.ok());
  EXPECT_EQ(made.status().code(), StatusCode::kInvalidArgument);
}

}  // namespace
}  // namespace s3c
