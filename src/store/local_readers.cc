#include "store/local_readers.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>

#include "store/local_keys.h"

namespace s3c::store_internal {
namespace {

class PinnedFile final : public RandomAccessFile {
 public:
  PinnedFile(std::unique_ptr<RandomAccessFile> file, std::string path, std::string uri,
             std::string etag, uint64_t size)
      : file_(std::move(file)),
        path_(std::move(path)),
        uri_(std::move(uri)),
        etag_(std::move(etag)),
        size_(size) {}

  Result<uint64_t> Size() override { return size_; }

  Result<size_t> ReadAt(uint64_t offset, size_t n, void* out) override {
    struct stat st {};
    if (::stat(path_.c_str(), &st) != 0 || !S_ISREG(st.st_mode)) {
      return NotFoundError("no such object: " + uri_);
    }
    std::string now = LocalEtag(st);
    if (now != etag_) {
      return AbortedError(
          fmt::format("{} changed while being read (ETag {} -> {})", uri_, etag_, now));
    }
    if (offset >= size_) return static_cast<size_t>(0);
    return file_->ReadAt(offset, std::min<uint64_t>(n, size_ - offset), out);
  }

 private:
  std::unique_ptr<RandomAccessFile> file_;
  std::string path_;
  std::string uri_;
  std::string etag_;
  uint64_t size_;
};

class RangeInput final : public InputStream {
 public:
  RangeInput(std::unique_ptr<RandomAccessFile> file, uint64_t begin, uint64_t end)
      : file_(std::move(file)), pos_(begin), end_(end) {}

  Result<size_t> Read(void* out, size_t n) override {
    size_t want = std::min<uint64_t>(n, end_ - pos_);
    if (want == 0) return static_cast<size_t>(0);
    S3C_ASSIGN_OR_RETURN(size_t got, file_->ReadAt(pos_, want, out));
    if (got == 0) end_ = pos_;  // the file shrank under us: end of stream
    pos_ += got;
    return got;
  }

 private:
  std::unique_ptr<RandomAccessFile> file_;
  uint64_t pos_;
  uint64_t end_;
};

}  // namespace

std::unique_ptr<RandomAccessFile> MakeLocalPinnedFile(std::unique_ptr<RandomAccessFile> file,
                                                      std::string path, std::string uri,
                                                      std::string pinned_etag, uint64_t size) {
  return std::make_unique<PinnedFile>(std::move(file), std::move(path), std::move(uri),
                                      std::move(pinned_etag), size);
}

std::unique_ptr<InputStream> MakeLocalRangeInput(std::unique_ptr<RandomAccessFile> file,
                                                 uint64_t begin, uint64_t end) {
  return std::make_unique<RangeInput>(std::move(file), begin, end);
}

}  // namespace s3c::store_internal
