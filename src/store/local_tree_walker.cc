#include "store/local_tree_walker.h"

#include <dirent.h>
#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

#include "s3c/common/strings.h"
#include "store/local_keys.h"

namespace s3c::store_internal {
namespace {

Status FolderError(int err, const std::string& path) {
  std::string msg = fmt::format("list folder {}: {}", path, std::strerror(err));
  if (err == EACCES || err == EPERM) return PermissionDeniedError(msg);
  return InternalError(msg);
}

}  // namespace

LocalTreeWalker::LocalTreeWalker(std::string root, std::string start_dir)
    : root_(std::move(root)), start_dir_(std::move(start_dir)) {}

Result<LocalTreeWalker::Frame> LocalTreeWalker::ReadFolder(const std::string& dir_key) {
  Frame frame;
  std::string path = root_ + "/" + dir_key;
  DIR* dir = ::opendir(path.c_str());
  if (dir == nullptr) {
    if (errno == ENOENT || errno == ENOTDIR) return frame;
    return FolderError(errno, path);
  }
  while (true) {
    errno = 0;
    struct dirent* d = ::readdir(dir);
    if (d == nullptr) {
      int err = errno;
      ::closedir(dir);
      if (err != 0) return FolderError(err, path);
      break;
    }
    std::string name = d->d_name;
    if (name == "." || name == ".." || IsLocalTempName(name)) continue;
    bool is_dir = d->d_type == DT_DIR;
    if (d->d_type == DT_UNKNOWN) {
      struct stat st {};
      if (::lstat((path + name).c_str(), &st) != 0) continue;
      is_dir = S_ISDIR(st.st_mode);
    }
    Entry e;
    e.key = dir_key + name + (is_dir ? "/" : "");
    e.is_dir = is_dir;
    frame.entries.push_back(std::move(e));
  }
  std::sort(frame.entries.begin(), frame.entries.end(),
            [](const Entry& a, const Entry& b) { return a.key < b.key; });
  return frame;
}

Result<std::optional<LocalFileEntry>> LocalTreeWalker::NextAtLeast(const std::string& bound) {
  if (!started_) {
    started_ = true;
    S3C_ASSIGN_OR_RETURN(Frame first, ReadFolder(start_dir_));
    stack_.push_back(std::move(first));
  }
  while (!stack_.empty()) {
    Frame& top = stack_.back();
    if (top.next >= top.entries.size()) {
      stack_.pop_back();
      continue;
    }
    const Entry& e = top.entries[top.next++];
    if (e.is_dir) {
      // Every key under e.key starts with it: the sub-tree matters only if it can hold a key
      // >= bound.
      if (e.key >= bound || StartsWith(bound, e.key)) {
        std::string dir_key = e.key;
        S3C_ASSIGN_OR_RETURN(Frame sub, ReadFolder(dir_key));
        stack_.push_back(std::move(sub));
      }
      continue;
    }
    if (e.key < bound) continue;
    LocalFileEntry out;
    out.key = e.key;
    if (::stat((root_ + "/" + e.key).c_str(), &out.st) != 0) continue;  // vanished or dangling
    if (!S_ISREG(out.st.st_mode)) continue;                             // link to a folder etc.
    return std::optional<LocalFileEntry>(std::move(out));
  }
  return std::optional<LocalFileEntry>();
}

}  // namespace s3c::store_internal
