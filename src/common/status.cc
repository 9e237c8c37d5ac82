#include "s3c/common/status.h"

#include <fmt/format.h>

namespace s3c {

const char* StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "OK";
    case StatusCode::kCancelled: return "Cancelled";
    case StatusCode::kUnknown: return "Unknown";
    case StatusCode::kInvalidArgument: return "InvalidArgument";
    case StatusCode::kDeadlineExceeded: return "DeadlineExceeded";
    case StatusCode::kNotFound: return "NotFound";
    case StatusCode::kAlreadyExists: return "AlreadyExists";
    case StatusCode::kPermissionDenied: return "PermissionDenied";
    case StatusCode::kResourceExhausted: return "ResourceExhausted";
    case StatusCode::kFailedPrecondition: return "FailedPrecondition";
    case StatusCode::kAborted: return "Aborted";
    case StatusCode::kOutOfRange: return "OutOfRange";
    case StatusCode::kUnimplemented: return "Unimplemented";
    case StatusCode::kInternal: return "Internal";
    case StatusCode::kUnavailable: return "Unavailable";
    case StatusCode::kDataLoss: return "DataLoss";
    case StatusCode::kUnauthenticated: return "Unauthenticated";
  }
  return "Unknown";
}

Status::Status(StatusCode code, std::string message) {
  if (code == StatusCode::kOk) return;
  state_ = std::make_shared<State>();
  state_->code = code;
  state_->message = std::move(message);
}

const std::string& Status::message() const {
  static const std::string kEmpty;
  return state_ ? state_->message : kEmpty;
}

const ErrorContext& Status::context() const {
  static const ErrorContext kEmpty;
  return state_ ? state_->context : kEmpty;
}

Status::State& Status::Mutable() {
  if (!state_) {
    state_ = std::make_shared<State>();
    state_->code = StatusCode::kUnknown;
  } else if (state_.use_count() > 1) {
    state_ = std::make_shared<State>(*state_);
  }
  return *state_;
}

Status& Status::SetRetryable(bool retryable) {
  if (!ok()) Mutable().retryable = retryable;
  return *this;
}

Status& Status::SetContext(ErrorContext context) {
  if (!ok()) Mutable().context = std::move(context);
  return *this;
}

ErrorContext& Status::mutable_context() { return Mutable().context; }

std::string Status::ToString() const {
  if (ok()) return "OK";
  const ErrorContext& c = state_->context;
  std::string out = StatusCodeName(state_->code);
  out += ":";
  if (!c.operation.empty()) out += " " + c.operation;
  if (!c.resource.empty()) out += " " + c.resource;
  std::string detail;
  if (c.http_status != 0) detail += fmt::format("HTTP {}", c.http_status);
  if (!c.s3_code.empty()) detail += (detail.empty() ? "" : " ") + c.s3_code;
  std::string paren;
  if (!c.request_id.empty()) paren += "request id " + c.request_id;
  if (c.attempts > 0) {
    paren += fmt::format("{}{} attempt{}", paren.empty() ? "" : ", ", c.attempts,
                         c.attempts == 1 ? "" : "s");
  }
  if (!paren.empty()) detail += (detail.empty() ? "(" : " (") + paren + ")";
  if (!detail.empty()) {
    // "GetObject s3://b/k: HTTP 404 ..." but "GetObject s3://b/k (3 attempts): ..."
    bool only_paren = detail.front() == '(';
    out += (out.back() == ':' ? " " : (only_paren ? " " : ": ")) + detail;
  }
  if (!state_->message.empty()) out += (out.back() == ':' ? " " : ": ") + state_->message;
  if (!c.hint.empty()) out += ". Hint: " + c.hint;
  return out;
}

}  // namespace s3c
