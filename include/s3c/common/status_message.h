// Rewording an error without losing where it happened (status.h): a layer that names what it
// was doing ("pipeline p: " + message) keeps the failed request's operation and object.
#pragma once

#include <string>

#include "s3c/common/status.h"

namespace s3c {

// The same error (code, retryable bit, ErrorContext) with `message` instead of its own.
// OK stays OK.
Status WithMessage(const Status& status, std::string message);

}  // namespace s3c
