// Streaming GetObject with resume: bytes go to the caller's sink as they arrive; when the body
// breaks mid-stream the executor's retry re-sends a ranged GET from the next byte with If-Match
// on the first response's ETag, so the sink sees every byte exactly once. A 412 on a resumed
// request means the object was replaced between the two responses: Aborted.
#pragma once

#include <string>

#include "s3/request_executor.h"

namespace s3c::s3 {

class GetStream {
 public:
  explicit GetStream(BodySink sink) : sink_(std::move(sink)) {}
  // Installs the sink, header and prepare hooks on call.
  void Attach(S3Call& call);

  uint64_t delivered() const { return delivered_; }
  bool resumed() const { return resumed_; }
  bool have_first() const { return have_first_; }
  int first_status() const { return first_status_; }
  const std::string& etag() const { return etag_; }
  uint64_t total_size() const { return total_; }
  WallTime last_modified() const { return last_modified_; }

 private:
  void OnHeaders(int status, const HttpHeaders& headers);
  Status Prepare(HttpRequest& request);

  BodySink sink_;
  // Attempts of one call never overlap, and the transport orders each attempt's callbacks, so
  // these need no lock.
  uint64_t delivered_ = 0;
  bool resumed_ = false;
  bool have_first_ = false;
  int first_status_ = 0;
  std::string etag_;
  uint64_t first_start_ = 0;  // absolute offset of the first response's first byte
  uint64_t first_end_ = 0;    // inclusive; meaningful when first_len_ > 0
  uint64_t first_len_ = 0;
  uint64_t total_ = 0;
  WallTime last_modified_{};
};

// Parses "bytes FIRST-LAST/TOTAL" ("*" total -> 0). False on garbage.
bool ParseContentRange(const std::string& value, uint64_t* first, uint64_t* last, uint64_t* total);

// Builds the GetObjectResult of a finished call (stream is null without a sink).
Result<GetObjectResult> FinishGet(const GetStream* stream, Result<HttpResponse> response);

// A copy of s with another message (context and retryable bit kept).
Status WithMessage(const Status& s, std::string message);

}  // namespace s3c::s3
