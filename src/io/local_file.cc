#include "s3c/io/local_file.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <random>

#include <fmt/format.h>

namespace s3c {
namespace {

Status ErrnoStatus(int err, const std::string& what, const std::string& path) {
  std::string msg = fmt::format("{} {}: {}", what, path, std::strerror(err));
  ErrorContext ctx;
  ctx.resource = path;
  Status st;
  switch (err) {
    case ENOENT: st = NotFoundError(msg); break;
    case EACCES:
    case EPERM: st = PermissionDeniedError(msg); break;
    case EISDIR:
    case ENOTDIR: st = FailedPreconditionError(msg); break;
    case ENOSPC: st = ResourceExhaustedError(msg); break;
    default: st = InternalError(msg);
  }
  st.SetContext(ctx);
  return st;
}

class FdInput final : public InputStream {
 public:
  FdInput(int fd, std::string path, bool owned) : fd_(fd), path_(std::move(path)), owned_(owned) {}
  ~FdInput() override {
    if (owned_) ::close(fd_);
  }
  Result<size_t> Read(void* out, size_t n) override {
    while (true) {
      ssize_t got = ::read(fd_, out, n);
      if (got >= 0) return static_cast<size_t>(got);
      if (errno != EINTR) return ErrnoStatus(errno, "read", path_);
    }
  }

 private:
  int fd_;
  std::string path_;
  bool owned_;
};

class LocalRandomAccess final : public RandomAccessFile {
 public:
  LocalRandomAccess(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  ~LocalRandomAccess() override { ::close(fd_); }
  Result<uint64_t> Size() override {
    struct stat st {};
    if (::fstat(fd_, &st) != 0) return ErrnoStatus(errno, "stat", path_);
    return static_cast<uint64_t>(st.st_size);
  }
  Result<size_t> ReadAt(uint64_t offset, size_t n, void* out) override {
    size_t done = 0;
    auto* p = static_cast<char*>(out);
    while (done < n) {
      ssize_t got = ::pread(fd_, p + done, n - done, static_cast<off_t>(offset + done));
      if (got < 0) {
        if (errno == EINTR) continue;
        return ErrnoStatus(errno, "read", path_);
      }
      if (got == 0) break;
      done += static_cast<size_t>(got);
    }
    return done;
  }

 private:
  int fd_;
  std::string path_;
};

class StringOutput final : public OutputStream {
 public:
  explicit StringOutput(std::string* dst) : dst_(dst) {}
  Status Write(const void* data, size_t n) override {
    dst_->append(static_cast<const char*>(data), n);
    return Status::OK();
  }
  Status Close() override { return Status::OK(); }
  void Abort() override { dst_->clear(); }

 private:
  std::string* dst_;
};

class StringInput final : public InputStream {
 public:
  explicit StringInput(std::string data) : data_(std::move(data)) {}
  Result<size_t> Read(void* out, size_t n) override {
    size_t k = std::min(n, data_.size() - pos_);
    std::memcpy(out, data_.data() + pos_, k);
    pos_ += k;
    return k;
  }

 private:
  std::string data_;
  size_t pos_ = 0;
};

// Writes a temp file beside the target and renames it in Close() (atomic on POSIX).
class LocalOutput final : public OutputStream {
 public:
  // tmp == "": the bytes go straight to fd (stdout, a device or a FIFO); owns_fd: close it.
  LocalOutput(int fd, std::string tmp, std::string path, bool owns_fd = true)
      : fd_(fd), tmp_(std::move(tmp)), path_(std::move(path)), owns_fd_(owns_fd) {}
  ~LocalOutput() override { Abort(); }

  Status Write(const void* data, size_t n) override {
    if (!error_.ok()) return error_;
    if (fd_ < 0) return FailedPreconditionError("write after close: " + path_);
    const char* p = static_cast<const char*>(data);
    while (n > 0) {
      ssize_t put = ::write(fd_, p, n);
      if (put < 0) {
        if (errno == EINTR) continue;
        error_ = ErrnoStatus(errno, "write", path_);
        return error_;
      }
      p += put;
      n -= static_cast<size_t>(put);
    }
    return Status::OK();
  }

  bool SupportsWriteAt() const override { return !tmp_.empty(); }  // a file, not a stream

  Status WriteAt(uint64_t offset, const void* data, size_t n) override {
    if (tmp_.empty() || fd_ < 0) return FailedPreconditionError("no positional write: " + path_);
    const char* p = static_cast<const char*>(data);
    while (n > 0) {
      ssize_t put = ::pwrite(fd_, p, n, static_cast<off_t>(offset));
      if (put < 0) {
        if (errno == EINTR) continue;
        Status st = ErrnoStatus(errno, "write", path_);
        positional_failed_ = true;
        return st;
      }
      p += put;
      offset += static_cast<uint64_t>(put);
      n -= static_cast<size_t>(put);
    }
    return Status::OK();
  }

  Status Close() override {
    if (!error_.ok()) return error_;
    if (fd_ < 0) return Status::OK();
    if (positional_failed_) {
      error_ = DataLossError("a positional write failed: " + path_);
      Abort();
      return error_;
    }
    if (tmp_.empty()) {  // stdout, a device or a FIFO
      int fd = fd_;
      fd_ = -1;
      if (owns_fd_ && ::close(fd) != 0) error_ = ErrnoStatus(errno, "close", path_);
      return error_;
    }
    int fd = fd_;
    fd_ = -1;
    if (::close(fd) != 0) {
      error_ = ErrnoStatus(errno, "close", path_);
      ::unlink(tmp_.c_str());
      return error_;
    }
    if (::rename(tmp_.c_str(), path_.c_str()) != 0) {
      error_ = ErrnoStatus(errno, "rename onto", path_);
      ::unlink(tmp_.c_str());
      return error_;
    }
    tmp_.clear();
    return Status::OK();
  }

  void Abort() override {
    if (fd_ >= 0 && (owns_fd_ || !tmp_.empty())) ::close(fd_);
    fd_ = -1;
    if (!tmp_.empty()) ::unlink(tmp_.c_str());
    tmp_.clear();
  }

 private:
  int fd_;
  std::string tmp_;  // "" once published (or for stdout)
  std::string path_;
  Status error_;
  bool owns_fd_;
  std::atomic<bool> positional_failed_{false};  // WriteAt runs on several threads
};

}  // namespace

Result<std::unique_ptr<InputStream>> OpenLocalInput(const std::string& path) {
  if (path == "-") return std::unique_ptr<InputStream>(new FdInput(0, "<stdin>", false));
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus(errno, "open", path);
  struct stat st {};
  if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
    ::close(fd);
    return ErrnoStatus(EISDIR, "open", path);
  }
  ::posix_fadvise(fd, 0, 0, POSIX_FADV_SEQUENTIAL);
  return std::unique_ptr<InputStream>(new FdInput(fd, path, true));
}

Result<std::unique_ptr<RandomAccessFile>> OpenLocalRandomAccess(const std::string& path) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ErrnoStatus(errno, "open", path);
  return std::unique_ptr<RandomAccessFile>(new LocalRandomAccess(fd, path));
}

Result<std::unique_ptr<OutputStream>> OpenLocalOutput(const std::string& path) {
  if (path == "-") return std::unique_ptr<OutputStream>(new LocalOutput(1, "", "<stdout>", false));
  struct stat st {};
  if (::stat(path.c_str(), &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
    // A device or FIFO (/dev/null, a named pipe): the bytes go straight into it. There is
    // nothing to publish, and renaming a temp file onto it would replace the device.
    int fd = ::open(path.c_str(), O_WRONLY | O_CLOEXEC);
    if (fd < 0) return ErrnoStatus(errno, "open", path);
    return std::unique_ptr<OutputStream>(new LocalOutput(fd, "", path));
  }
  std::filesystem::path target(path);
  std::error_code ec;
  if (target.has_parent_path()) std::filesystem::create_directories(target.parent_path(), ec);
  if (ec) return ErrnoStatus(ec.value(), "create folder for", path);
  static thread_local std::mt19937_64 gen{std::random_device{}()};
  std::string tmp = (target.has_parent_path() ? target.parent_path().string() + "/" : "") + "." +
                    target.filename().string() + fmt::format(".s3c-tmp-{:016x}", gen());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return ErrnoStatus(errno, "create", tmp);
  return std::unique_ptr<OutputStream>(new LocalOutput(fd, tmp, path));
}

std::unique_ptr<InputStream> MakeStringInput(std::string data) {
  return std::make_unique<StringInput>(std::move(data));
}

std::unique_ptr<OutputStream> MakeStringOutput(std::string* dst) {
  return std::make_unique<StringOutput>(dst);
}

}  // namespace s3c
