#include "cli_context.h"

#include <fmt/format.h>

#include <optional>

#include "s3c/common/strings.h"

namespace s3c::cli {

CliContext::CliContext(GlobalOptions options, const Env& env)
    : options_(std::move(options)), env_(env), started_(SystemClock::Instance().MonotonicNow()) {}

Result<std::unique_ptr<CliContext>> CliContext::Make(const GlobalOptions& options, const Env& env) {
  std::optional<uint64_t> part_size;
  if (!options.part_size.empty()) part_size = ParseByteSize(options.part_size);
  StoreResolverOptions stores;
  stores.s3.endpoint_url = options.endpoint_url;
  stores.s3.region = options.region;
  stores.s3.profile = options.profile;
  stores.s3.no_sign_request = options.no_sign_request;
  stores.s3.url_style = options.url_style;
  stores.s3.concurrency = static_cast<size_t>(options.concurrency);
  stores.s3.max_attempts = options.max_attempts;
  stores.s3.checksum = options.checksum;
  stores.s3.part_size = part_size.value_or(0);
  stores.s3.verify_tls = !options.no_verify_ssl;
  std::unique_ptr<CliContext> ctx(new CliContext(options, env));
  // Reads the config files now (a bad --profile fails every command); the client comes later.
  ctx->resolver_options_ = stores;
  S3C_ASSIGN_OR_RETURN(ctx->resolver_, StoreResolver::Make(stores, env));
  if (!options.part_size.empty() && (!part_size || *part_size < (5u << 20))) {
    return InvalidArgumentError(
        fmt::format("--part-size {}: give a size of at least 5MiB, e.g. 16MiB", options.part_size));
  }
  return ctx;
}

void CliContext::AddRequests(const StoreRequestStats& more) { added_ += more; }

StoreRequestStats CliContext::RequestStatistics() const {
  StoreRequestStats total = resolver_->RequestStatistics();
  total += added_;
  return total;
}

}  // namespace s3c::cli
