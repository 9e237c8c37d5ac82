#include "store/local_keys.h"

#include <fmt/format.h>

namespace s3c::store_internal {

Status ValidateLocalKey(std::string_view key) {
  auto refuse = [key](std::string_view why) {
    return InvalidArgumentError(
        fmt::format("key '{}' cannot be stored in a local folder: {}", key, why));
  };
  if (key.empty()) return InvalidArgumentError("empty object key");
  if (key.find('\0') != std::string_view::npos) return refuse("it contains a NUL byte");
  size_t begin = 0;
  while (true) {
    size_t end = key.find('/', begin);
    std::string_view seg = key.substr(begin, end == std::string_view::npos ? end : end - begin);
    if (seg.empty())
      return refuse("it has an empty path segment (leading, trailing or double '/')");
    if (seg == "." || seg == "..") return refuse("it has a '.' or '..' path segment");
    if (seg.size() > 255) return refuse("a path segment is longer than 255 bytes");
    if (IsLocalTempName(seg)) return refuse("the name is reserved for temporary files");
    if (end == std::string_view::npos) break;
    begin = end + 1;
  }
  return Status::OK();
}

bool IsLocalTempName(std::string_view name) {
  return !name.empty() && name[0] == '.' && name.find(".s3c-tmp-") != std::string_view::npos;
}

std::string LocalEtag(const struct stat& st) {
  int64_t mtime_ns = static_cast<int64_t>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
  return fmt::format("{:x}-{:x}-{:x}", static_cast<uint64_t>(st.st_size),
                     static_cast<uint64_t>(mtime_ns), static_cast<uint64_t>(st.st_ino));
}

}  // namespace s3c::store_internal
