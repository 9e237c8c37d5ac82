// DiscoverObjects (discovery.h): DiscoverDataset without pruning, filters or limits.
#include "s3c/dataset/discovery.h"

namespace s3c::dataset {

Result<std::vector<ObjectInfo>> DiscoverObjects(ObjectStore& store, std::string_view key) {
  S3C_ASSIGN_OR_RETURN(DiscoveredDataset found, DiscoverDataset(store, key, {}));
  return std::move(found.objects);
}

}  // namespace s3c::dataset
