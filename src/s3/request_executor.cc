#include "s3/request_executor.h"

#include <fmt/format.h>

#include <future>

#include "s3/xml_parsers.h"
#include "s3c/auth/crypto.h"
#include "s3c/auth/sigv4.h"
#include "s3c/common/log.h"
#include "s3c/common/strings.h"
#include "s3c/common/time_format.h"

namespace s3c::s3 {

struct RequestExecutor::CallState {
  S3Call call;
  S3CallDone done;
  int attempts = 0;
  int standard_retries = 0;
  int acquired_tokens = 0;
  bool skew_retried = false;
  bool token_retried = false;
  bool region_retried = false;
  std::string used_region;
  std::string resource;
};

std::string ResourceName(const std::string& bucket, const std::string& key) {
  if (key.empty()) return "s3://" + bucket;
  return "s3://" + bucket + "/" + key;
}

RequestExecutor::RequestExecutor(const S3ClientOptions& options, const S3ClientDeps& deps)
    : options_(options), deps_(deps), timer_(deps.clock, deps.sleeper) {}

RequestExecutor::~RequestExecutor() {
  std::unique_lock<std::mutex> lock(mu_);
  shutting_down_ = true;
  idle_cv_.wait(lock, [this] { return in_flight_ == 0; });
}

std::string RequestExecutor::RegionFor(const std::string& bucket) const {
  std::lock_guard<std::mutex> lock(mu_);
  auto it = bucket_regions_.find(bucket);
  return it == bucket_regions_.end() ? options_.region : it->second;
}

bool RequestExecutor::UsesHttps() const {
  return options_.endpoint_url.empty() || StartsWith(ToLower(options_.endpoint_url), "https://");
}

WallTime RequestExecutor::SigningTime() const {
  return deps_.clock->Now() +
         std::chrono::duration_cast<WallTime::duration>(Duration(clock_offset_ns_.load()));
}

Result<Credentials> RequestExecutor::GetCredentials() {
  if (deps_.credentials == nullptr) return Credentials::Anonymous();
  Result<Credentials> creds = deps_.credentials->GetCredentials();
  if (creds.ok()) return creds;
  // Nothing was sent to S3: the S3 operation frames the error (Fail), but an HTTP status, code
  // or request id in its context is the credential service's (STS, IMDS, ...), so it moves into
  // the message rather than reading as S3's answer.
  const Status& s = creds.status();
  const ErrorContext& from = s.context();
  std::string where;
  if (from.http_status != 0 &&
      s.message().find(fmt::format("HTTP {}", from.http_status)) == std::string::npos) {
    where = fmt::format(" ({} {}: HTTP {}{})", from.operation, from.resource, from.http_status,
                        from.s3_code.empty() ? "" : " " + from.s3_code);
  }
  Status out(s.code(), fmt::format("no request was sent: {}{}", s.message(), where));
  out.SetRetryable(s.retryable());
  ErrorContext ctx;
  ctx.hint = from.hint;
  out.SetContext(std::move(ctx));
  return out;
}

Result<HttpResponse> RequestExecutor::ExecuteSync(S3Call call) {
  auto promise = std::make_shared<std::promise<Result<HttpResponse>>>();
  std::future<Result<HttpResponse>> future = promise->get_future();
  Execute(std::move(call), [promise](Result<HttpResponse> r) { promise->set_value(std::move(r)); });
  return future.get();
}

void RequestExecutor::Execute(S3Call call, S3CallDone done) {
  auto st = std::make_shared<CallState>();
  st->resource = ResourceName(call.bucket, call.key);
  st->call = std::move(call);
  st->done = std::move(done);
  {
    std::lock_guard<std::mutex> lock(mu_);
    ++in_flight_;
  }
  StartAttempt(std::move(st));
}

Status RequestExecutor::Fail(const CallState& st, Status status) const {
  ErrorContext& ctx = status.mutable_context();
  ctx.operation = st.call.operation;
  ctx.resource = st.resource;
  ctx.attempts = st.attempts;
  return status;
}

void RequestExecutor::Finish(std::shared_ptr<CallState> st, Result<HttpResponse> result) {
  S3CallDone done = std::move(st->done);
  st.reset();
  done(std::move(result));
  std::lock_guard<std::mutex> lock(mu_);
  if (--in_flight_ == 0) idle_cv_.notify_all();
}

void RequestExecutor::Retry(std::shared_ptr<CallState> st, Duration delay) {
  timer_.RunAfter(delay, [this, st = std::move(st)]() mutable {
    bool stopping;
    {
      std::lock_guard<std::mutex> lock(mu_);
      stopping = shutting_down_;
    }
    if (stopping) {
      Status s = Fail(*st, CancelledError("the S3 client was destroyed before the retry"));
      Finish(std::move(st), s);
      return;
    }
    StartAttempt(std::move(st));
  });
}

void RequestExecutor::StartAttempt(std::shared_ptr<CallState> st) {
  S3Call& call = st->call;
  st->used_region = RegionFor(call.bucket);
  Result<ResolvedUrl> url = ResolveUrl(options_.endpoint_url, options_.addressing, st->used_region,
                                       call.bucket, call.key, call.query);
  if (!url.ok()) return Finish(st, Fail(*st, url.status()));

  HttpRequest req;
  req.method = call.method;
  req.url = url->url;
  req.headers = call.headers;
  req.body = call.body;
  req.sink = call.sink;
  req.on_headers = call.on_headers;
  ++st->attempts;
  if (call.prepare) {
    Status s = call.prepare(req, st->attempts);
    if (!s.ok()) return Finish(st, Fail(*st, s));
  }

  Result<Credentials> creds = GetCredentials();
  if (!creds.ok()) {
    Status s = Fail(*st, creds.status());
    s.mutable_context().attempts = st->attempts - 1;  // this one was never sent
    return Finish(st, s);
  }
  SigningParams params;
  params.region = st->used_region;
  params.time = SigningTime();
  if (!call.body || call.body->size() == 0) {
    params.payload_hash = kEmptyPayloadSha256;
  } else if (UsesHttps()) {
    params.payload_hash = kUnsignedPayload;
  } else {
    // Plain http: the payload hash is signed, which costs a pass over the body (CPU for large
    // parts; acceptable on loopback / private endpoints).
    if (call.payload_sha256.empty()) {
      Sha256Hasher h;
      char buf[64 * 1024];
      Status rw = call.body->Rewind();
      while (rw.ok()) {
        Result<size_t> n = call.body->Read(buf, sizeof(buf));
        if (!n.ok()) {
          rw = n.status();
          break;
        }
        if (*n == 0) break;
        h.Update(buf, *n);
      }
      if (rw.ok()) rw = call.body->Rewind();
      if (!rw.ok()) return Finish(st, Fail(*st, rw));
      call.payload_sha256 = HexEncode(h.Finish());
    }
    params.payload_hash = call.payload_sha256;
  }
  if (Status s = SignRequest(req, *creds, params); !s.ok()) return Finish(st, Fail(*st, s));

  if (deps_.stats) deps_.stats->RecordAttempt(call.operation, st->attempts > 1);
  if (call.body) {
    // Sources are rewound by the transport before each transfer (http_client.h).
    if (deps_.stats) deps_.stats->AddBytes(call.body->size(), 0);
  }
  deps_.http->Submit(std::move(req), [this, st](Result<HttpResponse> r) mutable {
    OnResult(std::move(st), std::move(r));
  });
}

std::optional<WallTime> RequestExecutor::last_server_date() const {
  const int64_t ns = last_server_date_ns_.load();
  if (ns == 0) return std::nullopt;
  return WallTime(std::chrono::duration_cast<WallTime::duration>(Duration(ns)));
}

void RequestExecutor::OnResult(std::shared_ptr<CallState> st, Result<HttpResponse> result) {
  const Duration max_backoff = options_.max_backoff;
  RetryKind kind = RetryKind::kNone;
  Status final_status;
  S3ErrorInfo info;
  HttpResponse* resp = result.ok() ? &result.value() : nullptr;
  if (resp && deps_.stats) deps_.stats->AddBytes(0, resp->bytes_received);
  Log(LogLevel::kDebug, "{} {} attempt {}: {}", st->call.operation, st->resource, st->attempts,
      resp ? fmt::format("HTTP {}, {} bytes", resp->status, resp->bytes_received)
           : result.status().ToString());

  if (!resp) {
    kind = ClassifyTransportError(result.status());
    final_status = result.status();
  } else {
    int code = resp->status;
    bool success = (code >= 200 && code < 300) || (code == 304 && st->call.ok_304);
    if (success && st->call.error_in_200 && code == 200 && IsErrorDocument(resp->body)) {
      success = false;
    }
    if (success) {
      if (std::optional<WallTime> date = ParseHttpDate(resp->headers.Get("Date"))) {
        last_server_date_ns_.store(
            std::chrono::duration_cast<Duration>(date->time_since_epoch()).count());
      }
      quota_.OnSuccess(st->acquired_tokens);
      return Finish(std::move(st), std::move(result));
    }
    info = ExtractErrorInfo(*resp);
    kind = ClassifyHttpError(info, st->used_region);
  }

  Duration delay{0};
  bool retry = false;
  std::string not_retried;
  switch (kind) {
    case RetryKind::kWrongRegion:
      if (!st->region_retried && !st->call.bucket.empty()) {
        st->region_retried = true;
        retry = true;
        {
          std::lock_guard<std::mutex> lock(mu_);
          bucket_regions_[st->call.bucket] = info.region;
        }
        Log(LogLevel::kWarn,
            "bucket '{}' is in region {}, not {}: retrying there (set the region to {} to skip "
            "this redirect)",
            st->call.bucket, info.region, st->used_region, info.region);
      }
      break;
    case RetryKind::kClockSkew: {
      std::optional<WallTime> server = ParseHttpDate(resp->headers.Get("Date"));
      if (!st->skew_retried && server) {
        st->skew_retried = true;
        retry = true;
        Duration offset = std::chrono::duration_cast<Duration>(*server - deps_.clock->Now());
        clock_offset_ns_.store(offset.count());
        Log(LogLevel::kWarn, "local clock differs from the server's by {} s: correcting",
            std::chrono::duration_cast<std::chrono::seconds>(offset).count());
      }
      break;
    }
    case RetryKind::kExpiredToken:
      if (!st->token_retried) {
        st->token_retried = true;
        retry = true;
        if (deps_.credentials) deps_.credentials->Invalidate();
      }
      break;
    case RetryKind::kStandard:
    case RetryKind::kTimeout: {
      if (1 + st->standard_retries >= options_.max_attempts) break;
      int cost = kind == RetryKind::kTimeout ? kTimeoutRetryCost : kRetryCost;
      if (!quota_.TryAcquire(cost)) {
        not_retried = "not retried: retry quota exhausted";
        break;
      }
      st->acquired_tokens += cost;
      ++st->standard_retries;
      retry = true;
      std::optional<Duration> after;
      if (resp) after = ParseRetryAfter(resp->headers.Get("Retry-After"), deps_.clock->Now());
      if (after) {
        delay = std::min<Duration>(*after, max_backoff);
      } else {
        delay =
            BackoffDelay(st->standard_retries, deps_.random->NextDouble(), options_.max_backoff);
      }
      break;
    }
    case RetryKind::kNone:
      break;
  }
  if (retry) {
    Log(LogLevel::kInfo, "retrying {} {} in {} ms after {} (attempt {} of {})", st->call.operation,
        st->resource, std::chrono::duration_cast<std::chrono::milliseconds>(delay).count(),
        resp ? fmt::format("HTTP {} {}", resp->status, info.code) : final_status.ToString(),
        st->attempts + 1, options_.max_attempts);
    return Retry(std::move(st), delay);
  }

  Status s;
  if (!resp) {
    s = Fail(*st, final_status);
  } else {
    s = MapS3Error(info, st->call.operation, st->resource, st->attempts);
  }
  if (!not_retried.empty()) {
    s = Status(s.code(), s.message() + " (" + not_retried + ")")
            .SetRetryable(s.retryable())
            .SetContext(s.context());
  }
  Finish(std::move(st), std::move(s));
}

}  // namespace s3c::s3
