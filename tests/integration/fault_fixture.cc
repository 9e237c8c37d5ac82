#include "integration/fault_fixture.h"

#include <cstdlib>

#include "s3c/auth/static_credentials_provider.h"
#include "s3c/common/clock.h"

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

S3ClientOptions FaultClientOptions(const std::string& endpoint, const std::string& region,
                                   int max_attempts) {
  S3ClientOptions o;
  o.endpoint_url = endpoint;
  o.region = region;
  o.addressing = AddressingStyle::kPath;
  o.max_attempts = max_attempts;
  o.max_backoff = std::chrono::milliseconds(50);
  return o;
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
  credentials_ = std::make_unique<StaticCredentialsProvider>(
      settings_->access_key, SecretString(settings_->secret_key), SecretString(), "rgw-test");

  S3ClientDeps deps;
  deps.http = http_.get();
  deps.credentials = credentials_.get();
  auto direct = S3Client::Make(
      FaultClientOptions(settings_->endpoint, settings_->region, /*max_attempts=*/3), deps);
  ASSERT_TRUE(direct.ok()) << direct.status().ToString();
  direct_ = std::move(direct).value();
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
  direct_.reset();
  proxy_.reset();
}

S3ClientOptions FaultTest::ProxiedOptions(int max_attempts) const {
  return FaultClientOptions(proxy_->url(), settings_->region, max_attempts);
}

std::unique_ptr<S3Client> FaultTest::MakeClient(const S3ClientOptions& options,
                                                RequestStats* stats) {
  S3ClientDeps deps;
  deps.http = http_.get();
  deps.credentials = credentials_.get();
  deps.clock = &SystemClock::Instance();
  deps.sleeper = &SystemSleeper::Instance();
  deps.random = &SystemRandom::Instance();
  deps.stats = stats ? stats : &stats_;
  auto client = S3Client::Make(options, deps);
  EXPECT_TRUE(client.ok()) << client.status().ToString();
  return client.ok() ? std::move(client).value() : nullptr;
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
