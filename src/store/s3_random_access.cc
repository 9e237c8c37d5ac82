#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <memory>

#include "s3c/common/executor.h"
#include "store/s3_streams.h"

namespace s3c::store_internal {
namespace {

class S3RandomAccess final : public RandomAccessFile {
 public:
  // `tail` holds the object's last tail.size() bytes when they came with the open.
  S3RandomAccess(S3Location where, uint64_t size, std::string etag, std::string tail = {})
      : where_(std::move(where)),
        size_(size),
        etag_(std::move(etag)),
        tail_offset_(size - tail.size()),
        tail_(std::move(tail)) {}

  Result<uint64_t> Size() override { return size_; }

  // The synchronous read is the asynchronous one, waited for.
  Result<size_t> ReadAt(uint64_t offset, size_t n, void* out) override {
    CompletionQueue<Result<size_t>> one;
    ReadAtAsync(offset, n, out, one.Completer(0));
    return std::move(one.Next().second);
  }

  bool ReadsAsynchronously() const override { return true; }

  // A ranged GetObjectAsync pinned to the ETag: `done` runs on the HTTP client's thread.
  void ReadAtAsync(uint64_t offset, size_t n, void* out,
                   std::function<void(Result<size_t>)> done) override {
    if (offset >= size_ || n == 0) return done(static_cast<size_t>(0));
    const size_t want = std::min<uint64_t>(n, size_ - offset);
    if (offset >= tail_offset_ && !tail_.empty()) {  // bytes the open already brought
      std::memcpy(out, tail_.data() + (offset - tail_offset_), want);
      return done(want);
    }
    // A range running into the tail fetches only what lies before it (no byte is sent twice).
    size_t remote = want;
    if (!tail_.empty() && offset + want > tail_offset_) {
      remote = static_cast<size_t>(tail_offset_ - offset);
      std::memcpy(static_cast<char*>(out) + remote, tail_.data(), want - remote);
    }
    GetObjectRequest req;
    req.bucket = where_.bucket;
    req.key = where_.key;
    req.range = std::make_pair(offset, offset + remote - 1);
    req.if_match = etag_;
    // Written by the transport thread only (the sink, then the completion).
    auto got = std::make_shared<size_t>(0);
    char* dst = static_cast<char*>(out);
    // Straight into the caller's buffer; a response longer than asked for is refused.
    req.sink = [got, dst, remote, this](const char* data, size_t k) {
      if (k > remote - *got) {
        return DataLossError(fmt::format("{}: the server sent more than the {} bytes asked for",
                                         where_.uri, remote));
      }
      std::memcpy(dst + *got, data, k);
      *got += k;
      return Status::OK();
    };
    where_.client->GetObjectAsync(
        std::move(req),
        [this, got, want, remote, offset, done = std::move(done)](Result<GetObjectResult> result) {
          if (!result.ok()) return done(PinnedReadError(result.status(), where_, etag_));
          if (*got != remote) {
            return done(DataLossError(fmt::format("{}: asked for {} bytes at {}, received {}",
                                                  where_.uri, remote, offset, *got)));
          }
          done(want);
        });
  }

 private:
  S3Location where_;
  uint64_t size_;
  std::string etag_;
  uint64_t tail_offset_;  // where tail_ starts in the object
  std::string tail_;
};

// A range at or past the end of the object (416; every range of an empty object is): a HEAD
// tells "nothing there to read" from a missing object. The result is empty, with the HEAD's
// size, ETag and date; `out_of_range` again when the object does reach `begin`.
Result<GetObjectResult> AnswerPastTheEnd(const S3Location& where, uint64_t begin,
                                         const std::string& if_match,
                                         const Status& out_of_range) {
  auto head = where.client->HeadObject(where.bucket, where.key, if_match);
  if (!head.ok()) return PinnedReadError(head.status(), where, if_match);
  if (head->size > begin) return out_of_range;
  GetObjectResult empty;
  empty.total_size = head->size;
  empty.etag = head->etag;
  empty.last_modified = head->last_modified;
  return empty;
}

}  // namespace

Status PinnedReadError(const Status& status, const S3Location& where, const std::string& etag) {
  if (status.code() != StatusCode::kFailedPrecondition || etag.empty()) return status;
  Status aborted = AbortedError(
      fmt::format("{} changed while being read (it no longer has ETag {})", where.uri, etag));
  aborted.SetContext(status.context());
  return aborted;
}

Result<GetObjectResult> FirstRangeGet(const S3Location& where, uint64_t begin, uint64_t end,
                                      const std::string& if_match, S3ResponseSink sink) {
  GetObjectRequest req;
  req.bucket = where.bucket;
  req.key = where.key;
  req.range = std::make_pair(begin, end - 1);
  req.if_match = if_match;
  req.sink = std::move(sink);
  auto first = where.client->GetObject(req);
  if (first.ok()) return first;
  if (first.status().code() != StatusCode::kOutOfRange) {
    return PinnedReadError(first.status(), where, if_match);
  }
  return AnswerPastTheEnd(where, begin, if_match, first.status());
}

std::unique_ptr<RandomAccessFile> MakeS3RandomAccess(S3Location where, uint64_t size,
                                                     std::string etag) {
  return std::make_unique<S3RandomAccess>(std::move(where), size, std::move(etag));
}

Result<std::unique_ptr<RandomAccessFile>> OpenS3RandomAccessWithTail(S3Location where,
                                                                     uint64_t tail_bytes) {
  GetObjectRequest req;
  req.bucket = where.bucket;
  req.key = where.key;
  req.suffix_length = tail_bytes;
  auto got = where.client->GetObject(req);
  if (!got.ok() && got.status().code() == StatusCode::kOutOfRange) {
    // No suffix of an empty object is satisfiable (RFC 9110 14.1.1): 416.
    got = AnswerPastTheEnd(where, 0, "", got.status());
  }
  if (!got.ok()) return got.status();
  // 206 with Content-Range "bytes first-last/total", or 200 with the whole object when the
  // server ignores a suffix longer than the object: either way the body is the last bytes.
  const uint64_t total = got->total_size;
  if (got->body.size() != std::min(tail_bytes, total)) {
    return DataLossError(fmt::format(
        "{}: asked for the last {} bytes of an object of {} bytes, received {}", where.uri,
        tail_bytes, total, got->body.size()));
  }
  std::string etag = std::move(got->etag);
  return std::unique_ptr<RandomAccessFile>(
      new S3RandomAccess(std::move(where), total, std::move(etag), std::move(got->body)));
}

}  // namespace s3c::store_internal
