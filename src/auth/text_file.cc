#include "auth/text_file.h"

#include <fmt/format.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <system_error>

namespace s3c::auth_internal {

Result<std::string> ReadTextFile(const std::string& path, const std::string& what,
                                 size_t max_bytes) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    int err = errno;
    Status s = err == ENOENT ? NotFoundError(fmt::format("{} {} does not exist", what, path))
                             : PermissionDeniedError(fmt::format("cannot open {} {}: {}", what,
                                                                 path, std::strerror(err)));
    s.mutable_context().resource = path;
    return s;
  }
  std::string out;
  char buf[8192];
  while (in.read(buf, sizeof buf) || in.gcount() > 0) {
    out.append(buf, static_cast<size_t>(in.gcount()));
    if (out.size() > max_bytes) {
      return FailedPreconditionError(
          fmt::format("{} {} is larger than {} bytes", what, path, max_bytes));
    }
  }
  if (in.bad()) return UnavailableError(fmt::format("error reading {} {}", what, path));
  return out;
}

std::string ExpandHome(const Env& env, const std::string& path) {
  if (path == "~") return env.Home();
  if (path.size() >= 2 && path[0] == '~' && path[1] == '/') return env.Home() + path.substr(1);
  return path;
}

}  // namespace s3c::auth_internal
