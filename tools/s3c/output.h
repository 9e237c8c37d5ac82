// Writing command output to stdout: plain lines and JSON values.
#pragma once

#include <string>
#include <string_view>

#include "s3c/common/clock.h"
#include "s3c/common/json_escape.h"
#include "s3c/common/status.h"

namespace s3c::cli {

using ::s3c::JsonQuote;  // common/json_escape.h
// "2024-01-31 12:34:56" in UTC.
std::string FormatListingTime(WallTime t);
// Writes to stdout; a closed pipe (EPIPE) is reported as Cancelled so `s3c ls | head` exits
// quietly.
Status WriteStdout(std::string_view text);

}  // namespace s3c::cli
