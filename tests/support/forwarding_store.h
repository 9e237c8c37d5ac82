// A test ObjectStore that forwards every call to another store; tests derive from it and
// override the calls they change (a failure injected, a condition ignored). Header-only:
// include it where s3c_store is linked.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "s3c/store/object_store.h"

namespace s3c::testing {

class ForwardingStore : public ObjectStore {
 public:
  explicit ForwardingStore(ObjectStore& inner) : inner_(inner) {}

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
    return inner_.Put(key, std::move(data), o);
  }
  Status Copy(const std::string& src, const std::string& dst) override {
    return inner_.Copy(src, dst);
  }
  Status DeleteMany(const std::vector<std::string>& keys) override {
    return inner_.DeleteMany(keys);
  }
  Result<std::vector<PendingUpload>> ListPendingUploads(const std::string& prefix) override {
    return inner_.ListPendingUploads(prefix);
  }
  Status AbortPendingUpload(const PendingUpload& upload) override {
    return inner_.AbortPendingUpload(upload);
  }
  std::optional<WallTime> ServerTime() const override { return inner_.ServerTime(); }

 protected:
  ObjectStore& inner_;
};

}  // namespace s3c::testing
