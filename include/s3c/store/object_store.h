// ObjectStore: one interface over S3, a local folder and memory (docs/architecture.md: store).
// Keys are '/'-separated strings relative to the store's root (an S3 bucket, a local folder,
// a named in-memory space). Contract for every implementation:
//  - thread-safe: any method may be called from several threads at once;
//  - "missing" is a NotFound Status (Stat, OpenRead*, Copy source, a failed If-Match);
//  - a read pinned to an ETag (ReadOptions::if_match, OpenRandomAccess) of an object that was
//    replaced since is Aborted (a conflict: start again from a fresh listing);
//  - a failed precondition on write (If-None-Match: * on an existing key, If-Match on another
//    ETag or on a missing key) is FailedPrecondition;
//  - writers publish only in Close(); destroyed or aborted before that, nothing is published;
//  - no method retries on its own above what the S3 client does (one retry layer).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "s3c/common/clock.h"
#include "s3c/common/status.h"
#include "s3c/io/streams.h"

namespace s3c {

struct ObjectInfo {
  std::string key;            // full key, or the common prefix (ending in the delimiter)
  // Whether size, etag and last_modified hold the object's values. Listings and Stat always
  // set them; KeyOnly makes an entry for a key nobody has looked at yet (a single key a read
  // names: no HEAD is sent for it), whose three fields are unset and must not be used. The
  // first read of such a key learns them (OpenInput, OpenRandomAccess with tail_bytes) and
  // fails with NotFound when the key does not exist.
  bool details_known = true;
  uint64_t size = 0;
  std::string etag;           // opaque, quotes stripped; may be "" for local files
  WallTime last_modified{};
  bool is_prefix = false;     // a common prefix from a delimited listing

  static ObjectInfo KeyOnly(std::string key) {
    ObjectInfo info;
    info.key = std::move(key);
    info.details_known = false;
    return info;
  }
};

struct ListOptions {
  std::string prefix;
  std::string delimiter;      // "" = recursive
  std::string start_after;    // list keys after this one (lexicographic)
  uint64_t max_keys = 0;      // 0 = no limit
};

// One page of a listing; return non-OK to stop early (that Status is returned by List).
// Pages are never empty: an empty listing makes no call.
using ListPageCallback = std::function<Status(const std::vector<ObjectInfo>& page)>;

struct ReadOptions {
  uint64_t offset = 0;
  std::optional<uint64_t> length;   // nullopt = to the end
  std::string if_match;             // ETag the object must still have ("" = any)
  size_t readahead_bytes = 8 << 20; // how far a streaming read may fetch ahead of the reader
};

struct WriteOptions {
  bool if_none_match = false;       // create only: FailedPrecondition if the key exists
  std::string if_match;             // replace only this ETag ("" = unconditional)
  std::string content_type;
  // Expected total size when known (lets S3 choose a part size under 10,000 parts).
  std::optional<uint64_t> size_hint;
  // Multipart parts in flight for this one stream (S3; 0 = the store's concurrency). A writer
  // holding many streams open at once lowers it: each part in flight holds a part buffer.
  size_t max_parts_in_flight = 0;
  // Called once by a writer's Close() (OpenOutput) after the object was published, on the
  // closing thread, with what the publish itself answered, no HEAD: key, size (the bytes
  // written), ETag (S3: from PutObject or CompleteMultipartUpload, quotes stripped; local: the
  // size-mtime-inode ETag; memory: its content ETag) and last_modified (local and memory: the
  // stamped time; S3: the store's clock is not asked, so it is left unset, epoch 0).
  // Never called when Close() fails, and not by Put (which returns the ETag itself).
  std::function<void(const ObjectInfo&)> on_published;
};

// A multipart upload begun and neither completed nor aborted: a writer in flight, or what a
// killed one left (S3 keeps, and bills, its parts until it is aborted).
struct PendingUpload {
  std::string key;        // the key it would publish
  std::string upload_id;  // opaque
  WallTime initiated{};   // by the store's clock
};

// Receives the bytes of ObjectStore::ReadInto at their offsets in the object.
using OffsetSink = std::function<Status(uint64_t offset, const char* data, size_t n)>;

class ObjectStore {
 public:
  virtual ~ObjectStore() = default;

  // "s3://bucket/key", "file:///abs/key", "mem://name/key": for messages.
  virtual std::string UriFor(const std::string& key) const = 0;

  // Lists in key order, one callback per page (S3: pages of up to 1000).
  virtual Status List(const ListOptions& options, const ListPageCallback& on_page) = 0;
  Result<std::vector<ObjectInfo>> ListAll(const ListOptions& options);

  virtual Result<ObjectInfo> Stat(const std::string& key) = 0;

  // Positional reads, every one pinned to the object's ETag (S3: If-Match): if the object is
  // replaced meanwhile, reads fail with Aborted instead of mixing versions. A `known` with
  // details_known (from a listing or a Stat) saves the request that learns size and ETag.
  // Without it, `tail_bytes` > 0 asks for the object's last min(tail_bytes, size) bytes with
  // the open (a Parquet footer): S3 sends one suffix-range GET whose response gives the size
  // and the ETag every later read is pinned to, and ReadAt within those bytes costs no request;
  // with `tail_bytes` 0 the size comes from a HEAD. A missing key is NotFound either way.
  virtual Result<std::unique_ptr<RandomAccessFile>> OpenRandomAccess(
      const std::string& key, const std::optional<ObjectInfo>& known = std::nullopt,
      uint64_t tail_bytes = 0) = 0;

  // Sequential read of [offset, offset+length) with read-ahead.
  virtual Result<std::unique_ptr<InputStream>> OpenInput(const std::string& key,
                                                         const ReadOptions& options = {}) = 0;

  // The requests OpenInput from byte 0, read to the end, sends for an object of `size` bytes,
  // by S3 operation name (what a cost plan counts: pipeline/run_plan.h). Stores that send no
  // requests (a local folder, memory) keep this default: none.
  virtual std::map<std::string, uint64_t> WholeStreamReadRequests(uint64_t size) const;

  // Reads the whole object into `sink` without buffering it: S3 keeps up to
  // readahead_bytes / read_chunk_size ranged GETs in flight (at most `concurrency`) and hands
  // each one's bytes to the sink as they arrive, so the sink runs on the transport's thread,
  // for disjoint ranges, in any order. `options.offset` and `length` must be unset. Returns the
  // object's info (size, ETag). On success every byte was delivered exactly once; an error from
  // the sink stops the read and is returned. `on_info`, when given, is called once on the
  // caller's thread as soon as the size and ETag are known (S3: after the first range).
  // Default: one in-order OpenInput stream after a Stat.
  virtual Result<ObjectInfo> ReadInto(
      const std::string& key, const ReadOptions& options, const OffsetSink& sink,
      const std::function<void(const ObjectInfo&)>& on_info = nullptr);

  // A writer that publishes on Close() (S3: single PUT below the multipart threshold, else a
  // multipart upload completed in Close() and aborted otherwise).
  virtual Result<std::unique_ptr<OutputStream>> OpenOutput(const std::string& key,
                                                           const WriteOptions& options = {}) = 0;

  // Writes a whole object at once, honouring the conditions; returns its new ETag.
  virtual Result<std::string> Put(const std::string& key, std::string data,
                                  const WriteOptions& options = {}) = 0;

  // Server-side copy inside this store.
  virtual Status Copy(const std::string& src_key, const std::string& dst_key) = 0;

  // Deletes keys (S3: DeleteObjects in batches of 1000). Missing keys are not an error.
  virtual Status DeleteMany(const std::vector<std::string>& keys) = 0;
  Status Delete(const std::string& key) { return DeleteMany({key}); }

  // The multipart uploads in progress whose key starts with `prefix`, in key order (one key's
  // in initiation order). S3: one ListMultipartUploads per page of up to 1000. Stores without
  // multipart uploads keep this default, which lists none: a local-folder or memory writer
  // holds what it has not published in a staged file or in memory, gone with the writer.
  virtual Result<std::vector<PendingUpload>> ListPendingUploads(const std::string& prefix);
  // Aborts one upload ListPendingUploads gave (S3: AbortMultipartUpload; its parts are
  // deleted, and a writer still feeding it fails). An upload gone since it was listed
  // (completed or aborted) is not an error. The default refuses with InvalidArgument: a store
  // without multipart uploads cannot have listed one.
  virtual Status AbortPendingUpload(const PendingUpload& upload);

  // The store's clock, by which it stamps LastModified: S3, the Date of its latest successful
  // response (nullopt before any); a local folder or memory, the system clock. The
  // last_modified incremental strategy settles against it (a local clock may be off).
  virtual std::optional<WallTime> ServerTime() const;
};

}  // namespace s3c
