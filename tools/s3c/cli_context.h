// Everything a command needs, built once from the global options: the S3 stack (its client made
// on first use, so local-only commands need no credentials), request statistics, and stores for
// the URIs a command names.
#pragma once

#include <atomic>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "global_options.h"
#include "s3c/common/clock.h"
#include "s3c/common/env.h"
#include "s3c/s3/request_stats.h"
#include "s3c/s3/s3_stack.h"
#include "s3c/store/object_store.h"

namespace s3c::cli {

// Where a URI points. For local paths the store is rooted at the folder (a folder URI) or at the
// file's parent folder (a file URI) so listings never walk more than they must.
struct Location {
  enum class Kind { kS3, kLocal, kMemory, kStdio };
  Kind kind = Kind::kLocal;
  std::string uri;         // as the user typed it
  std::string bucket;      // S3 only
  std::string key;         // key, or prefix for a folder-like URI ("" = the root)
  bool folder_like = false;  // ends with '/', names a bucket root, or an existing local folder
  ObjectStore* store = nullptr;  // null for stdio; owned by the context
  // kStdio: "-" (stdin/stdout), or an existing device or FIFO named by a local path
  // (/dev/null, a named pipe), read and written as a stream like "-".
  std::string stream_path = "-";

  bool is_s3() const { return kind == Kind::kS3; }
  bool is_stdio() const { return kind == Kind::kStdio; }
  // The URI of a key in this location's store (for messages).
  std::string UriOf(const std::string& key) const;
};

class CliContext {
 public:
  static Result<std::unique_ptr<CliContext>> Make(const GlobalOptions& options, const Env& env);
  ~CliContext();

  const GlobalOptions& options() const { return options_; }
  RequestStats& stats() { return stats_; }
  // Objects a command listed, read, wrote or deleted (the "objects" of --stats).
  void CountObjects(uint64_t n) { objects_.fetch_add(n, std::memory_order_relaxed); }
  uint64_t objects() const { return objects_.load(); }
  MonoTime started() const { return started_; }

  // Parses a URI ("s3://bucket/key", "file:///path", a plain path, "mem://name/key", "-").
  Result<Location> Resolve(const std::string& uri);
  // The S3 client, made on first call (reads credentials then).
  Result<S3Client*> s3();

 private:
  explicit CliContext(GlobalOptions options);
  Result<ObjectStore*> S3StoreFor(const std::string& bucket);
  Result<ObjectStore*> LocalStoreFor(const std::string& root);
  Result<ObjectStore*> MemoryStoreFor(const std::string& name);

  GlobalOptions options_;
  RequestStats stats_;  // before stack_, which counts into it
  MonoTime started_;
  std::atomic<uint64_t> objects_{0};

  std::unique_ptr<S3Stack> stack_;
  std::mutex mu_;
  std::map<std::string, std::unique_ptr<ObjectStore>> stores_;  // by "kind:root"
};

}  // namespace s3c::cli
