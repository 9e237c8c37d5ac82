// The s3c command on a machine with no credentials: no keys, no profile, and an instance
// metadata service that is disabled, unreachable (connection refused; accepts and never answers),
// refusing everything with 403, or broken (HTTP 500). Runs the built binary with a clean
// environment whose IMDS endpoint (AWS_EC2_METADATA_SERVICE_ENDPOINT) and S3 endpoint point at
// servers on 127.0.0.1, and checks the exit code, the message, and that S3 saw no request.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "support/rgw_env.h"
#include "support/test_http_server.h"

extern char** environ;

namespace s3c {
namespace {

using testing::TestHttpRequest;
using testing::TestHttpResponse;
using testing::TestHttpServer;

struct CliRun {
  int exit_code = -1;
  std::string err;
};

bool Has(const std::string& haystack, const std::string& needle) {
  return haystack.find(needle) != std::string::npos;
}

class CliCredentialsTest : public ::testing::Test {
 protected:
  // `s3c ls s3://bucket/` with only these variables (plus PATH) set.
  CliRun Ls(const std::vector<std::string>& extra_env) {
    std::vector<std::string> env = {
        "PATH=/usr/bin:/bin",
        "HOME=" + home_.path(),
        "AWS_CONFIG_FILE=" + home_.path() + "/no-config",
        "AWS_SHARED_CREDENTIALS_FILE=" + home_.path() + "/no-credentials",
        "AWS_ENDPOINT_URL_S3=" + s3_.url(),
        "AWS_REGION=us-east-1",
    };
    env.insert(env.end(), extra_env.begin(), extra_env.end());
    std::vector<char*> envp;
    for (std::string& e : env) envp.push_back(e.data());
    envp.push_back(nullptr);
    std::string err_path = home_.path() + "/stderr";
    std::vector<std::string> args = {S3C_BINARY, "ls", "s3://bucket/"};
    std::vector<char*> argv;
    for (std::string& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);

    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, 2, err_path.c_str(), O_WRONLY | O_CREAT | O_TRUNC,
                                     0600);
    posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0);
    pid_t pid = 0;
    CliRun run;
    int rc = posix_spawn(&pid, S3C_BINARY, &actions, nullptr, argv.data(), envp.data());
    posix_spawn_file_actions_destroy(&actions);
    EXPECT_EQ(rc, 0) << "cannot run " << S3C_BINARY;
    if (rc != 0) return run;
    int status = 0;
    waitpid(pid, &status, 0);
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    std::ifstream in(err_path);
    std::stringstream ss;
    ss << in.rdbuf();
    run.err = ss.str();
    return run;
  }

  testing::TempDir home_;
  TestHttpServer s3_{[](const TestHttpRequest&) { return TestHttpResponse{200, {}, ""}; }};
};

TEST_F(CliCredentialsTest, NoMetadataServiceSaysNoCredentialsAndExitsFour) {
  TestHttpServer hanging([](const TestHttpRequest&) {
    TestHttpResponse r;
    r.delay_ms = 60000;  // accepts, never answers
    return r;
  });
  TestHttpServer refusing([](const TestHttpRequest&) {
    return TestHttpResponse{403, {}, "Forbidden"};
  });
  struct Case {
    std::string name;
    std::vector<std::string> env;
    std::string imds_line;  // what the IMDS entry of "Tried:" says
  };
  const std::vector<Case> cases = {
      {"disabled", {"AWS_EC2_METADATA_DISABLED=true"}, "disabled by AWS_EC2_METADATA_DISABLED"},
      {"connection refused",
       {"AWS_EC2_METADATA_SERVICE_ENDPOINT=http://127.0.0.1:1"},
       "no metadata service reachable at http://127.0.0.1:1"},
      {"never answers",
       {"AWS_EC2_METADATA_SERVICE_ENDPOINT=" + hanging.url()},
       "no metadata service reachable at " + hanging.url()},
      {"403 to everything",
       {"AWS_EC2_METADATA_SERVICE_ENDPOINT=" + refusing.url()},
       refusing.url() + " refused both the session token and the role listing with HTTP 403"},
  };
  for (const Case& c : cases) {
    SCOPED_TRACE(c.name);
    auto start = std::chrono::steady_clock::now();
    CliRun run = Ls(c.env);
    // Default metadata timeouts (1 s to connect, 2 s per request, 1 attempt): well under this.
    EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(20));
    EXPECT_EQ(run.exit_code, 4) << run.err;
    EXPECT_TRUE(Has(run.err, "s3c: error: Unauthenticated: ListObjectsV2 s3://bucket")) << run.err;
    EXPECT_TRUE(Has(run.err, "no request was sent: no AWS credentials found. Tried: ")) << run.err;
    EXPECT_TRUE(Has(run.err, "EC2 instance metadata (IMDS): " + c.imds_line)) << run.err;
    EXPECT_TRUE(Has(run.err, "To fix: set AWS_ACCESS_KEY_ID")) << run.err;
    EXPECT_FALSE(Has(run.err, "attempt")) << run.err;  // nothing was sent to S3
  }
  EXPECT_EQ(hanging.request_count(), 1u);   // one attempt: PUT api/token
  EXPECT_EQ(refusing.request_count(), 2u);  // PUT api/token, then the IMDSv1 role listing
  EXPECT_EQ(s3_.request_count(), 0u);
}

// A metadata service that is there but broken is not "no credentials": its own error, which
// names the request and the HTTP status, and says that S3 was not called.
TEST_F(CliCredentialsTest, BrokenMetadataServiceIsItsOwnError) {
  TestHttpServer broken([](const TestHttpRequest&) { return TestHttpResponse{500, {}, "oops"}; });
  CliRun run = Ls({"AWS_EC2_METADATA_SERVICE_ENDPOINT=" + broken.url()});
  EXPECT_EQ(run.exit_code, 1) << run.err;  // Unavailable: "anything else"
  EXPECT_TRUE(Has(run.err,
                  "s3c: error: Unavailable: ListObjectsV2 s3://bucket: no request was "
                  "sent: EC2 instance metadata (IMDS): the metadata service answered "
                  "HTTP 500 to PUT api/token " +
                      broken.url() + "/latest/api/token (1 attempt)"))
      << run.err;
  EXPECT_EQ(broken.request_count(), 1u);
  EXPECT_EQ(s3_.request_count(), 0u);
}

}  // namespace
}  // namespace s3c
