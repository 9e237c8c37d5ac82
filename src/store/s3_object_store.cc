#include "s3c/store/s3_object_store.h"

#include <fmt/format.h>

#include <algorithm>

#include "s3c/common/strings.h"
#include "s3c/s3/request_body.h"
#include "store/s3_streams.h"

namespace s3c {
namespace {

using store_internal::S3Location;

constexpr size_t kDeleteBatch = 1000;  // DeleteObjects accepts at most 1000 keys

ObjectInfo InfoOf(const S3Object& o) {
  ObjectInfo info;
  info.key = o.key;
  info.size = o.size;
  info.etag = o.etag;
  info.last_modified = o.last_modified;
  return info;
}

// Merges a page's objects and common prefixes (each sorted) into key order.
std::vector<ObjectInfo> MergePage(const ListObjectsPage& page) {
  std::vector<ObjectInfo> out;
  out.reserve(page.objects.size() + page.common_prefixes.size());
  size_t i = 0, j = 0;
  while (i < page.objects.size() || j < page.common_prefixes.size()) {
    if (j == page.common_prefixes.size() ||
        (i < page.objects.size() && page.objects[i].key < page.common_prefixes[j])) {
      out.push_back(InfoOf(page.objects[i++]));
    } else {
      ObjectInfo p;
      p.key = page.common_prefixes[j++];
      p.is_prefix = true;
      out.push_back(std::move(p));
    }
  }
  return out;
}

// The part size for an object of about `size` bytes: at least `part_size`, raised (to a whole
// MiB) so the object fits in 10,000 parts.
uint64_t PartSizeFor(uint64_t part_size, uint64_t size) {
  constexpr uint64_t kMiB = 1ull << 20;
  uint64_t needed = (size + 9999) / 10000;
  if (needed > part_size) part_size = (needed + kMiB - 1) / kMiB * kMiB;
  return part_size;
}

}  // namespace

Result<std::unique_ptr<S3ObjectStore>> S3ObjectStore::Make(S3Client* client, std::string bucket,
                                                           S3ObjectStoreOptions options) {
  if (client == nullptr) return InvalidArgumentError("S3ObjectStore needs an S3 client");
  if (bucket.empty()) return InvalidArgumentError("S3ObjectStore needs a bucket name");
  if (options.list_page_size < 1 || options.list_page_size > 1000) {
    return InvalidArgumentError(
        fmt::format("list page size must be 1 to 1000, not {}", options.list_page_size));
  }
  if (options.read_chunk_size == 0) return InvalidArgumentError("read chunk size must be > 0");
  const S3ClientOptions& c = client->options();
  if (options.part_size == 0) options.part_size = std::max<uint64_t>(c.part_size, 1);
  if (options.multipart_threshold == 0) options.multipart_threshold = c.multipart_threshold;
  if (options.concurrency == 0) options.concurrency = std::max<size_t>(c.concurrency, 1);
  return std::unique_ptr<S3ObjectStore>(new S3ObjectStore(client, std::move(bucket), options));
}

std::string S3ObjectStore::UriFor(const std::string& key) const {
  return "s3://" + bucket_ + "/" + key;
}

Status S3ObjectStore::List(const ListOptions& options, const ListPageCallback& on_page) {
  ListObjectsRequest req;
  req.bucket = bucket_;
  req.prefix = options.prefix;
  req.delimiter = options.delimiter;
  req.start_after = options.start_after;
  uint64_t listed = 0;
  while (true) {
    uint64_t want = options_.list_page_size;
    if (options.max_keys != 0) want = std::min(want, options.max_keys - listed);
    req.max_keys = static_cast<int>(want);
    S3C_ASSIGN_OR_RETURN(ListObjectsPage page, client_->ListObjectsV2(req));
    std::vector<ObjectInfo> entries = MergePage(page);
    listed += entries.size();
    if (!entries.empty()) S3C_RETURN_IF_ERROR(on_page(entries));
    if (!page.is_truncated || (options.max_keys != 0 && listed >= options.max_keys)) break;
    if (page.next_continuation_token.empty()) {
      return InternalError(
          fmt::format("ListObjectsV2 {}: truncated page without a continuation "
                      "token",
                      UriFor(options.prefix)));
    }
    req.continuation_token = page.next_continuation_token;
  }
  return Status::OK();
}

Result<ObjectInfo> S3ObjectStore::Stat(const std::string& key) {
  S3C_ASSIGN_OR_RETURN(HeadObjectResult head, client_->HeadObject(bucket_, key));
  ObjectInfo info;
  info.key = key;
  info.size = head.size;
  info.etag = head.etag;
  info.last_modified = head.last_modified;
  return info;
}

Result<std::unique_ptr<RandomAccessFile>> S3ObjectStore::OpenRandomAccess(
    const std::string& key, const std::optional<ObjectInfo>& known, uint64_t tail_bytes) {
  S3Location where{client_, bucket_, key, UriFor(key)};
  ObjectInfo info;
  if (known && known->details_known && !known->etag.empty()) {
    info = *known;
  } else if (tail_bytes > 0) {
    return store_internal::OpenS3RandomAccessWithTail(std::move(where), tail_bytes);
  } else {
    S3C_ASSIGN_OR_RETURN(info, Stat(key));
  }
  return store_internal::MakeS3RandomAccess(std::move(where), info.size, info.etag);
}

std::map<std::string, uint64_t> S3ObjectStore::WholeStreamReadRequests(uint64_t size) const {
  // Every range of an empty object is past its end (416): the HEAD tells it from a missing key.
  if (size == 0) return {{"GetObject", 1}, {"HeadObject", 1}};
  return {{"GetObject", store_internal::StreamReadGets(size, options_.read_chunk_size)}};
}

Result<std::unique_ptr<InputStream>> S3ObjectStore::OpenInput(const std::string& key,
                                                              const ReadOptions& options) {
  uint64_t chunk = options_.read_chunk_size;
  size_t ahead = static_cast<size_t>(std::max<uint64_t>(options.readahead_bytes / chunk, 1));
  return store_internal::OpenS3Input(S3Location{client_, bucket_, key, UriFor(key)}, options, chunk,
                                     std::min(ahead, options_.concurrency));
}

Result<ObjectInfo> S3ObjectStore::ReadInto(const std::string& key, const ReadOptions& options,
                                           const OffsetSink& sink,
                                           const std::function<void(const ObjectInfo&)>& on_info) {
  uint64_t chunk = options_.read_chunk_size;
  size_t ahead = static_cast<size_t>(std::max<uint64_t>(options.readahead_bytes / chunk, 1));
  return store_internal::S3ReadInto(S3Location{client_, bucket_, key, UriFor(key)}, options, chunk,
                                    std::min(ahead, options_.concurrency), sink, on_info);
}

Result<std::unique_ptr<OutputStream>> S3ObjectStore::OpenOutput(const std::string& key,
                                                                const WriteOptions& options) {
  if (key.empty()) return InvalidArgumentError("empty object key in " + UriFor(""));
  store_internal::S3WriterConfig config;
  config.multipart_threshold = options_.multipart_threshold;
  config.part_size =
      options.size_hint ? PartSizeFor(options_.part_size, *options.size_hint) : options_.part_size;
  config.concurrency = options.max_parts_in_flight > 0
                           ? std::min(options.max_parts_in_flight, options_.concurrency)
                           : options_.concurrency;
  return store_internal::MakeS3Output(S3Location{client_, bucket_, key, UriFor(key)}, options,
                                      config);
}

Result<std::string> S3ObjectStore::Put(const std::string& key, std::string data,
                                       const WriteOptions& options) {
  if (key.empty()) return InvalidArgumentError("empty object key in " + UriFor(""));
  PutOptions put;
  put.if_none_match = options.if_none_match;
  put.if_match = options.if_match;
  put.content_type = options.content_type;
  auto etag = client_->PutObject(bucket_, key, MakeS3RequestBody(std::move(data)), put);
  if (!etag.ok()) return store_internal::WritePreconditionError(etag.status(), options);
  return etag;
}

Status S3ObjectStore::Copy(const std::string& src_key, const std::string& dst_key) {
  return client_->CopyObject(bucket_, src_key, bucket_, dst_key);
}

Status S3ObjectStore::CopyFrom(const S3ObjectStore& source, const std::string& src_key,
                               const std::string& dst_key, const std::optional<ObjectInfo>& known) {
  std::optional<S3Object> known_source;
  if (known) known_source = S3Object{src_key, known->size, known->etag, known->last_modified};
  return client_->CopyObject(source.bucket_, src_key, bucket_, dst_key, known_source);
}

Status S3ObjectStore::DeleteMany(const std::vector<std::string>& keys) {
  std::vector<DeleteError> refused;
  for (size_t i = 0; i < keys.size(); i += kDeleteBatch) {
    std::vector<std::string> batch(keys.begin() + i,
                                   keys.begin() + std::min(keys.size(), i + kDeleteBatch));
    S3C_ASSIGN_OR_RETURN(std::vector<DeleteError> errors, client_->DeleteObjects(bucket_, batch));
    refused.insert(refused.end(), errors.begin(), errors.end());
  }
  if (refused.empty()) return Status::OK();
  bool all_denied = std::all_of(refused.begin(), refused.end(),
                                [](const DeleteError& e) { return e.code == "AccessDenied"; });
  std::vector<std::string> named;
  for (size_t i = 0; i < refused.size() && i < 20; ++i) {
    named.push_back(
        fmt::format("{} ({}: {})", refused[i].key, refused[i].code, refused[i].message));
  }
  if (refused.size() > named.size()) {
    named.push_back(fmt::format("and {} more", refused.size() - named.size()));
  }
  std::string msg = fmt::format("DeleteObjects refused {} of {} keys in {}: {}", refused.size(),
                                keys.size(), UriFor(""), Join(named, ", "));
  Status st = all_denied ? PermissionDeniedError(msg) : InternalError(msg);
  ErrorContext ctx;
  ctx.operation = "DeleteObjects";
  ctx.resource = UriFor("");
  ctx.s3_code = refused.front().code;
  st.SetContext(ctx);
  return st;
}

Result<std::vector<PendingUpload>> S3ObjectStore::ListPendingUploads(const std::string& prefix) {
  ListUploadsRequest req;
  req.bucket = bucket_;
  req.prefix = prefix;
  req.max_uploads = options_.list_page_size;
  std::vector<PendingUpload> out;
  while (true) {
    S3C_ASSIGN_OR_RETURN(ListUploadsPage page, client_->ListMultipartUploads(req));
    for (MultipartUpload& u : page.uploads) {
      out.push_back(PendingUpload{std::move(u.key), std::move(u.upload_id), u.initiated});
    }
    if (!page.is_truncated) return out;
    // The client refuses a truncated page without a NextKeyMarker; a marker that does not
    // move would list the same page forever.
    if (page.next_key_marker == req.key_marker &&
        page.next_upload_id_marker == req.upload_id_marker) {
      return InternalError(fmt::format(
          "ListMultipartUploads {}: a truncated page repeats the markers (key '{}', upload '{}')",
          UriFor(prefix), req.key_marker, req.upload_id_marker));
    }
    req.key_marker = page.next_key_marker;
    req.upload_id_marker = page.next_upload_id_marker;
  }
}

std::optional<WallTime> S3ObjectStore::ServerTime() const { return client_->LastServerDate(); }

Status S3ObjectStore::AbortPendingUpload(const PendingUpload& upload) {
  return client_->AbortMultipartUpload(bucket_, upload.key, upload.upload_id);
}

}  // namespace s3c
