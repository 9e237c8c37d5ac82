#include "s3c/store/local_object_store.h"

#include <fmt/format.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>

#include "s3c/common/strings.h"
#include "s3c/io/local_file.h"
#include "store/listing.h"
#include "store/local_keys.h"
#include "store/local_readers.h"
#include "store/local_tree_walker.h"
#include "store/local_writer.h"

namespace s3c {
namespace {

using store_internal::LocalEtag;
using store_internal::ValidateLocalKey;

// True when every segment of a folder prefix ("a/b/") could exist in a folder.
bool IsWalkableFolder(const std::string& dir_key) {
  return dir_key.empty() || ValidateLocalKey(dir_key.substr(0, dir_key.size() - 1)).ok();
}

ObjectInfo InfoOf(const std::string& key, const struct stat& st) {
  ObjectInfo info;
  info.key = key;
  info.size = static_cast<uint64_t>(st.st_size);
  info.etag = LocalEtag(st);
  info.last_modified = WallTime(std::chrono::duration_cast<WallTime::duration>(
      std::chrono::seconds(st.st_mtim.tv_sec) + std::chrono::nanoseconds(st.st_mtim.tv_nsec)));
  return info;
}

}  // namespace

Result<std::unique_ptr<LocalObjectStore>> LocalObjectStore::Open(const std::string& root,
                                                                 Clock* clock) {
  if (root.empty()) return InvalidArgumentError("empty local folder path");
  std::error_code ec;
  std::filesystem::path abs = std::filesystem::absolute(root, ec);
  if (ec) return InvalidArgumentError(fmt::format("bad local path '{}': {}", root, ec.message()));
  std::string norm = abs.lexically_normal().string();
  while (norm.size() > 1 && norm.back() == '/') norm.pop_back();
  struct stat st {};
  if (::stat(norm.c_str(), &st) == 0 && !S_ISDIR(st.st_mode)) {
    return FailedPreconditionError(fmt::format("{} is a file, not a folder", norm));
  }
  return std::unique_ptr<LocalObjectStore>(
      new LocalObjectStore(std::move(norm), clock ? clock : &SystemClock::Instance()));
}

std::string LocalObjectStore::PathFor(const std::string& key) const {
  return root_ == "/" ? "/" + key : root_ + "/" + key;
}

std::string LocalObjectStore::UriFor(const std::string& key) const {
  return "file://" + PathFor(key);
}

Status LocalObjectStore::List(const ListOptions& options, const ListPageCallback& on_page) {
  // Every key with the prefix lives under the prefix's folder part.
  std::string start_dir = options.prefix.substr(0, options.prefix.rfind('/') + 1);
  if (!IsWalkableFolder(start_dir)) return Status::OK();
  store_internal::ListingBuilder builder(options, page_size_, on_page);
  store_internal::LocalTreeWalker walker(root_, start_dir);
  while (!builder.done()) {
    S3C_ASSIGN_OR_RETURN(auto next, walker.NextAtLeast(builder.seek_key()));
    if (!next) break;
    S3C_RETURN_IF_ERROR(builder.Add(InfoOf(next->key, next->st)));
  }
  return builder.Finish();
}

Result<ObjectInfo> LocalObjectStore::Stat(const std::string& key) {
  Status missing = NotFoundError("no such object: " + UriFor(key));
  if (!ValidateLocalKey(key).ok()) return missing;
  struct stat st {};
  if (::stat(PathFor(key).c_str(), &st) != 0) {
    if (errno == EACCES)
      return PermissionDeniedError("stat " + UriFor(key) + ": permission denied");
    return missing;
  }
  if (!S_ISREG(st.st_mode)) return missing;
  return InfoOf(key, st);
}

Result<std::unique_ptr<RandomAccessFile>> LocalObjectStore::OpenRandomAccess(
    const std::string& key, const std::optional<ObjectInfo>& known, uint64_t /*tail_bytes*/) {
  // The size is free here (stat(2)): nothing to prefetch with the open.
  S3C_ASSIGN_OR_RETURN(ObjectInfo info, Stat(key));
  S3C_ASSIGN_OR_RETURN(auto file, OpenLocalRandomAccess(PathFor(key)));
  // Pinned to what the caller saw in a listing, if anything: a change since then fails reads.
  const bool pinned = known && known->details_known && !known->etag.empty();
  std::string etag = pinned ? known->etag : info.etag;
  uint64_t size = pinned ? known->size : info.size;
  return store_internal::MakeLocalPinnedFile(std::move(file), PathFor(key), UriFor(key),
                                             std::move(etag), size);
}

Result<std::unique_ptr<InputStream>> LocalObjectStore::OpenInput(const std::string& key,
                                                                 const ReadOptions& options) {
  S3C_ASSIGN_OR_RETURN(ObjectInfo info, Stat(key));
  S3C_ASSIGN_OR_RETURN(auto file, OpenLocalRandomAccess(PathFor(key)));
  S3C_ASSIGN_OR_RETURN(uint64_t size, file->Size());
  if (!options.if_match.empty() && info.etag != options.if_match) {
    return AbortedError(fmt::format("{} changed: ETag is {}, expected {}", UriFor(key), info.etag,
                                    options.if_match));
  }
  uint64_t begin = std::min(options.offset, size);
  uint64_t end = options.length ? std::min(size, begin + *options.length) : size;
  return store_internal::MakeLocalRangeInput(std::move(file), begin, end);
}

Result<std::unique_ptr<OutputStream>> LocalObjectStore::OpenOutput(const std::string& key,
                                                                   const WriteOptions& options) {
  S3C_RETURN_IF_ERROR(ValidateLocalKey(key));
  S3C_ASSIGN_OR_RETURN(auto writer, store_internal::LocalObjectWriter::Open(
                                        PathFor(key), key, UriFor(key), options, clock_));
  return std::unique_ptr<OutputStream>(std::move(writer));
}

Result<std::string> LocalObjectStore::Put(const std::string& key, std::string data,
                                          const WriteOptions& options) {
  S3C_RETURN_IF_ERROR(ValidateLocalKey(key));
  WriteOptions put_options = options;
  put_options.on_published = nullptr;  // Put returns the ETag itself
  S3C_ASSIGN_OR_RETURN(auto writer, store_internal::LocalObjectWriter::Open(
                                        PathFor(key), key, UriFor(key), put_options, clock_));
  S3C_RETURN_IF_ERROR(writer->Write(data.data(), data.size()));
  S3C_RETURN_IF_ERROR(writer->Close());
  return writer->etag();
}

Status LocalObjectStore::Copy(const std::string& src_key, const std::string& dst_key) {
  S3C_ASSIGN_OR_RETURN(auto in, OpenInput(src_key));
  S3C_ASSIGN_OR_RETURN(auto out, OpenOutput(dst_key));
  S3C_RETURN_IF_ERROR(CopyStream(*in, *out).status());
  return out->Close();
}

Status LocalObjectStore::DeleteMany(const std::vector<std::string>& keys) {
  std::vector<std::string> failed;
  Status first;
  for (const auto& key : keys) {
    if (!ValidateLocalKey(key).ok()) continue;  // cannot exist here
    std::string path = PathFor(key);
    if (::unlink(path.c_str()) != 0) {
      int err = errno;
      if (err == ENOENT || err == ENOTDIR || err == EISDIR) continue;
      failed.push_back(fmt::format("{} ({})", key, std::strerror(err)));
      if (first.ok()) {
        first = err == EACCES || err == EPERM ? PermissionDeniedError("") : InternalError("");
      }
      continue;
    }
    // Remove the folders this left empty, deepest first, never the root itself.
    for (size_t slash = key.rfind('/'); slash != std::string::npos && slash > 0;
         slash = key.rfind('/', slash - 1)) {
      if (::rmdir(PathFor(key.substr(0, slash)).c_str()) != 0) break;
    }
  }
  if (failed.empty()) return Status::OK();
  return Status(first.code(), fmt::format("could not delete {} of {} keys in {}: {}", failed.size(),
                                          keys.size(), UriFor(""), Join(failed, ", ")));
}

}  // namespace s3c
