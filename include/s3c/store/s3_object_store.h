// S3ObjectStore: an ObjectStore over one bucket through an S3Client (docs/architecture.md: store).
// Request costs (asserted by the conformance suite):
//  - List: one ListObjectsV2 per page of `list_page_size`; size, ETag and LastModified come from
//    the listing (no HeadObject per object).
//  - Stat: one HeadObject. OpenRandomAccess: with a `known` listing entry nothing, with
//    `tail_bytes` one suffix-range GetObject of the last tail_bytes (it gives size and ETag;
//    an empty object costs a HeadObject more), else one HeadObject; then one ranged GetObject
//    per ReadAt (none for an empty range, nor for bytes the suffix GET brought), each with
//    If-Match on the ETag: a replaced object fails the read with Aborted.
//  - OpenInput: ranged GetObjects of `read_chunk_size`, the first alone (it fixes the ETag and
//    size), the rest pinned with If-Match to that ETag, up to readahead_bytes / chunk (at most
//    `concurrency`) in flight, delivered in order. Memory is bounded by the read-ahead, not by
//    the object. Ranges ramp from 1 MiB, doubling up to the chunk size: a 20 MiB object with 8 MiB
//    chunks costs 5 GetObject (1, 2, 4, 8 and 5 MiB; WholeStreamReadRequests counts them).
//  - ReadInto: the same ranges as OpenInput but no ramp (a whole read never stops early) and no
//    buffering: GetObjects of `read_chunk_size`, the first alone, then up to readahead_bytes /
//    chunk in flight. A 20 MiB object with 8 MiB chunks costs 3 GetObject, no HeadObject.
//  - OpenOutput: up to `multipart_threshold` bytes are buffered and sent in Close() as one
//    PutObject. Beyond it a multipart upload: parts of `part_size` (PartSizeFor(size_hint) when
//    a size hint is given) uploaded with up to `concurrency` in flight; Write() blocks while
//    that many are in flight and a full part is waiting, so memory stays near
//    (concurrency + 1) x part_size (WriteOptions::max_parts_in_flight lowers `concurrency` for
//    one stream; buffered_bytes() reports that bound once the upload started, the body's
//    capacity before). Close() completes the upload; a failure, Abort() or the destructor
//    before Close() aborts it (AbortMultipartUpload). WriteOptions::on_published gets the ETag
//    PutObject or CompleteMultipartUpload answered and the bytes written: no HeadObject.
//  - Put: one PutObject. Copy: one CopyObject; CopyFrom too, plus a HeadObject without `known`.
//    DeleteMany: one DeleteObjects per 1000 keys; keys S3 refused are reported in the error
//    message.
//  - ListPendingUploads: one ListMultipartUploads per page of `list_page_size` uploads.
//    AbortPendingUpload: one AbortMultipartUpload.
// Write conditions map to If-None-Match: * / If-Match; a precondition failure (including
// If-Match on a missing key, which AWS reports as 404) is FailedPrecondition.
// Thread-safe (the client is); streams are not.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "s3c/s3/s3_client.h"
#include "s3c/store/object_store.h"

namespace s3c {

struct S3ObjectStoreOptions {
  uint64_t part_size = 0;                 // 0 = the client's options().part_size
  uint64_t multipart_threshold = 0;       // 0 = the client's options().multipart_threshold
  size_t concurrency = 0;                 // parts / ranges in flight per stream; 0 = the client's
  uint64_t read_chunk_size = 8ull << 20;  // bytes per ranged GET of a streaming read
  // MaxKeys per ListObjectsV2 request and max-uploads per ListMultipartUploads (1..1000).
  int list_page_size = 1000;
};

class S3ObjectStore final : public ObjectStore {
 public:
  // `client` is not owned and must outlive the store and every stream it opened.
  static Result<std::unique_ptr<S3ObjectStore>> Make(S3Client* client, std::string bucket,
                                                     S3ObjectStoreOptions options = {});

  const std::string& bucket() const { return bucket_; }
  S3Client& client() const { return *client_; }

  std::string UriFor(const std::string& key) const override;
  Status List(const ListOptions& options, const ListPageCallback& on_page) override;
  Result<ObjectInfo> Stat(const std::string& key) override;
  Result<std::unique_ptr<RandomAccessFile>> OpenRandomAccess(
      const std::string& key, const std::optional<ObjectInfo>& known = std::nullopt,
      uint64_t tail_bytes = 0) override;
  Result<std::unique_ptr<InputStream>> OpenInput(const std::string& key,
                                                 const ReadOptions& options = {}) override;
  Result<ObjectInfo> ReadInto(
      const std::string& key, const ReadOptions& options, const OffsetSink& sink,
      const std::function<void(const ObjectInfo&)>& on_info = nullptr) override;
  // OpenInput's ranges (above): GetObjects, and for an empty object its 416 then a HEAD.
  std::map<std::string, uint64_t> WholeStreamReadRequests(uint64_t size) const override;
  Result<std::unique_ptr<OutputStream>> OpenOutput(const std::string& key,
                                                   const WriteOptions& options = {}) override;
  Result<std::string> Put(const std::string& key, std::string data,
                          const WriteOptions& options = {}) override;
  Status Copy(const std::string& src_key, const std::string& dst_key) override;
  // Server-side copy of `src_key` in `source`'s bucket (possibly another bucket; both stores
  // must reach it through clients of the same credentials and endpoint) to `dst_key` here: one
  // CopyObject, or a multipart copy above the single-copy limit. `known` (size and ETag from a
  // listing or a Stat) saves the HeadObject the copy would otherwise send first.
  Status CopyFrom(const S3ObjectStore& source, const std::string& src_key,
                  const std::string& dst_key, const std::optional<ObjectInfo>& known);
  Status DeleteMany(const std::vector<std::string>& keys) override;
  Result<std::vector<PendingUpload>> ListPendingUploads(const std::string& prefix) override;
  Status AbortPendingUpload(const PendingUpload& upload) override;
  std::optional<WallTime> ServerTime() const override;

 private:
  S3ObjectStore(S3Client* client, std::string bucket, S3ObjectStoreOptions options)
      : client_(client), bucket_(std::move(bucket)), options_(options) {}

  S3Client* client_;
  std::string bucket_;
  S3ObjectStoreOptions options_;  // zeros resolved from the client in Make()
};

}  // namespace s3c
