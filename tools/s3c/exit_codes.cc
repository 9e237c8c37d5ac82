#include "exit_codes.h"

namespace s3c::cli {

ExitCode ExitCodeFor(const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk: return kExitOk;
    case StatusCode::kInvalidArgument: return kExitUsage;
    case StatusCode::kNotFound: return kExitNotFound;
    case StatusCode::kPermissionDenied:
    case StatusCode::kUnauthenticated: return kExitAccessDenied;
    case StatusCode::kDataLoss:
    case StatusCode::kAborted:
    case StatusCode::kFailedPrecondition:
    case StatusCode::kAlreadyExists: return kExitDataError;
    case StatusCode::kCancelled: return kExitInterrupted;
    default: return kExitOther;
  }
}

}  // namespace s3c::cli
