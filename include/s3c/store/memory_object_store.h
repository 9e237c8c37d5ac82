// MemoryObjectStore: an ObjectStore over a named in-memory space ("mem://name/key"), for tests
// and for pipelines that pass data between steps without touching disk or network.
//  - Thread-safe (one mutex per space); every handle opened on the same space sees the same
//    objects.
//  - ETag: a 128-bit hash of the content as 32 hex digits (equal bytes, equal ETag, as with S3's
//    single-part MD5; it is not MD5).
//  - Reads see a snapshot: an OpenInput stream reads the version current when it was opened;
//    an OpenRandomAccess file checks on every ReadAt that the key still has its ETag (Aborted
//    when replaced, NotFound when deleted).
//  - Listing pages hold up to `page_size` entries.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "s3c/common/clock.h"
#include "s3c/store/object_store.h"

namespace s3c {

struct MemorySpace;  // the objects of one name (private)

class MemoryObjectStore final : public ObjectStore {
 public:
  // A fresh, private space. `clock` (not owned; default the system clock) stamps LastModified.
  explicit MemoryObjectStore(std::string name, Clock* clock = nullptr);
  // A handle onto an existing space (see MemoryStoreRegistry).
  MemoryObjectStore(std::shared_ptr<MemorySpace> space, Clock* clock = nullptr);
  ~MemoryObjectStore() override;

  void set_page_size(size_t page_size) { page_size_ = page_size == 0 ? 1 : page_size; }
  const std::string& name() const;

  std::string UriFor(const std::string& key) const override;
  Status List(const ListOptions& options, const ListPageCallback& on_page) override;
  Result<ObjectInfo> Stat(const std::string& key) override;
  Result<std::unique_ptr<RandomAccessFile>> OpenRandomAccess(
      const std::string& key, const std::optional<ObjectInfo>& known = std::nullopt,
      uint64_t tail_bytes = 0) override;
  Result<std::unique_ptr<InputStream>> OpenInput(const std::string& key,
                                                 const ReadOptions& options = {}) override;
  Result<std::unique_ptr<OutputStream>> OpenOutput(const std::string& key,
                                                   const WriteOptions& options = {}) override;
  Result<std::string> Put(const std::string& key, std::string data,
                          const WriteOptions& options = {}) override;
  Status Copy(const std::string& src_key, const std::string& dst_key) override;
  Status DeleteMany(const std::vector<std::string>& keys) override;

 private:
  std::shared_ptr<MemorySpace> space_;
  Clock* clock_;
  size_t page_size_ = 1000;
};

// Named spaces shared by every store opened on the same name ("mem://name/..."). Thread-safe.
class MemoryStoreRegistry {
 public:
  // A handle onto the space `name`, created empty on first use.
  std::unique_ptr<MemoryObjectStore> Open(const std::string& name, Clock* clock = nullptr);
  // Forgets the space (handles still open keep their objects).
  void Drop(const std::string& name);

 private:
  std::mutex mu_;
  std::map<std::string, std::shared_ptr<MemorySpace>> spaces_;
};

}  // namespace s3c
