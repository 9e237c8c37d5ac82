// The streams of S3ObjectStore (private to the store module). See s3_object_store.h for the
// request each one sends.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "s3c/s3/s3_client.h"
#include "s3c/store/object_store.h"

namespace s3c::store_internal {

struct S3Location {
  S3Client* client = nullptr;
  std::string bucket;
  std::string key;
  std::string uri;  // s3://bucket/key, for messages
};

// A read pinned with If-Match failed because the object changed: FailedPrecondition (HTTP 412)
// becomes Aborted (a conflict: retry higher up, from a fresh listing); other errors pass through.
Status PinnedReadError(const Status& status, const S3Location& where, const std::string& etag);

// The first ranged GET of a read, bytes [begin, end) into `sink` (null: into the result's body),
// with If-Match when `if_match` is set. When the range starts at or past the end of the object
// (always so for an empty object), a HEAD answers: the result is then empty, with the HEAD's
// size, ETag and date; a missing object is NotFound either way. Errors go through
// PinnedReadError.
Result<GetObjectResult> FirstRangeGet(const S3Location& where, uint64_t begin, uint64_t end,
                                      const std::string& if_match, S3ResponseSink sink);

// Positional reads of an object whose size and ETag are known.
std::unique_ptr<RandomAccessFile> MakeS3RandomAccess(S3Location where, uint64_t size,
                                                     std::string etag);

// Positional reads of an object whose size is not known: one suffix-range GET of its last
// `tail_bytes` (> 0) bytes (S3 GetObject Range "bytes=-N", RFC 9110 14.1.1), whose response
// gives the size (Content-Range, or Content-Length when an object shorter than N comes back
// whole) and the ETag every later ReadAt is pinned to; ReadAt within those bytes is answered
// from memory. An empty object (416) costs a HEAD more; a missing one is NotFound.
Result<std::unique_ptr<RandomAccessFile>> OpenS3RandomAccessWithTail(S3Location where,
                                                                     uint64_t tail_bytes);

// Streaming read with read-ahead: ranged GETs of 1 MiB, 2 MiB, 4 MiB ... doubling up to `chunk`
// bytes, at most `max_in_flight` ranges fetched ahead of the reader.
Result<std::unique_ptr<InputStream>> OpenS3Input(S3Location where, const ReadOptions& options,
                                                 uint64_t chunk, size_t max_in_flight);

// The GetObjects OpenS3Input sends to read an object of `size` bytes (> 0) to its end.
uint64_t StreamReadGets(uint64_t size, uint64_t chunk);

// ObjectStore::ReadInto over S3: the first range alone (size, ETag, NotFound without a HEAD),
// then ranges of `chunk` bytes pinned with If-Match, at most `max_in_flight` at once.
Result<ObjectInfo> S3ReadInto(const S3Location& where, const ReadOptions& options, uint64_t chunk,
                              size_t max_in_flight, const OffsetSink& sink,
                              const std::function<void(const ObjectInfo&)>& on_info);

struct S3WriterConfig {
  uint64_t multipart_threshold = 0;
  uint64_t part_size = 0;
  size_t concurrency = 1;
};

std::unique_ptr<OutputStream> MakeS3Output(S3Location where, WriteOptions options,
                                           S3WriterConfig config);

// S3 reports If-Match on a missing key as 404 (RGW as 412): a write precondition either way.
Status WritePreconditionError(const Status& status, const WriteOptions& options);

}  // namespace s3c::store_internal
