// The ObjectStore instances the conformance suite runs against, each in a fresh namespace
// (a memory space, a temp folder, a unique key prefix in the RGW test bucket).
#pragma once

#include <memory>
#include <string>

#include "s3c/s3/request_stats.h"
#include "s3c/store/object_store.h"

namespace s3c::testing {

// Listings are set to pages of kPageSize so paging shows with a handful of keys.
constexpr size_t kPageSize = 3;
// The S3 instance's transfer sizes (the others ignore them).
constexpr uint64_t kPartSize = 5ull << 20;
constexpr uint64_t kMultipartThreshold = 5ull << 20;
constexpr uint64_t kReadChunk = 8ull << 20;

class StoreInstance {
 public:
  virtual ~StoreInstance() = default;
  virtual ObjectStore& store() = 0;
  // Every key a test uses starts with this (S3 shares one bucket; "" elsewhere).
  virtual std::string prefix() const { return ""; }
  // Requests sent, when the store counts them (S3).
  virtual RequestStats* stats() { return nullptr; }
  // Whether keys with empty path segments ("a//b") can be stored (not in a local folder).
  virtual bool holds_empty_segments() const { return true; }
};

// nullptr with *skip_reason set when the instance cannot run here (no RGW server), or with
// *error set when building it failed.
std::unique_ptr<StoreInstance> MakeStoreInstance(const std::string& kind, std::string* skip_reason,
                                                 std::string* error);

}  // namespace s3c::testing
