// The shared state behind MemoryObjectStore handles (private to the store module).
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "s3c/common/clock.h"
#include "s3c/store/object_store.h"

namespace s3c {

struct MemoryObject {
  std::shared_ptr<const std::string> data;
  std::string etag;
  WallTime last_modified{};
  std::string content_type;
};

struct MemorySpace {
  explicit MemorySpace(std::string n) : name(std::move(n)) {}
  const std::string name;
  std::mutex mu;
  std::map<std::string, MemoryObject> objects;  // guarded by mu

  // Publishes `data` under `key` if the write conditions hold; returns the new ETag.
  Result<std::string> Publish(const std::string& key, std::shared_ptr<const std::string> data,
                              const WriteOptions& options, WallTime now);
  // The current version of `key`, or NotFound.
  Result<MemoryObject> Get(const std::string& key);
};

}  // namespace s3c
