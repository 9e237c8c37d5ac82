// Writes one object of a LocalObjectStore (private to the store module).
// The bytes go through the atomic temp-file writer of io/local_file.h into a hidden staging file
// beside the target (".s3c-tmp-stage-<id>"). Close() then stamps the staging file with a
// strictly increasing mtime (so the size-mtime-inode ETag changes on every write even within
// one timestamp tick) and publishes it while holding an flock(2) on the parent folder:
//  - unconditional: rename(2) onto the target (atomic replace);
//  - if_none_match: link(2), which fails with EEXIST when the key exists (atomic create-only);
//  - if_match: stat + ETag compare + rename, serialized against other writers of the folder
//    in every process on this host that goes through this code.
// Destroyed or aborted before Close(), nothing is published and no file is left behind.
#pragma once

#include <memory>
#include <string>

#include "s3c/common/clock.h"
#include "s3c/io/streams.h"
#include "s3c/store/object_store.h"

namespace s3c::store_internal {

class LocalObjectWriter final : public OutputStream {
 public:
  // `path` is the target file of store key `key`; `uri` names it in messages.
  static Result<std::unique_ptr<LocalObjectWriter>> Open(std::string path, std::string key,
                                                         std::string uri, WriteOptions options,
                                                         Clock* clock);
  ~LocalObjectWriter() override;

  Status Write(const void* data, size_t n) override;
  bool SupportsWriteAt() const override { return out_->SupportsWriteAt(); }
  // Thread-safe for disjoint ranges (pwrite on the staging file); a failure fails Close().
  Status WriteAt(uint64_t offset, const void* data, size_t n) override {
    return out_->WriteAt(offset, data, n);
  }
  Status Close() override;
  void Abort() override;

  // The ETag of the published file (after a successful Close()).
  const std::string& etag() const { return etag_; }

 private:
  LocalObjectWriter(std::string path, std::string key, std::string stage, std::string uri,
                    WriteOptions options, Clock* clock, std::unique_ptr<OutputStream> out);
  Status Publish();

  std::string path_;
  std::string key_;
  std::string stage_;
  std::string uri_;
  WriteOptions options_;
  Clock* clock_;
  std::unique_ptr<OutputStream> out_;
  bool staged_ = false;  // stage_ exists on disk and is ours to remove
  bool done_ = false;
  Status error_;
  std::string etag_;
};

}  // namespace s3c::store_internal
