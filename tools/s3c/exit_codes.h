// The s3c command's exit codes (documented in docs/cli.md and `s3c --help`).
#pragma once

#include "s3c/common/status.h"

namespace s3c::cli {

enum ExitCode : int {
  kExitOk = 0,
  kExitOther = 1,          // anything not listed below (network down, server error, bug)
  kExitUsage = 2,          // bad command line or configuration (unknown option, bad URI, profile)
  kExitNotFound = 3,       // the bucket, key or local file does not exist
  kExitAccessDenied = 4,   // credentials missing or refused, access denied
  kExitDataError = 5,      // data problem: corrupt or changed object, failed precondition
  kExitInterrupted = 130,  // SIGINT
};

ExitCode ExitCodeFor(const Status& status);

}  // namespace s3c::cli
