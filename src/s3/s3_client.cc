#include "s3c/s3/s3_client.h"

#include <fmt/format.h>

#include <future>

#include "s3/endpoint_resolver.h"
#include "s3/s3_client_impl.h"
#include "s3c/common/time_format.h"

namespace s3c {

Result<std::unique_ptr<S3Client>> S3Client::Make(S3ClientOptions options, S3ClientDeps deps) {
  if (deps.http == nullptr) return InvalidArgumentError("S3Client needs an HttpClient");
  if (deps.clock == nullptr) deps.clock = &SystemClock::Instance();
  if (deps.sleeper == nullptr) deps.sleeper = &SystemSleeper::Instance();
  if (deps.random == nullptr) deps.random = &SystemRandom::Instance();
  if (options.max_attempts < 1) {
    return InvalidArgumentError(
        fmt::format("max_attempts must be >= 1, got {}", options.max_attempts));
  }
  if (options.delete_batch_size < 1 || options.delete_batch_size > 1000) {
    return InvalidArgumentError("delete_batch_size must be in 1..1000");
  }
  if (options.concurrency < 1) options.concurrency = 1;
  // Validates the endpoint URL once so a typo fails at construction.
  Result<s3::ResolvedUrl> probe =
      s3::ResolveUrl(options.endpoint_url, AddressingStyle::kPath, options.region, "", "", {});
  if (!probe.ok()) return probe.status();
  return std::unique_ptr<S3Client>(new s3::S3ClientImpl(std::move(options), deps));
}

Result<CompletedPart> S3Client::UploadPart(const std::string& bucket, const std::string& key,
                                           const std::string& upload_id, int part_number,
                                           std::shared_ptr<BodySource> body) {
  auto promise = std::make_shared<std::promise<Result<CompletedPart>>>();
  auto future = promise->get_future();
  UploadPartAsync(bucket, key, upload_id, part_number, std::move(body),
                  [promise](Result<CompletedPart> r) { promise->set_value(std::move(r)); });
  return future.get();
}

uint64_t S3Client::PartSizeFor(uint64_t size) const {
  constexpr uint64_t kMiB = 1ull << 20;
  constexpr uint64_t kMaxParts = 10000;
  uint64_t part = std::max<uint64_t>(options().part_size, 1);
  uint64_t needed = (size + kMaxParts - 1) / kMaxParts;
  if (needed > part) part = (needed + kMiB - 1) / kMiB * kMiB;
  return part;
}

namespace s3 {

std::string CopySourceHeader(const std::string& bucket, const std::string& key) {
  return "/" + bucket + "/" + EncodeKey(key);
}

std::string WriteIfMatchValue(const std::string& etag, const std::string& endpoint_url) {
  // RFC 9110 wants a quoted entity-tag, which AWS takes. RGW compares the raw header with its
  // unquoted ETag on writes (GET is fine either way), so S3-compatible endpoints get it bare.
  if (endpoint_url.empty()) return QuoteEtag(etag);
  if (etag.size() >= 2 && etag.front() == '"' && etag.back() == '"') {
    return etag.substr(1, etag.size() - 2);
  }
  return etag;
}

void AddPutOptionHeaders(const PutOptions& options, const std::string& endpoint_url,
                         HttpHeaders& headers) {
  if (options.if_none_match) headers.Set("If-None-Match", "*");
  if (!options.if_match.empty())
    headers.Set("If-Match", WriteIfMatchValue(options.if_match, endpoint_url));
  if (!options.content_type.empty()) headers.Set("Content-Type", options.content_type);
}

std::string QuoteEtag(const std::string& etag) {
  if (etag == "*" || (etag.size() >= 2 && etag.front() == '"')) return etag;
  return "\"" + etag + "\"";
}

WallTime LastModifiedOf(const HttpHeaders& headers) {
  std::optional<WallTime> t = ParseHttpDate(headers.Get("Last-Modified"));
  return t ? *t : WallTime{};
}

}  // namespace s3
}  // namespace s3c
