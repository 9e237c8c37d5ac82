#include "store/local_writer.h"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <random>

#include "s3c/io/local_file.h"
#include "store/local_keys.h"

namespace s3c::store_internal {
namespace {

Status Errno(int err, const std::string& what, const std::string& uri) {
  std::string msg = fmt::format("{} {}: {}", what, uri, std::strerror(err));
  switch (err) {
    case ENOENT:
      return NotFoundError(msg);
    case EACCES:
    case EPERM:
      return PermissionDeniedError(msg);
    case EISDIR:
    case ENOTDIR:
    case EEXIST:
      return FailedPreconditionError(msg);
    case ENOSPC:
      return ResourceExhaustedError(msg);
    default:
      return InternalError(msg);
  }
}

std::string StageName() {
  static const uint64_t salt =
      (static_cast<uint64_t>(std::random_device{}()) << 32) ^ static_cast<uint64_t>(::getpid());
  static std::atomic<uint64_t> counter{0};
  return fmt::format(".s3c-tmp-stage-{:x}-{:x}", salt, counter++);
}

// Strictly increasing across this process, never behind the clock.
int64_t NextMtimeNs(Clock& clock) {
  static std::atomic<int64_t> last{0};
  int64_t now =
      std::chrono::duration_cast<std::chrono::nanoseconds>(clock.Now().time_since_epoch()).count();
  int64_t prev = last.load();
  int64_t next;
  do {
    next = std::max(now, prev + 1);
  } while (!last.compare_exchange_weak(prev, next));
  return next;
}

std::string ParentOf(const std::string& path) {
  size_t slash = path.rfind('/');
  return slash == 0 ? "/" : path.substr(0, slash);
}

// Holds an exclusive flock on a folder for its lifetime.
class FolderLock {
 public:
  explicit FolderLock(const std::string& dir)
      : fd_(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC)) {
    if (fd_ >= 0) {
      while (::flock(fd_, LOCK_EX) != 0 && errno == EINTR) {
      }
    }
  }
  ~FolderLock() {
    if (fd_ >= 0) ::close(fd_);  // closing releases the lock
  }
  FolderLock(const FolderLock&) = delete;
  FolderLock& operator=(const FolderLock&) = delete;

 private:
  int fd_;
};

}  // namespace

Result<std::unique_ptr<LocalObjectWriter>> LocalObjectWriter::Open(std::string path,
                                                                   std::string key,
                                                                   std::string uri,
                                                                   WriteOptions options,
                                                                   Clock* clock) {
  std::string stage = ParentOf(path) + "/" + StageName();
  S3C_ASSIGN_OR_RETURN(std::unique_ptr<OutputStream> out, OpenLocalOutput(stage));
  return std::unique_ptr<LocalObjectWriter>(
      new LocalObjectWriter(std::move(path), std::move(key), std::move(stage), std::move(uri),
                            std::move(options), clock, std::move(out)));
}

LocalObjectWriter::LocalObjectWriter(std::string path, std::string key, std::string stage,
                                     std::string uri, WriteOptions options, Clock* clock,
                                     std::unique_ptr<OutputStream> out)
    : path_(std::move(path)),
      key_(std::move(key)),
      stage_(std::move(stage)),
      uri_(std::move(uri)),
      options_(std::move(options)),
      clock_(clock),
      out_(std::move(out)) {}

LocalObjectWriter::~LocalObjectWriter() { Abort(); }

Status LocalObjectWriter::Write(const void* data, size_t n) {
  if (!error_.ok()) return error_;
  if (done_) return FailedPreconditionError("write after close: " + uri_);
  Status st = out_->Write(data, n);
  if (!st.ok()) error_ = st;
  return st;
}

Status LocalObjectWriter::Close() {
  if (!error_.ok()) return error_;
  if (done_) return Status::OK();
  done_ = true;
  error_ = out_->Close();
  if (error_.ok()) {
    staged_ = true;
    error_ = Publish();
  }
  if (staged_) ::unlink(stage_.c_str());
  staged_ = false;
  return error_;
}

Status LocalObjectWriter::Publish() {
  int64_t mtime = NextMtimeNs(*clock_);
  struct timespec times[2];
  times[0].tv_sec = 0;
  times[0].tv_nsec = UTIME_OMIT;
  times[1].tv_sec = mtime / 1'000'000'000;
  times[1].tv_nsec = mtime % 1'000'000'000;
  if (::utimensat(AT_FDCWD, stage_.c_str(), times, 0) != 0) return Errno(errno, "stamp", uri_);

  FolderLock lock(ParentOf(path_));
  struct stat st {};
  // Objects are regular files: never rename over a device, FIFO or folder that holds the name.
  if (::lstat(path_.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISLNK(st.st_mode)) {
    return FailedPreconditionError(uri_ + " exists and is not a regular file");
  }
  if (options_.if_none_match) {
    if (::link(stage_.c_str(), path_.c_str()) != 0) {
      if (errno == EEXIST) {
        return FailedPreconditionError(uri_ + " already exists (If-None-Match: *)");
      }
      return Errno(errno, "publish", uri_);
    }
  } else {
    if (!options_.if_match.empty()) {
      bool exists = ::stat(path_.c_str(), &st) == 0 && S_ISREG(st.st_mode);
      if (!exists || LocalEtag(st) != options_.if_match) {
        return FailedPreconditionError(
            fmt::format("{} does not have ETag {} (If-Match)", uri_, options_.if_match));
      }
    }
    if (::rename(stage_.c_str(), path_.c_str()) != 0) return Errno(errno, "publish", uri_);
    staged_ = false;
  }
  if (::stat(path_.c_str(), &st) != 0) return Errno(errno, "stat", uri_);
  etag_ = LocalEtag(st);
  if (options_.on_published) {
    ObjectInfo info;
    info.key = key_;
    info.size = static_cast<uint64_t>(st.st_size);
    info.etag = etag_;
    info.last_modified = WallTime(std::chrono::duration_cast<WallTime::duration>(
        std::chrono::nanoseconds(mtime)));
    options_.on_published(info);
  }
  return Status::OK();
}

void LocalObjectWriter::Abort() {
  if (!done_ && error_.ok()) error_ = CancelledError("write aborted: " + uri_);
  if (out_) out_->Abort();
  if (staged_) ::unlink(stage_.c_str());
  staged_ = false;
  done_ = true;
}

}  // namespace s3c::store_internal
