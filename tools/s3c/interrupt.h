// Ctrl-C handling: the first SIGINT/SIGTERM asks running transfers to stop at their next chunk
// so writers abort cleanly (multipart uploads aborted, temp files removed) and the command exits
// 130; a second signal ends the process at once.
#pragma once

#include "s3c/common/status.h"

namespace s3c::cli {

void InstallInterruptHandler();
bool Interrupted();
// Cancelled("interrupted") once a signal arrived, else OK.
Status CheckInterrupted();

}  // namespace s3c::cli
