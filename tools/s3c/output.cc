#include "output.h"

#include <cerrno>
#include <cstdio>

#include <fmt/format.h>

#include "s3c/common/time_format.h"

namespace s3c::cli {

std::string FormatListingTime(WallTime t) {
  std::string iso = FormatIso8601(t);  // 2024-01-31T12:34:56Z
  iso[10] = ' ';
  iso.pop_back();
  return iso;
}

Status WriteStdout(std::string_view text) {
  if (std::fwrite(text.data(), 1, text.size(), stdout) != text.size()) {
    if (errno == EPIPE) return CancelledError("output pipe closed");
    return InternalError("cannot write to standard output");
  }
  return Status::OK();
}

}  // namespace s3c::cli
