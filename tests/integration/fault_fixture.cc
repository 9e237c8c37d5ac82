#include "integration/fault_fixture.h"

#include <cstdlib>

#include "support/rgw_stack.h"

namespace s3c::testing {

std::string PatternBytes(size_t n, uint32_t seed) {
  std::string out(n, '\0');
  uint32_t x = seed * 2654435761u + 1;
  for (size_t i = 0; i < n; ++i) {
    x = x * 1664525u + 1013904223u;
    out[i] = static_cast<char>(x >> 24);
  }
  return out;
}

bool SplitEndpoint(const std::string& url, std::string* host, int* port) {
  const std::string scheme = "http://";
  if (url.rfind(scheme, 0) != 0) return false;
  std::string rest = url.substr(scheme.size());
  size_t slash = rest.find('/');
  if (slash != std::string::npos) rest.resize(slash);
  size_t colon = rest.rfind(':');
  if (colon == std::string::npos) return false;
  *host = rest.substr(0, colon);
  *port = std::atoi(rest.c_str() + colon + 1);
  return *port > 0;
}

void FaultTest::SetUp() {
  settings_ = LoadRgwSettings();
  if (!settings_) GTEST_SKIP() << RgwUnavailableReason();
  bucket_ = settings_->bucket;
  std::string host;
  int port = 0;
  ASSERT_TRUE(SplitEndpoint(settings_->endpoint, &host, &port)) << settings_->endpoint;
  proxy_ = std::make_unique<FaultProxy>(host, port, FaultPlan{});

  auto http = MakeCurlHttpClient(HttpClientOptions{});
  ASSERT_TRUE(http.ok()) << http.status().ToString();
  http_ = std::move(http).value();

  direct_ = KeepClient(StackOptions(settings_->endpoint, /*max_attempts=*/3), /*stats=*/nullptr);
  ASSERT_NE(direct_, nullptr);
  prefix_ = UniqueName("fault") + "/";
}

void FaultTest::TearDown() {
  if (direct_ && !keys_.empty()) {
    auto refused = direct_->DeleteObjects(bucket_, keys_);
    EXPECT_TRUE(refused.ok()) << refused.status().ToString();
    if (refused.ok()) {
      EXPECT_TRUE(refused->empty());
    }
  }
  direct_ = nullptr;
  stacks_.clear();
  proxy_.reset();
}

S3StackOptions FaultTest::StackOptions(const std::string& endpoint, int max_attempts) const {
  S3StackOptions o = RgwStackOptions(*settings_);
  o.endpoint_url = endpoint;
  o.max_attempts = max_attempts;
  o.max_backoff = kFaultMaxBackoff;
  o.http = http_;
  return o;
}

S3StackOptions FaultTest::ProxiedOptions(int max_attempts) const {
  return StackOptions(proxy_->url(), max_attempts);
}

S3Client* FaultTest::KeepClient(const S3StackOptions& options, RequestStats* stats) {
  Result<S3Client*> client = KeepStackClient(options, stats, &stacks_);
  EXPECT_TRUE(client.ok()) << client.status().ToString();
  return client.ok() ? *client : nullptr;
}

std::string FaultTest::NewKey(const std::string& name) {
  keys_.push_back(prefix_ + name);
  return keys_.back();
}

std::string FaultTest::ReadDirect(const std::string& key) {
  GetObjectRequest req;
  req.bucket = bucket_;
  req.key = key;
  auto r = direct_->GetObject(req);
  EXPECT_TRUE(r.ok()) << r.status().ToString();
  return r.ok() ? r->body : "";
}

void FaultTest::PutDirect(const std::string& key, const std::string& data) {
  auto etag = direct_->PutObject(bucket_, key, MakeBufferBody(data));
  ASSERT_TRUE(etag.ok()) << etag.status().ToString();
}

}  // namespace s3c::testing
