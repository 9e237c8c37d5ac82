// WithMessage (status_message.h).
#include "s3c/common/status_message.h"

#include <utility>

namespace s3c {

Status WithMessage(const Status& status, std::string message) {
  if (status.ok()) return status;
  Status out(status.code(), std::move(message));
  out.SetRetryable(status.retryable());
  out.SetContext(status.context());
  return out;
}

}  // namespace s3c
