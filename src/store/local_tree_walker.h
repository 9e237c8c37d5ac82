// Enumerates the files under a folder in S3 key order (private to the store module).
// Within a folder, a sub-folder sorts as its name plus '/', which makes a depth-first walk yield
// keys in byte-wise order ("a.txt" < "a/b" < "ab"). Folders are read lazily, one at a time, and
// sub-trees that hold only keys below the requested bound are never opened. Symbolic links to
// files are listed as files; links to folders are not followed (no cycles). Temp files of our
// writers are skipped.
#pragma once

#include <sys/stat.h>

#include <optional>
#include <string>
#include <vector>

#include "s3c/common/status.h"

namespace s3c::store_internal {

struct LocalFileEntry {
  std::string key;
  struct stat st {};
};

class LocalTreeWalker {
 public:
  // Walks root/<start_dir> where start_dir is "" or a key prefix ending in '/'.
  LocalTreeWalker(std::string root, std::string start_dir);

  // The next file whose key is >= bound (bounds must not decrease), or nullopt at the end.
  Result<std::optional<LocalFileEntry>> NextAtLeast(const std::string& bound);

 private:
  struct Entry {
    std::string key;  // full key; folders end in '/'
    bool is_dir = false;
  };
  struct Frame {
    std::vector<Entry> entries;
    size_t next = 0;
  };
  // Reads and sorts one folder; a folder that vanished reads as empty.
  Result<Frame> ReadFolder(const std::string& dir_key);

  std::string root_;
  std::string start_dir_;
  bool started_ = false;
  std::vector<Frame> stack_;
};

}  // namespace s3c::store_internal
