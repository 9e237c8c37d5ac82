#include "s3c/auth/process_credentials_provider.h"

#include <gtest/gtest.h>

#include "auth/credentials_test_util.h"
#include "s3c/common/time_format.h"

namespace s3c {
namespace {

class ProcessCredentialsTest : public ::testing::Test {
 protected:
  // A script printing `output` to stdout and exiting with `code`.
  std::string Script(const std::string& output, int code = 0) {
    std::string path = dir_.path() + "/helper" + std::to_string(++n_) + ".sh";
    testing::WriteFile(path + ".out", output);
    testing::WriteFile(path, "cat '" + path + ".out'\necho oops-on-stderr >&2\nexit " +
                                 std::to_string(code) + "\n");
    return "/bin/sh " + path;
  }
  testing::TempDir dir_;
  int n_ = 0;
};

TEST_F(ProcessCredentialsTest, ParsesVersion1Output) {
  std::string cmd = Script(R"({"Version": 1, "AccessKeyId": "AKIDPROC",
      "SecretAccessKey": "processSecretKEY", "SessionToken": "processSessionTOKEN",
      "Expiration": "2030-05-06T07:08:09Z"})");
  auto c = ProcessCredentialsProvider(cmd, "profile 'p'").GetCredentials();
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->access_key_id, "AKIDPROC");
  EXPECT_EQ(c->secret_access_key.Reveal(), "processSecretKEY");
  EXPECT_EQ(c->session_token.Reveal(), "processSessionTOKEN");
  EXPECT_EQ(c->expiration, ParseIso8601("2030-05-06T07:08:09Z"));
  EXPECT_EQ(c->provider, "profile 'p' credential_process");
}

TEST_F(ProcessCredentialsTest, LongTermKeysWithoutExpiration) {
  auto c = ProcessCredentialsProvider(
               "printf '%s' '{\"Version\":1,\"AccessKeyId\":\"AKIDP\",\"SecretAccessKey\":"
               "\"processSecretKEY\"}'",
               "profile 'p'")
               .GetCredentials();
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->access_key_id, "AKIDP");
  EXPECT_TRUE(c->session_token.empty());
  EXPECT_EQ(c->expiration, std::nullopt);
}

TEST_F(ProcessCredentialsTest, NonZeroExitIsAnErrorWithoutTheOutput) {
  std::string cmd = Script(
      R"({"Version": 1, "AccessKeyId": "AKIDPROC", "SecretAccessKey": "processSecretKEY"})", 3);
  auto c = ProcessCredentialsProvider(cmd, "profile 'p'").GetCredentials();
  ASSERT_FALSE(c.ok());
  EXPECT_EQ(c.status().code(), StatusCode::kUnauthenticated);
  EXPECT_NE(c.status().message().find("profile 'p': credential_process '/bin/sh' failed with exit "
                                      "status 3"),
            std::string::npos)
      << c.status().message();
  testing::ExpectNoSecrets(c.status());

  auto missing =
      ProcessCredentialsProvider("/nonexistent/s3c-helper --secret processSecretKEY", "profile 'p'")
          .GetCredentials();
  ASSERT_FALSE(missing.ok());
  EXPECT_NE(missing.status().message().find("exit status 127 (command not found)"),
            std::string::npos);
  testing::ExpectNoSecrets(missing.status());
}

TEST_F(ProcessCredentialsTest, BadOutputIsAClearErrorWithoutTheOutput) {
  struct Case {
    std::string output;
    std::string expect;
  };
  for (const Case& c : std::vector<Case>{
           {"AccessKeyId=AKID SecretAccessKey=processSecretKEY", "did not print a JSON object"},
           {R"({"Version": 2, "AccessKeyId": "A", "SecretAccessKey": "processSecretKEY"})",
            "without \"Version\": 1"},
           {R"({"Version": 1, "AccessKeyId": "A"})", "has no SecretAccessKey"},
           {R"({"Version": 1, "SecretAccessKey": "processSecretKEY"})", "has no AccessKeyId"},
           {R"({"Version": 1, "AccessKeyId": "A", "SecretAccessKey": "processSecretKEY",
                "Expiration": "soon"})",
            "unreadable Expiration"}}) {
    auto r = ProcessCredentialsProvider(Script(c.output), "profile 'p'").GetCredentials();
    ASSERT_FALSE(r.ok()) << c.output;
    EXPECT_EQ(r.status().code(), StatusCode::kUnauthenticated);
    EXPECT_NE(r.status().message().find(c.expect), std::string::npos) << r.status().message();
    testing::ExpectNoSecrets(r.status());
  }
}

}  // namespace
}  // namespace s3c
