// S3Client: one method per S3 operation (docs/architecture.md: s3). It owns the one retry layer:
// every attempt is re-signed, classified by one function, and retried with standard-mode
// backoff (full jitter, retry quota, Retry-After). Errors carry an ErrorContext (operation,
// s3://bucket/key, HTTP status, S3 code, request id, attempts) and a hint.
// Thread-safe: one client serves every thread; async methods run their callback on a transport
// or timer thread (keep it short; do not block in it).
// API reference: https://docs.aws.amazon.com/AmazonS3/latest/API/API_Operations_Amazon_Simple_Storage_Service.html
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "s3c/auth/credentials.h"
#include "s3c/common/clock.h"
#include "s3c/common/status.h"
#include "s3c/http/http_client.h"
#include "s3c/s3/request_body.h"
#include "s3c/s3/request_stats.h"

namespace s3c {

enum class AddressingStyle { kAuto, kPath, kVirtual };

// Upload integrity: which checksum a PutObject / UploadPart carries.
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/checking-object-integrity-upload.html
enum class ChecksumMode {
  kMd5,  // Content-MD5 (every S3-compatible store accepts it)
  // x-amz-checksum-crc32c on PutObject and on every UploadPart. A multipart upload declares it
  // at CreateMultipartUpload (x-amz-checksum-algorithm CRC32C, x-amz-checksum-type COMPOSITE),
  // lists each part's value in CompleteMultipartUpload, and checks the composite checksum the
  // store answers with.
  kCrc32c,
  kWhenRequired,  // only where the API requires one (DeleteObjects' Content-MD5)
};

struct S3ClientOptions {
  std::string region = "us-east-1";
  std::string endpoint_url;          // "" = AWS regional endpoint (https://s3.REGION.amazonaws.com)
  AddressingStyle addressing = AddressingStyle::kAuto;  // auto: virtual on AWS unless the bucket
                                                        // has dots; path on custom endpoints
  int max_attempts = 3;              // standard mode
  std::chrono::milliseconds max_backoff{20000};
  ChecksumMode checksum = ChecksumMode::kMd5;
  uint64_t part_size = 8ull << 20;   // multipart part size (raised to stay under 10,000 parts)
  uint64_t multipart_threshold = 8ull << 20;
  size_t concurrency = 16;           // parts / ranges in flight per transfer
  // Above this size CopyObject runs a multipart copy (S3's single-copy limit is 5 GiB).
  uint64_t max_single_copy_size = 5ull << 30;
  size_t delete_batch_size = 1000;   // keys per DeleteObjects request (S3's maximum)
};

// Everything the client uses is injected (convention 6). Pointers are not owned and must
// outlive the client.
struct S3ClientDeps {
  HttpClient* http = nullptr;
  CredentialsProvider* credentials = nullptr;
  Clock* clock = nullptr;
  Sleeper* sleeper = nullptr;   // used by sync retry waits; async retries use a timer thread
  Random* random = nullptr;
  RequestStats* stats = nullptr;  // may be null
};

struct S3Object {
  std::string key;
  uint64_t size = 0;
  std::string etag;  // quotes stripped
  WallTime last_modified{};
};

struct ListObjectsRequest {
  std::string bucket;
  std::string prefix;
  std::string delimiter;
  std::string start_after;
  std::string continuation_token;
  int max_keys = 1000;
};

struct ListObjectsPage {
  std::vector<S3Object> objects;            // keys decoded (encoding-type=url is always sent)
  std::vector<std::string> common_prefixes; // decoded
  bool is_truncated = false;
  std::string next_continuation_token;
};

// ListMultipartUploads: the uploads begun and neither completed nor aborted, in key order and,
// for one key, in initiation order.
struct ListUploadsRequest {
  std::string bucket;
  std::string prefix;
  std::string delimiter;
  // Continue after (key_marker, upload_id_marker): a page's next_key_marker and
  // next_upload_id_marker. S3 ignores upload_id_marker without key_marker.
  std::string key_marker;
  std::string upload_id_marker;
  int max_uploads = 1000;
};

struct MultipartUpload {
  std::string key;  // as stored (encoding-type is not sent: see ops_list.cc)
  std::string upload_id;
  WallTime initiated{};
};

struct ListUploadsPage {
  std::vector<MultipartUpload> uploads;
  std::vector<std::string> common_prefixes;
  bool is_truncated = false;
  std::string next_key_marker;
  std::string next_upload_id_marker;
};

struct HeadObjectResult {
  uint64_t size = 0;
  std::string etag;
  WallTime last_modified{};
  std::string content_type;
};

struct GetObjectRequest {
  std::string bucket;
  std::string key;
  // Byte range [first, last] inclusive; or a suffix of N bytes; or neither (whole object).
  std::optional<std::pair<uint64_t, uint64_t>> range;
  std::optional<uint64_t> suffix_length;
  std::string if_match;       // ETag; mismatch -> FailedPrecondition (412)
  std::string if_none_match;  // ETag; match -> result.not_modified
  std::optional<WallTime> if_modified_since;
  // Streaming: bytes go here as they arrive instead of into result.body. If the body breaks
  // mid-stream the client resumes from the next byte with If-Match on the first ETag, so the
  // sink sees every byte exactly once.
  S3ResponseSink sink;
};

struct GetObjectResult {
  int http_status = 0;        // 200, 206 or 304
  bool not_modified = false;  // 304
  std::string body;           // empty when a sink was given
  uint64_t content_length = 0;
  uint64_t total_size = 0;    // whole object size (from Content-Range or Content-Length)
  std::string etag;
  WallTime last_modified{};
};

struct PutOptions {
  bool if_none_match = false;  // If-None-Match: * (create only)
  std::string if_match;        // replace only this ETag
  std::string content_type;
};

// One uploaded part, as UploadPart returns it and CompleteMultipartUpload lists it.
struct CompletedPart {
  int part_number = 0;
  std::string etag;
  std::string checksum_crc32c;  // base64 x-amz-checksum-crc32c of the part; "" when not sent
};

struct DeleteError {
  std::string key;
  std::string code;
  std::string message;
};

class S3Client {
 public:
  static Result<std::unique_ptr<S3Client>> Make(S3ClientOptions options, S3ClientDeps deps);
  virtual ~S3Client() = default;

  virtual const S3ClientOptions& options() const = 0;
  // The server's clock: the Date header of the latest successful response (nullopt before one).
  virtual std::optional<WallTime> LastServerDate() const { return std::nullopt; }

  virtual Result<ListObjectsPage> ListObjectsV2(const ListObjectsRequest& request) = 0;
  virtual Result<HeadObjectResult> HeadObject(const std::string& bucket, const std::string& key,
                                              const std::string& if_match = "") = 0;
  virtual Result<GetObjectResult> GetObject(const GetObjectRequest& request) = 0;
  virtual void GetObjectAsync(GetObjectRequest request,
                              std::function<void(Result<GetObjectResult>)> done) = 0;

  // Returns the new ETag. Precondition failures are FailedPrecondition.
  virtual Result<std::string> PutObject(const std::string& bucket, const std::string& key,
                                        S3RequestBody body,
                                        const PutOptions& options = {}) = 0;

  // Under ChecksumMode::kCrc32c the upload is declared with that algorithm (S3 then requires
  // every part's checksum on UploadPart and in CompleteMultipartUpload).
  virtual Result<std::string> CreateMultipartUpload(const std::string& bucket,
                                                    const std::string& key,
                                                    const PutOptions& options = {}) = 0;
  // The part as CompleteMultipartUpload needs it: number, ETag and, under kCrc32c, the
  // checksum sent (and echoed by the store, if it answers with one).
  virtual void UploadPartAsync(const std::string& bucket, const std::string& key,
                               const std::string& upload_id, int part_number,
                               S3RequestBody body,
                               std::function<void(Result<CompletedPart>)> done) = 0;
  Result<CompletedPart> UploadPart(const std::string& bucket, const std::string& key,
                                   const std::string& upload_id, int part_number,
                                   S3RequestBody body);
  // A 200 response whose body is an <Error> document is a failure. Parts carrying a
  // checksum_crc32c are listed with it (all parts or none); when the store answers with a
  // composite ChecksumCRC32C it must equal the one computed from the parts (else DataLoss).
  virtual Result<std::string> CompleteMultipartUpload(const std::string& bucket,
                                                      const std::string& key,
                                                      const std::string& upload_id,
                                                      const std::vector<CompletedPart>& parts,
                                                      const PutOptions& options = {}) = 0;
  // An upload already gone (NoSuchUpload: completed, aborted, a retried abort) is success.
  virtual Status AbortMultipartUpload(const std::string& bucket, const std::string& key,
                                      const std::string& upload_id) = 0;
  // One page of the bucket's uploads in progress (max_uploads in 1..1000). A truncated page
  // always names the next markers (else InvalidArgument). Keys come literal: a key holding a
  // character XML 1.0 cannot carry makes the page fail to parse (InvalidArgument).
  virtual Result<ListUploadsPage> ListMultipartUploads(const ListUploadsRequest& request) = 0;

  // Server-side copy; above 5 GiB it runs a multipart copy (UploadPartCopy) transparently.
  // The size decides which, so the source is HEADed first unless `known_source` (size and ETag,
  // e.g. from a listing) saves that request.
  virtual Status CopyObject(const std::string& src_bucket, const std::string& src_key,
                            const std::string& dst_bucket, const std::string& dst_key,
                            const std::optional<S3Object>& known_source) = 0;
  Status CopyObject(const std::string& src_bucket, const std::string& src_key,
                    const std::string& dst_bucket, const std::string& dst_key) {
    return CopyObject(src_bucket, src_key, dst_bucket, dst_key, std::nullopt);
  }

  // Batches of 1000 (quiet mode). Keys S3 refused come back in the vector.
  virtual Result<std::vector<DeleteError>> DeleteObjects(const std::string& bucket,
                                                         const std::vector<std::string>& keys) = 0;

  virtual Status CreateBucket(const std::string& bucket) = 0;
  virtual Result<bool> BucketExists(const std::string& bucket) = 0;

  // A presigned GET URL (secrets appear only in the returned URL, never in logs).
  virtual Result<std::string> PresignGetObject(const std::string& bucket, const std::string& key,
                                               std::chrono::seconds expires) = 0;

  // Part size for an object of `size` bytes: options().part_size, raised so the object needs
  // at most 10,000 parts, rounded up to a MiB.
  uint64_t PartSizeFor(uint64_t size) const;
};

}  // namespace s3c
