// Status and Result<T>: errors are values (docs/architecture.md, convention 1).
// Codes follow Abseil's meaning. A Status may carry a retryable bit and an ErrorContext
// (operation, resource, HTTP status, S3 code, request id, attempts, hint) so the CLI can
// print one actionable line. An OK Status allocates nothing.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <variant>

namespace s3c {

enum class StatusCode {
  kOk = 0,
  kCancelled,
  kUnknown,
  kInvalidArgument,
  kDeadlineExceeded,
  kNotFound,
  kAlreadyExists,
  kPermissionDenied,
  kResourceExhausted,
  kFailedPrecondition,
  kAborted,
  kOutOfRange,
  kUnimplemented,
  kInternal,
  kUnavailable,
  kDataLoss,
  kUnauthenticated,
};

const char* StatusCodeName(StatusCode code);

// Where an error happened; every field is optional (empty / 0 = unknown).
struct ErrorContext {
  std::string operation;   // e.g. "GetObject"
  std::string resource;    // e.g. "s3://bucket/key" or a local path
  int http_status = 0;
  std::string s3_code;     // e.g. "NoSuchKey"
  std::string request_id;
  int attempts = 0;
  std::string hint;        // what a person can do about it
};

class [[nodiscard]] Status {
 public:
  Status() = default;  // OK
  Status(StatusCode code, std::string message);

  static Status OK() { return Status(); }

  bool ok() const { return state_ == nullptr; }
  StatusCode code() const { return state_ ? state_->code : StatusCode::kOk; }
  const std::string& message() const;
  // True when repeating the same call may succeed (only s3/ acts on it: one retry layer).
  bool retryable() const { return state_ && state_->retryable; }
  const ErrorContext& context() const;

  Status& SetRetryable(bool retryable);
  Status& SetContext(ErrorContext context);
  ErrorContext& mutable_context();

  // "NotFound: GetObject s3://b/k: HTTP 404 NoSuchKey (request id X, 1 attempt): message. Hint: ..."
  std::string ToString() const;

  // Ignores a Status on purpose (e.g. best-effort cleanup in a destructor).
  void IgnoreError() const {}

 private:
  struct State {
    StatusCode code;
    std::string message;
    bool retryable = false;
    ErrorContext context;
  };
  std::shared_ptr<State> state_;  // copy-on-write: mutators clone when shared
  State& Mutable();
};

inline Status CancelledError(std::string m) { return {StatusCode::kCancelled, std::move(m)}; }
inline Status UnknownError(std::string m) { return {StatusCode::kUnknown, std::move(m)}; }
inline Status InvalidArgumentError(std::string m) { return {StatusCode::kInvalidArgument, std::move(m)}; }
inline Status DeadlineExceededError(std::string m) { return {StatusCode::kDeadlineExceeded, std::move(m)}; }
inline Status NotFoundError(std::string m) { return {StatusCode::kNotFound, std::move(m)}; }
inline Status AlreadyExistsError(std::string m) { return {StatusCode::kAlreadyExists, std::move(m)}; }
inline Status PermissionDeniedError(std::string m) { return {StatusCode::kPermissionDenied, std::move(m)}; }
inline Status ResourceExhaustedError(std::string m) { return {StatusCode::kResourceExhausted, std::move(m)}; }
inline Status FailedPreconditionError(std::string m) { return {StatusCode::kFailedPrecondition, std::move(m)}; }
inline Status AbortedError(std::string m) { return {StatusCode::kAborted, std::move(m)}; }
inline Status OutOfRangeError(std::string m) { return {StatusCode::kOutOfRange, std::move(m)}; }
inline Status UnimplementedError(std::string m) { return {StatusCode::kUnimplemented, std::move(m)}; }
inline Status InternalError(std::string m) { return {StatusCode::kInternal, std::move(m)}; }
inline Status UnavailableError(std::string m) { return {StatusCode::kUnavailable, std::move(m)}; }
inline Status DataLossError(std::string m) { return {StatusCode::kDataLoss, std::move(m)}; }
inline Status UnauthenticatedError(std::string m) { return {StatusCode::kUnauthenticated, std::move(m)}; }

// Result<T>: a T or a non-OK Status.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(Status status) : v_(std::move(status)) {  // NOLINT(google-explicit-constructor)
    if (std::get<Status>(v_).ok()) v_ = Status(StatusCode::kInternal, "Result built from OK Status");
  }

  bool ok() const { return std::holds_alternative<T>(v_); }
  Status status() const { return ok() ? Status::OK() : std::get<Status>(v_); }

  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T value_or(T other) const& { return ok() ? value() : std::move(other); }

 private:
  std::variant<Status, T> v_;
};

}  // namespace s3c

#define S3C_CONCAT_INNER_(a, b) a##b
#define S3C_CONCAT_(a, b) S3C_CONCAT_INNER_(a, b)

#define S3C_RETURN_IF_ERROR(expr)                  \
  do {                                             \
    ::s3c::Status s3c_status_ = (expr);            \
    if (!s3c_status_.ok()) return s3c_status_;     \
  } while (0)

#define S3C_ASSIGN_OR_RETURN_IMPL_(tmp, lhs, expr) \
  auto tmp = (expr);                               \
  if (!tmp.ok()) return tmp.status();              \
  lhs = std::move(tmp).value()

// S3C_ASSIGN_OR_RETURN(auto x, MakeX()); returns the error Status if MakeX() failed.
#define S3C_ASSIGN_OR_RETURN(lhs, expr) \
  S3C_ASSIGN_OR_RETURN_IMPL_(S3C_CONCAT_(s3c_result_, __LINE__), lhs, expr)
