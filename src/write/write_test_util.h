// Test helpers of the write module: data files as a write task leaves them, the live files a
// reader would read, and a store whose writes or deletes fail on demand (a kill at that point).
#pragma once

#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "s3c/dataset/commit_log.h"
#include "s3c/dataset/discovery.h"
#include "s3c/store/object_store.h"
#include "support/forwarding_store.h"

namespace s3c::write {

// Stores `text` at root + path and returns its entry (size, rows = lines - 1, ETag).
inline dataset::DataFile PutDataFile(ObjectStore& store, const std::string& root,
                                     const std::string& path, const std::string& text,
                                     dataset::PartitionValues values = {}) {
  auto etag = store.Put(root + path, text);
  EXPECT_TRUE(etag.ok()) << etag.status().ToString();
  dataset::DataFile f;
  f.path = path;
  f.partition_values = std::move(values);
  f.size = text.size();
  f.rows = static_cast<int64_t>(std::count(text.begin(), text.end(), '\n')) - 1;
  f.etag = etag.ok() ? *etag : "";
  return f;
}

// The keys a commit-aware reader of `root` reads ("error: ..." on failure).
inline std::vector<std::string> ReadableKeys(ObjectStore& store, const std::string& root,
                                             bool ignore_commits = false) {
  dataset::DiscoveryOptions options;
  options.ignore_commits = ignore_commits;
  auto found = dataset::DiscoverDataset(store, root, options);
  if (!found.ok()) return {"error: " + found.status().ToString()};
  std::vector<std::string> keys;
  for (const auto& o : found->objects) keys.push_back(o.key.substr(root.size()));
  return keys;
}

// Every key under `prefix`, relative to it.
inline std::vector<std::string> StoredKeys(ObjectStore& store, const std::string& prefix) {
  ListOptions options;
  options.prefix = prefix;
  auto all = store.ListAll(options);
  EXPECT_TRUE(all.ok()) << all.status().ToString();
  std::vector<std::string> keys;
  if (all.ok()) {
    for (const auto& o : *all) keys.push_back(o.key.substr(prefix.size()));
  }
  return keys;
}

// Forwards to `inner`; a Put to a key `fail_put` accepts, or DeleteMany while `fail_deletes`,
// fails with Unavailable (what a killed process leaves is what a failed request leaves).
// Holds the multipart uploads in progress the memory store cannot have (`pending`, in key
// order, as a killed S3 writer leaves them); AbortPendingUpload removes one and records it in
// `aborted`, or fails with Unavailable while `fail_aborts`.
class FailingStore final : public testing::ForwardingStore {
 public:
  explicit FailingStore(ObjectStore& inner) : ForwardingStore(inner) {}
  std::function<bool(const std::string& key)> fail_put;
  std::atomic<bool> fail_deletes{false};
  std::atomic<bool> fail_aborts{false};
  std::vector<PendingUpload> pending;
  std::vector<std::string> aborted;  // upload ids
  int upload_lists = 0;

  Result<std::string> Put(const std::string& key, std::string data,
                          const WriteOptions& o = {}) override {
    if (fail_put && fail_put(key)) return UnavailableError("injected failure: PUT " + key);
    return inner_.Put(key, std::move(data), o);
  }
  Status DeleteMany(const std::vector<std::string>& keys) override {
    if (fail_deletes) return UnavailableError("injected failure: DeleteObjects");
    return inner_.DeleteMany(keys);
  }
  Result<std::vector<PendingUpload>> ListPendingUploads(const std::string& prefix) override {
    ++upload_lists;
    std::vector<PendingUpload> out;
    for (const PendingUpload& u : pending) {
      if (u.key.compare(0, prefix.size(), prefix) == 0) out.push_back(u);
    }
    return out;
  }
  Status AbortPendingUpload(const PendingUpload& upload) override {
    if (fail_aborts) return UnavailableError("injected failure: AbortMultipartUpload");
    std::erase_if(pending, [&](const PendingUpload& u) { return u.upload_id == upload.upload_id; });
    aborted.push_back(upload.upload_id);
    return Status::OK();
  }
};

}  // namespace s3c::write
