// ObjectStore::ReadInto for S3 (see s3_object_store.h). The bytes of every range go straight
// from the transport's receive buffer to the caller's sink at their offsets: no range buffers,
// so memory does not depend on the ranges in flight, and no copy between threads.
// Requests are issued from the caller's thread; callbacks only deliver bytes, record the outcome
// and signal.
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <memory>
#include <mutex>

#include "store/s3_streams.h"

namespace s3c::store_internal {
namespace {

struct Ranges {
  std::mutex mu;
  std::condition_variable cv;
  size_t in_flight = 0;
  Status first_error;
  std::atomic<bool> stop{false};  // set with first_error: the other ranges end early

  void Finish(Status status) {
    std::lock_guard<std::mutex> lock(mu);
    if (!status.ok() && first_error.ok()) {
      first_error = std::move(status);
      stop = true;
    }
    --in_flight;
    cv.notify_all();
  }
};

// Delivers a range's bytes at their offsets. The client hands every byte of one request to its
// sink once and in order, resumed requests included, so a running cursor gives the offset.
S3ResponseSink OffsetCursor(uint64_t begin, std::shared_ptr<uint64_t> delivered, const OffsetSink& sink,
                      std::shared_ptr<Ranges> ranges) {
  return [begin, delivered, &sink, ranges](const char* data, size_t n) {
    if (ranges && ranges->stop) return CancelledError("read stopped after another range failed");
    Status st = sink(begin + *delivered, data, n);
    if (st.ok()) *delivered += n;
    return st;
  };
}

Status ShortRange(const S3Location& where, uint64_t begin, uint64_t end, uint64_t got) {
  return DataLossError(
      fmt::format("{}: range {}-{} returned {} bytes", where.uri, begin, end - 1, got));
}

}  // namespace

Result<ObjectInfo> S3ReadInto(const S3Location& where, const ReadOptions& options, uint64_t chunk,
                              size_t max_in_flight, const OffsetSink& sink,
                              const std::function<void(const ObjectInfo&)>& on_info) {
  if (options.offset != 0 || options.length) {
    return InvalidArgumentError("ReadInto reads whole objects: " + where.uri);
  }
  S3Client& client = *where.client;
  ObjectInfo info;
  info.key = where.key;

  // The first range alone: its response gives the size and the ETag that pins the others.
  auto first_got = std::make_shared<uint64_t>(0);
  auto first =
      FirstRangeGet(where, 0, chunk, options.if_match, OffsetCursor(0, first_got, sink, nullptr));
  if (!first.ok()) return first.status();
  info.size = first->total_size;
  info.etag = first->etag.empty() ? options.if_match : first->etag;
  info.last_modified = first->last_modified;
  uint64_t first_end = std::min(chunk, info.size);
  if (*first_got != first_end) return ShortRange(where, 0, first_end, *first_got);
  if (on_info) on_info(info);

  auto ranges = std::make_shared<Ranges>();
  max_in_flight = std::max<size_t>(max_in_flight, 1);
  for (uint64_t next = first_end; next < info.size;) {
    {
      std::unique_lock<std::mutex> lock(ranges->mu);
      ranges->cv.wait(lock, [&] { return ranges->in_flight < max_in_flight; });
      if (!ranges->first_error.ok()) break;
      ++ranges->in_flight;
    }
    uint64_t begin = next;
    uint64_t end = std::min(info.size, begin + chunk);
    next = end;
    auto got = std::make_shared<uint64_t>(0);
    GetObjectRequest req;
    req.bucket = where.bucket;
    req.key = where.key;
    req.range = std::make_pair(begin, end - 1);
    req.if_match = info.etag;
    req.sink = OffsetCursor(begin, got, sink, ranges);
    client.GetObjectAsync(std::move(req),
                          [ranges, got, begin, end, where](Result<GetObjectResult> result) {
                            Status st = result.status();
                            if (st.ok() && *got != end - begin)
                              st = ShortRange(where, begin, end, *got);
                            ranges->Finish(std::move(st));
                          });
  }
  std::unique_lock<std::mutex> lock(ranges->mu);
  ranges->cv.wait(lock, [&] { return ranges->in_flight == 0; });
  if (!ranges->first_error.ok()) return PinnedReadError(ranges->first_error, where, info.etag);
  return info;
}

}  // namespace s3c::store_internal
