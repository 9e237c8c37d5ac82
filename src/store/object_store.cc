#include "s3c/store/object_store.h"

namespace s3c {

Result<std::vector<ObjectInfo>> ObjectStore::ListAll(const ListOptions& options) {
  std::vector<ObjectInfo> all;
  S3C_RETURN_IF_ERROR(List(options, [&all](const std::vector<ObjectInfo>& page) {
    all.insert(all.end(), page.begin(), page.end());
    return Status::OK();
  }));
  return all;
}

}  // namespace s3c
