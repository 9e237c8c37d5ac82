// StoreResolver: URIs (store_uri.h) -> the ObjectStore that holds them. It owns the S3 stack
// (made on the first s3:// URI, so local-only work needs no credentials) and one store per
// bucket, local root folder and memory space, handed out as raw pointers that live as long as
// the resolver. It is the one way from a URI to a store; the CLI and pipelines hold one each.
//
// Local paths: a store is rooted at the folder a URI names (with or without a trailing '/') or
// at a file's parent folder, so listings never walk more than they must. An existing device,
// FIFO or socket is a stream (kStdio with its path), never staged and renamed over.
// Memory spaces live as long as the resolver.
// Thread-safety: every method may be called from any thread.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "s3c/common/env.h"
#include "s3c/common/status.h"
#include "s3c/s3/request_stats.h"
#include "s3c/s3/s3_stack.h"
#include "s3c/store/store_location.h"

namespace s3c {

struct StoreResolverOptions {
  // How to reach S3 (endpoint, region, profile, keys, retries, part size, ...). `concurrency`
  // is also the ranges / parts in flight per stream of every S3 store.
  S3StackOptions s3;
  // Bytes per ranged GET of an S3 streaming read or offset download. 16 MiB: measured against 8
  // and 32 MiB on a 1 GiB download (RGW, loopback), the fastest, with half the requests of
  // 8 MiB (less per-request work on the server).
  uint64_t s3_read_chunk_size = 16u << 20;
};

// The S3 requests sent so far (docs/architecture.md section 4: requests are a cost).
struct StoreRequestStats {
  std::map<std::string, uint64_t> requests;  // "GetObject" -> attempts sent (retries included)
  uint64_t total_requests = 0;
  uint64_t retries = 0;           // attempts beyond the first, all operations
  uint64_t bytes_uploaded = 0;    // request bodies sent
  uint64_t bytes_downloaded = 0;  // response bodies received

  // Adds `more` (the requests of another resolver) to these.
  StoreRequestStats& operator+=(const StoreRequestStats& more) {
    for (const auto& [operation, n] : more.requests) requests[operation] += n;
    total_requests += more.total_requests;
    retries += more.retries;
    bytes_uploaded += more.bytes_uploaded;
    bytes_downloaded += more.bytes_downloaded;
    return *this;
  }
};

class StoreResolver {
 public:
  // Reads the AWS config files now (an explicit profile that exists nowhere is InvalidArgument);
  // the S3 client comes with the first s3:// URI. `env` is not owned and must outlive this.
  static Result<std::unique_ptr<StoreResolver>> Make(const StoreResolverOptions& options,
                                                     const Env& env);
  ~StoreResolver();
  StoreResolver(const StoreResolver&) = delete;
  StoreResolver& operator=(const StoreResolver&) = delete;

  // Parses "s3://bucket/key", "file:///path", a plain path, "mem://name/key" or "-". A bad URI
  // is InvalidArgument (ParseStoreUri); an s3:// URI fails as the S3 client's creation does.
  // Two URIs of the same bucket, root folder or memory space get the same store.
  Result<StoreLocation> Resolve(const std::string& uri);

  // Creates the bucket in the configured region (OK if the caller already owns it).
  Status CreateBucket(const std::string& bucket);

  // Requests sent by every S3 store of this resolver.
  StoreRequestStats RequestStatistics() const;

 private:
  explicit StoreResolver(StoreResolverOptions options);
  Result<ObjectStore*> S3StoreFor(const std::string& bucket);
  Result<ObjectStore*> LocalStoreFor(const std::string& root);
  ObjectStore* MemoryStoreFor(const std::string& name);

  const StoreResolverOptions options_;
  RequestStats stats_;  // before stack_, which counts into it
  std::unique_ptr<S3Stack> stack_;
  std::mutex mu_;
  std::map<std::string, std::unique_ptr<ObjectStore>> stores_;  // by "kind:root"
};

}  // namespace s3c
