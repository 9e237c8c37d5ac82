// Where a URI points, as StoreResolver::Resolve (store_resolver.h) found it: the store that
// holds the object or prefix, the key inside it, or a stream (stdin/stdout, a device, a FIFO).
#pragma once

#include <string>

#include "s3c/store/object_store.h"
#include "s3c/store/store_uri.h"

namespace s3c {

struct StoreLocation {
  StoreKind kind = StoreKind::kLocal;
  std::string uri;               // as the user wrote it
  std::string bucket;            // kS3: the bucket; kMemory: the space name
  std::string key;               // key, or prefix for a folder-like URI ("" = the root)
  bool folder_like = false;      // ends with '/', names a bucket root, or an existing local folder
  ObjectStore* store = nullptr;  // null for kStdio; owned by the resolver
  // kStdio: "-" (stdin/stdout), or an existing device or FIFO named by a local path
  // (/dev/null, a named pipe), read and written as a stream like "-".
  std::string stream_path = "-";

  bool is_s3() const { return kind == StoreKind::kS3; }
  bool is_stdio() const { return kind == StoreKind::kStdio; }
  // The URI of a key in this location's store (for messages); the stream path for kStdio.
  std::string UriOf(const std::string& key) const;
};

}  // namespace s3c
