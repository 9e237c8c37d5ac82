#include "s3c/store/memory_object_store.h"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

#include "store/content_hash.h"
#include "store/listing.h"
#include "store/memory_space.h"

namespace s3c {
namespace {

Status MissingKey(const std::string& uri) { return NotFoundError("no such object: " + uri); }

// Buffers everything; publishes in Close() under the space's lock, checking the conditions then.
class MemoryOutput final : public OutputStream {
 public:
  MemoryOutput(std::shared_ptr<MemorySpace> space, std::string key, WriteOptions options,
               Clock* clock)
      : space_(std::move(space)),
        key_(std::move(key)),
        options_(std::move(options)),
        clock_(clock) {}

  Status Write(const void* data, size_t n) override {
    if (!error_.ok()) return error_;
    if (closed_)
      return FailedPreconditionError("write after close: mem://" + space_->name + "/" + key_);
    buf_.append(static_cast<const char*>(data), n);
    return Status::OK();
  }

  Status Close() override {
    if (!error_.ok()) return error_;
    if (closed_) return Status::OK();
    uint64_t size = buf_.size();
    WallTime now = clock_->Now();
    auto published =
        space_->Publish(key_, std::make_shared<const std::string>(std::move(buf_)), options_, now);
    buf_ = std::string();
    closed_ = true;
    if (!published.ok()) {
      error_ = published.status();
      return error_;
    }
    if (options_.on_published) {
      ObjectInfo info;
      info.key = key_;
      info.size = size;
      info.etag = *published;
      info.last_modified = now;
      options_.on_published(info);
    }
    return Status::OK();
  }

  // The whole object is held until Close() publishes it.
  uint64_t buffered_bytes() const override { return buf_.capacity(); }

  void Abort() override {
    if (!closed_ && error_.ok())
      error_ = CancelledError("write aborted: mem://" + space_->name + "/" + key_);
    buf_.clear();
    buf_.shrink_to_fit();
    closed_ = true;
  }

 private:
  std::shared_ptr<MemorySpace> space_;
  std::string key_;
  WriteOptions options_;
  Clock* clock_;
  std::string buf_;
  bool closed_ = false;
  Status error_;
};

// Reads a snapshot; every ReadAt checks that the key still holds the pinned ETag.
class MemoryRandomAccess final : public RandomAccessFile {
 public:
  MemoryRandomAccess(std::shared_ptr<MemorySpace> space, std::string key, MemoryObject object,
                     std::string pinned_etag)
      : space_(std::move(space)),
        key_(std::move(key)),
        object_(std::move(object)),
        pinned_(std::move(pinned_etag)) {}

  Result<uint64_t> Size() override { return static_cast<uint64_t>(object_.data->size()); }

  Result<size_t> ReadAt(uint64_t offset, size_t n, void* out) override {
    std::string uri = "mem://" + space_->name + "/" + key_;
    auto current = space_->Get(key_);
    if (!current.ok()) return MissingKey(uri);
    if (current->etag != pinned_) {
      return AbortedError(
          fmt::format("{} changed while being read (ETag {} -> {})", uri, pinned_, current->etag));
    }
    const std::string& data = *object_.data;
    if (offset >= data.size()) return static_cast<size_t>(0);
    size_t k = std::min<uint64_t>(n, data.size() - offset);
    std::memcpy(out, data.data() + offset, k);
    return k;
  }

 private:
  std::shared_ptr<MemorySpace> space_;
  std::string key_;
  MemoryObject object_;
  std::string pinned_;
};

class MemoryInput final : public InputStream {
 public:
  MemoryInput(std::shared_ptr<const std::string> data, size_t begin, size_t end)
      : data_(std::move(data)), pos_(begin), end_(end) {}
  Result<size_t> Read(void* out, size_t n) override {
    size_t k = std::min(n, end_ - pos_);
    std::memcpy(out, data_->data() + pos_, k);
    pos_ += k;
    return k;
  }

 private:
  std::shared_ptr<const std::string> data_;
  size_t pos_;
  size_t end_;
};

ObjectInfo InfoOf(const std::string& key, const MemoryObject& o) {
  ObjectInfo info;
  info.key = key;
  info.size = o.data->size();
  info.etag = o.etag;
  info.last_modified = o.last_modified;
  return info;
}

}  // namespace

Result<std::string> MemorySpace::Publish(const std::string& key,
                                         std::shared_ptr<const std::string> data,
                                         const WriteOptions& options, WallTime now) {
  std::string uri = "mem://" + name + "/" + key;
  if (key.empty()) return InvalidArgumentError("empty object key in mem://" + name);
  std::string etag = store_internal::ContentHash128Hex(*data);
  std::lock_guard<std::mutex> lock(mu);
  auto it = objects.find(key);
  if (options.if_none_match && it != objects.end()) {
    return FailedPreconditionError(uri + " already exists (If-None-Match: *)");
  }
  if (!options.if_match.empty() && (it == objects.end() || it->second.etag != options.if_match)) {
    return FailedPreconditionError(
        fmt::format("{} does not have ETag {} (If-Match)", uri, options.if_match));
  }
  MemoryObject& o = objects[key];
  o.data = std::move(data);
  o.etag = etag;
  o.last_modified = now;
  o.content_type = options.content_type;
  return etag;
}

Result<MemoryObject> MemorySpace::Get(const std::string& key) {
  std::lock_guard<std::mutex> lock(mu);
  auto it = objects.find(key);
  if (it == objects.end()) return MissingKey("mem://" + name + "/" + key);
  return it->second;
}

MemoryObjectStore::MemoryObjectStore(std::string name, Clock* clock)
    : MemoryObjectStore(std::make_shared<MemorySpace>(std::move(name)), clock) {}

MemoryObjectStore::MemoryObjectStore(std::shared_ptr<MemorySpace> space, Clock* clock)
    : space_(std::move(space)), clock_(clock ? clock : &SystemClock::Instance()) {}

MemoryObjectStore::~MemoryObjectStore() = default;

const std::string& MemoryObjectStore::name() const { return space_->name; }

std::string MemoryObjectStore::UriFor(const std::string& key) const {
  return "mem://" + space_->name + "/" + key;
}

Status MemoryObjectStore::List(const ListOptions& options, const ListPageCallback& on_page) {
  store_internal::ListingBuilder builder(options, page_size_, on_page);
  // Collect a page's worth under the lock, deliver outside it (callbacks may call the store).
  while (!builder.done()) {
    std::vector<ObjectInfo> batch;
    {
      std::lock_guard<std::mutex> lock(space_->mu);
      auto it = space_->objects.lower_bound(builder.seek_key());
      if (it == space_->objects.end()) break;
      batch.push_back(InfoOf(it->first, it->second));
    }
    S3C_RETURN_IF_ERROR(builder.Add(batch.front()));
  }
  return builder.Finish();
}

Result<ObjectInfo> MemoryObjectStore::Stat(const std::string& key) {
  S3C_ASSIGN_OR_RETURN(MemoryObject o, space_->Get(key));
  return InfoOf(key, o);
}

Result<std::unique_ptr<RandomAccessFile>> MemoryObjectStore::OpenRandomAccess(
    const std::string& key, const std::optional<ObjectInfo>& known, uint64_t /*tail_bytes*/) {
  // The size is free here: nothing to prefetch with the open.
  S3C_ASSIGN_OR_RETURN(MemoryObject o, space_->Get(key));
  const bool known_etag = known && known->details_known && !known->etag.empty();
  std::string pinned = known_etag ? known->etag : o.etag;
  return std::unique_ptr<RandomAccessFile>(
      new MemoryRandomAccess(space_, key, std::move(o), std::move(pinned)));
}

Result<std::unique_ptr<InputStream>> MemoryObjectStore::OpenInput(const std::string& key,
                                                                  const ReadOptions& options) {
  S3C_ASSIGN_OR_RETURN(MemoryObject o, space_->Get(key));
  if (!options.if_match.empty() && o.etag != options.if_match) {
    return AbortedError(
        fmt::format("{} changed: ETag is {}, expected {}", UriFor(key), o.etag, options.if_match));
  }
  size_t size = o.data->size();
  size_t begin = std::min<uint64_t>(options.offset, size);
  size_t end = options.length ? std::min<uint64_t>(size, begin + *options.length) : size;
  return std::unique_ptr<InputStream>(new MemoryInput(o.data, begin, end));
}

Result<std::unique_ptr<OutputStream>> MemoryObjectStore::OpenOutput(const std::string& key,
                                                                    const WriteOptions& options) {
  if (key.empty()) return InvalidArgumentError("empty object key in " + UriFor(""));
  return std::unique_ptr<OutputStream>(new MemoryOutput(space_, key, options, clock_));
}

Result<std::string> MemoryObjectStore::Put(const std::string& key, std::string data,
                                           const WriteOptions& options) {
  return space_->Publish(key, std::make_shared<const std::string>(std::move(data)), options,
                         clock_->Now());
}

Status MemoryObjectStore::Copy(const std::string& src_key, const std::string& dst_key) {
  S3C_ASSIGN_OR_RETURN(MemoryObject o, space_->Get(src_key));
  WriteOptions options;
  options.content_type = o.content_type;
  return space_->Publish(dst_key, o.data, options, clock_->Now()).status();
}

Status MemoryObjectStore::DeleteMany(const std::vector<std::string>& keys) {
  std::lock_guard<std::mutex> lock(space_->mu);
  for (const auto& key : keys) space_->objects.erase(key);
  return Status::OK();
}

std::unique_ptr<MemoryObjectStore> MemoryStoreRegistry::Open(const std::string& name,
                                                             Clock* clock) {
  std::lock_guard<std::mutex> lock(mu_);
  auto& space = spaces_[name];
  if (!space) space = std::make_shared<MemorySpace>(name);
  return std::make_unique<MemoryObjectStore>(space, clock);
}

void MemoryStoreRegistry::Drop(const std::string& name) {
  std::lock_guard<std::mutex> lock(mu_);
  spaces_.erase(name);
}

}  // namespace s3c
