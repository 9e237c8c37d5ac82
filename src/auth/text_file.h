// Small-file reading for config files, token files and caches.
#pragma once

#include <string>

#include "s3c/common/env.h"
#include "s3c/common/status.h"

namespace s3c::auth_internal {

// The whole file (up to max_bytes). NotFound when it does not exist, PermissionDenied when it
// cannot be opened, FailedPrecondition when larger than max_bytes. Messages name `what` and the
// path, never the content.
Result<std::string> ReadTextFile(const std::string& path, const std::string& what,
                                 size_t max_bytes = 1 << 20);

// Replaces a leading "~" or "~/" with env.Home().
std::string ExpandHome(const Env& env, const std::string& path);

}  // namespace s3c::auth_internal
