#include "s3c/s3/s3_stack.h"

#include <fmt/format.h>

#include <algorithm>

#include "s3c/auth/assume_role_credentials_provider.h"
#include "s3c/auth/aws_config.h"
#include "s3c/auth/caching_credentials_provider.h"
#include "s3c/auth/credentials.h"
#include "s3c/auth/default_credentials_chain.h"
#include "s3c/auth/static_credentials_provider.h"
#include "s3c/common/clock.h"
#include "s3c/common/log.h"
#include "s3c/http/http_client.h"
#include "s3c/s3/request_stats.h"
#include "s3c/s3/s3_client.h"

namespace s3c {
namespace {

Result<AddressingStyle> ParseUrlStyle(const std::string& s) {
  if (s == "path") return AddressingStyle::kPath;
  if (s == "virtual") return AddressingStyle::kVirtual;
  if (s == "auto" || s.empty()) return AddressingStyle::kAuto;
  return InvalidArgumentError(fmt::format("unknown URL style '{}': use path, virtual or auto", s));
}

// True when the endpoint's host is an IP address ("http://127.0.0.1:7480", "http://[::1]/").
bool EndpointHostIsIp(const std::string& endpoint_url) {
  size_t start = endpoint_url.find("://");
  start = start == std::string::npos ? 0 : start + 3;
  if (endpoint_url.compare(start, 1, "[") == 0) return true;  // IPv6
  std::string host = endpoint_url.substr(start, endpoint_url.find_first_of(":/", start) - start);
  return !host.empty() && host.find_first_not_of("0123456789.") == std::string::npos;
}

ChecksumMode ParseChecksum(const std::string& s) {
  if (s == "crc32c") return ChecksumMode::kCrc32c;
  if (s == "when_required") return ChecksumMode::kWhenRequired;
  return ChecksumMode::kMd5;
}

}  // namespace

S3Stack::S3Stack(S3StackOptions options, const Env& env, std::unique_ptr<AwsConfig> config,
                 RequestStats* stats)
    : options_(std::move(options)), env_(env), config_(std::move(config)), stats_(stats) {}

S3Stack::~S3Stack() {
  // The client before the credentials and the transport it uses.
  client_.reset();
  credentials_.reset();
  http_.reset();
}

Result<std::unique_ptr<S3Stack>> S3Stack::Make(const S3StackOptions& options, const Env& env,
                                               RequestStats* stats) {
  AwsConfigOptions cfg;
  cfg.profile = options.profile;
  cfg.region = options.region;
  cfg.endpoint_url = options.endpoint_url;
  S3C_ASSIGN_OR_RETURN(AwsConfig config, AwsConfig::Load(env, cfg));
  return std::unique_ptr<S3Stack>(
      new S3Stack(options, env, std::make_unique<AwsConfig>(std::move(config)), stats));
}

CredentialsProvider* S3Stack::credentials() {
  std::lock_guard<std::mutex> lock(mu_);
  return client_ ? credentials_.get() : nullptr;
}

std::unique_ptr<CredentialsProvider> S3Stack::MakeCredentials(HttpClient* http) const {
  std::unique_ptr<CredentialsProvider> base;
  if (!options_.no_sign_request &&
      (!options_.access_key_id.empty() || !options_.secret_access_key.empty())) {
    base = std::make_unique<StaticCredentialsProvider>(options_.access_key_id,
                                                       options_.secret_access_key,
                                                       options_.session_token, "explicit keys");
  } else {
    DefaultCredentialsOptions cred_opts;
    cred_opts.no_sign_request = options_.no_sign_request;
    cred_opts.provider.profile = options_.profile;
    cred_opts.provider.region = config_->Region();
    base = MakeDefaultCredentialsProvider(env_, SystemClock::Instance(), http, cred_opts);
  }
  if (options_.no_sign_request || options_.role_arn.empty()) return base;
  // The role's temporary credentials, from STS in the stack's region, signed with `base`;
  // cached and refreshed before they expire.
  CredentialsOptions sts;
  sts.region = config_->Region();
  AssumeRoleParams params;
  params.name = "role " + options_.role_arn;
  params.role_arn = options_.role_arn;
  params.external_id = options_.external_id;
  return std::make_unique<CachingCredentialsProvider>(
      std::make_unique<AssumeRoleCredentialsProvider>(env_, SystemClock::Instance(), http, sts,
                                                      std::move(base), params),
      SystemClock::Instance());
}

Result<S3Client*> S3Stack::client() {
  std::lock_guard<std::mutex> lock(mu_);
  if (client_) return client_.get();
  std::shared_ptr<HttpClient> http = options_.http;
  if (!http) {
    HttpClientOptions http_opts;
    http_opts.verify_tls = options_.verify_tls;
    http_opts.ca_bundle = config_->CaBundle().value_or("");
    http_opts.max_connections = std::max(options_.concurrency * 2, size_t{16});
    http_opts.max_in_flight = http_opts.max_connections;
    S3C_ASSIGN_OR_RETURN(http, MakeCurlHttpClient(http_opts));
  }

  std::unique_ptr<CredentialsProvider> credentials = MakeCredentials(http.get());

  S3ClientOptions s3_opts;
  s3_opts.region = config_->Region();
  s3_opts.endpoint_url = config_->S3EndpointUrl().value_or("");
  std::string style = options_.url_style;
  if (style == "auto") {
    S3C_ASSIGN_OR_RETURN(auto profile_style, config_->S3AddressingStyle());
    style = profile_style.value_or("auto");
  }
  S3C_ASSIGN_OR_RETURN(s3_opts.addressing, ParseUrlStyle(style));
  // "bucket.127.0.0.1" names no host: refuse before any request (it would go to DNS).
  if (s3_opts.addressing == AddressingStyle::kVirtual && EndpointHostIsIp(s3_opts.endpoint_url)) {
    return InvalidArgumentError(fmt::format(
        "virtual-hosted addressing needs a host name, and the endpoint {} is an IP address: "
        "use --url-style path (or a host name that resolves with subdomains)",
        s3_opts.endpoint_url));
  }
  S3C_ASSIGN_OR_RETURN(auto attempts, config_->MaxAttempts());
  s3_opts.max_attempts = options_.max_attempts > 0 ? options_.max_attempts : attempts.value_or(3);
  s3_opts.checksum = ParseChecksum(options_.checksum);
  s3_opts.concurrency = options_.concurrency;
  if (options_.part_size > 0) {
    s3_opts.part_size = options_.part_size;
    s3_opts.multipart_threshold = options_.part_size;
  }
  if (options_.max_backoff.count() > 0) s3_opts.max_backoff = options_.max_backoff;
  if (options_.max_single_copy_size > 0) {
    s3_opts.max_single_copy_size = options_.max_single_copy_size;
  }
  if (options_.delete_batch_size > 0) s3_opts.delete_batch_size = options_.delete_batch_size;
  S3ClientDeps deps;
  deps.http = http.get();
  deps.credentials = credentials.get();
  deps.clock = &SystemClock::Instance();
  deps.sleeper = &SystemSleeper::Instance();
  deps.random = &SystemRandom::Instance();
  deps.stats = stats_;
  S3C_ASSIGN_OR_RETURN(std::unique_ptr<S3Client> client, S3Client::Make(s3_opts, deps));
  Log(LogLevel::kInfo, "S3 endpoint {} region {}",
      s3_opts.endpoint_url.empty() ? "AWS" : s3_opts.endpoint_url, s3_opts.region);
  http_ = std::move(http);
  credentials_ = std::move(credentials);
  client_ = std::move(client);
  return client_.get();
}

}  // namespace s3c
