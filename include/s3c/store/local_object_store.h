// LocalObjectStore: an ObjectStore over a local folder ("file:///abs/folder", or a plain path).
//  - Keys are relative paths under the root, byte for byte. Keys a folder cannot hold (empty
//    segments as in "a//b" or "a/", "." and "..", NUL) are refused with InvalidArgument on
//    write and read as NotFound (they cannot exist here). A key cannot be both a file and a
//    folder ("a" and "a/b"): the second write fails with FailedPrecondition.
//  - Listing walks the tree lazily and lists exactly as S3 does (key order, prefix, delimiter
//    and common prefixes, start_after, max_keys, pages of `page_size`); folders without files
//    do not appear, hidden temp files of in-progress writes are skipped.
//  - ETag: "<size>-<mtime ns>-<inode>" (hex). Our writers publish a new inode with a strictly
//    increasing mtime, so every write changes it; a file changed in place by another program
//    keeps it only if size and mtime (and inode) are unchanged.
//  - Writers go through the atomic temp-file writer (io/local_file.h) and publish in Close() by
//    rename; If-None-Match uses link(2) (atomic create-only), If-Match compares ETags under an
//    flock on the parent folder (race-free between writers on one host).
//  - OpenInput reads the version open when it started; OpenRandomAccess checks the ETag on every
//    ReadAt (Aborted when replaced, NotFound when deleted).
//  - DeleteMany removes files (missing is OK) and then the folders they leave empty, up to but
//    not including the root.
// Thread-safe.
#pragma once

#include <memory>
#include <string>

#include "s3c/common/clock.h"
#include "s3c/store/object_store.h"

namespace s3c {

class LocalObjectStore final : public ObjectStore {
 public:
  // `root` is made absolute and normalized; it need not exist yet (the first write creates it)
  // but must not be a file. `clock` (not owned; default the system clock) stamps writes.
  static Result<std::unique_ptr<LocalObjectStore>> Open(const std::string& root,
                                                        Clock* clock = nullptr);

  const std::string& root() const { return root_; }
  // The file a key maps to (the key is not validated).
  std::string PathFor(const std::string& key) const;
  void set_page_size(size_t page_size) { page_size_ = page_size == 0 ? 1 : page_size; }

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
  LocalObjectStore(std::string root, Clock* clock) : root_(std::move(root)), clock_(clock) {}

  std::string root_;  // absolute, no trailing '/' (except "/")
  Clock* clock_;
  size_t page_size_ = 1000;
};

}  // namespace s3c
