// Test helpers of the write module: data files as a write task leaves them, the live files a
// reader would read, and a store whose writes or deletes fail on demand (a kill at that point).
#pragma once

#include <algorithm>
#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "s3c/dataset/commit_log.h"
#include "s3c/dataset/discovery.h"
#include "s3c/store/object_store.h"

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
class FailingStore final : public ObjectStore {
 public:
  explicit FailingStore(ObjectStore& inner) : inner_(inner) {}
  std::function<bool(const std::string& key)> fail_put;
  std::atomic<bool> fail_deletes{false};
  std::atomic<bool> fail_aborts{false};
  std::vector<PendingUpload> pending;
  std::vector<std::string> aborted;  // upload ids
  int upload_lists = 0;

  std::string UriFor(const std::string& key) const override { return inner_.UriFor(key); }
  Status List(const ListOptions& o, const ListPageCallback& cb) override {
    return inner_.List(o, cb);
  }
  Result<ObjectInfo> Stat(const std::string& key) override { return inner_.Stat(key); }
  Result<std::unique_ptr<RandomAccessFile>> OpenRandomAccess(
      const std::string& key, const std::optional<ObjectInfo>& known = std::nullopt,
      uint64_t tail_bytes = 0) override {
    return inner_.OpenRandomAccess(key, known, tail_bytes);
  }
  Result<std::unique_ptr<InputStream>> OpenInput(const std::string& key,
                                                 const ReadOptions& o = {}) override {
    return inner_.OpenInput(key, o);
  }
  Result<std::unique_ptr<OutputStream>> OpenOutput(const std::string& key,
                                                   const WriteOptions& o = {}) override {
    return inner_.OpenOutput(key, o);
  }
  Result<std::string> Put(const std::string& key, std::string data,
                          const WriteOptions& o = {}) override {
    if (fail_put && fail_put(key)) return UnavailableError("injected failure: PUT " + key);
    return inner_.Put(key, std::move(data), o);
  }
  Status Copy(const std::string& src, const std::string& dst) override {
    return inner_.Copy(src, dst);
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

 private:
  ObjectStore& inner_;
};

}  // namespace s3c::write
