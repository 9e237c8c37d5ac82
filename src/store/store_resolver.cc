#include "s3c/store/store_resolver.h"

#include <filesystem>

#include "s3c/s3/s3_client.h"
#include "s3c/store/local_object_store.h"
#include "s3c/store/memory_object_store.h"
#include "s3c/store/s3_object_store.h"

namespace s3c {
namespace {

// A device, FIFO or socket is a stream, not an object: never staged and renamed over.
bool IsStreamFile(std::filesystem::file_type type) {
  using std::filesystem::file_type;
  return type == file_type::character || type == file_type::fifo || type == file_type::block ||
         type == file_type::socket;
}

}  // namespace

std::string StoreLocation::UriOf(const std::string& k) const {
  if (kind == StoreKind::kStdio) return stream_path;
  return store != nullptr ? store->UriFor(k) : k;
}

StoreResolver::StoreResolver(StoreResolverOptions options) : options_(std::move(options)) {}

StoreResolver::~StoreResolver() {
  // Stores go before the S3 stack whose client they use.
  stores_.clear();
  stack_.reset();
}

Result<std::unique_ptr<StoreResolver>> StoreResolver::Make(const StoreResolverOptions& options,
                                                           const Env& env) {
  std::unique_ptr<StoreResolver> resolver(new StoreResolver(options));
  S3C_ASSIGN_OR_RETURN(resolver->stack_, S3Stack::Make(options.s3, env, &resolver->stats_));
  return resolver;
}

Result<StoreLocation> StoreResolver::Resolve(const std::string& text) {
  StoreLocation loc;
  loc.uri = text;
  S3C_ASSIGN_OR_RETURN(StoreUri uri, ParseStoreUri(text));
  loc.kind = uri.kind;
  if (uri.kind == StoreKind::kStdio) return loc;
  if (uri.kind == StoreKind::kLocal) {
    // An existing folder named without a trailing '/' is still a folder: root the store there.
    std::string full = uri.key.empty() ? uri.root : uri.root + "/" + uri.key;
    std::error_code ec;
    if (!uri.key.empty() && std::filesystem::is_directory(full, ec)) {
      uri.root = full;
      uri.key.clear();
    }
    if (!uri.key.empty() && IsStreamFile(std::filesystem::status(full, ec).type())) {
      loc.kind = StoreKind::kStdio;
      loc.stream_path = full;
      return loc;
    }
  }
  loc.bucket = uri.bucket;
  loc.key = uri.key;
  loc.folder_like = loc.key.empty() || loc.key.back() == '/';
  if (uri.kind == StoreKind::kS3) {
    S3C_ASSIGN_OR_RETURN(loc.store, S3StoreFor(uri.bucket));
  } else if (uri.kind == StoreKind::kMemory) {
    loc.store = MemoryStoreFor(uri.bucket);
  } else {
    S3C_ASSIGN_OR_RETURN(loc.store, LocalStoreFor(uri.root));
  }
  return loc;
}

Status StoreResolver::CreateBucket(const std::string& bucket) {
  S3C_ASSIGN_OR_RETURN(S3Client * client, stack_->client());
  return client->CreateBucket(bucket);
}

StoreRequestStats StoreResolver::RequestStatistics() const {
  RequestStatsSnapshot s = stats_.Snapshot();
  StoreRequestStats out;
  out.requests = s.requests;
  out.total_requests = s.total_requests();
  out.retries = s.retries;
  out.bytes_uploaded = s.bytes_uploaded;
  out.bytes_downloaded = s.bytes_downloaded;
  return out;
}

Result<ObjectStore*> StoreResolver::S3StoreFor(const std::string& bucket) {
  S3C_ASSIGN_OR_RETURN(S3Client * client, stack_->client());
  std::lock_guard<std::mutex> lock(mu_);
  auto& slot = stores_["s3:" + bucket];
  if (!slot) {
    S3ObjectStoreOptions opts;
    opts.concurrency = options_.s3.concurrency;
    opts.read_chunk_size = options_.s3_read_chunk_size;
    S3C_ASSIGN_OR_RETURN(slot, S3ObjectStore::Make(client, bucket, opts));
  }
  return slot.get();
}

Result<ObjectStore*> StoreResolver::LocalStoreFor(const std::string& root) {
  std::lock_guard<std::mutex> lock(mu_);
  auto& slot = stores_["file:" + root];
  if (!slot) {
    S3C_ASSIGN_OR_RETURN(auto store, LocalObjectStore::Open(root));
    slot = std::move(store);
  }
  return slot.get();
}

ObjectStore* StoreResolver::MemoryStoreFor(const std::string& name) {
  std::lock_guard<std::mutex> lock(mu_);
  auto& slot = stores_["mem:" + name];
  if (!slot) slot = std::make_unique<MemoryObjectStore>(name);
  return slot.get();
}

}  // namespace s3c
