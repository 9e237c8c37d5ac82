// OpenLakeRead and ListLake (dataset/lake_read.h).
#include "s3c/dataset/lake_read.h"

#include "s3c/dataset/partition_pruner.h"

namespace s3c::dataset {

Result<LakeRead> ListLake(StoreResolver& stores, const std::string& uri,
                          const LakeReadOptions& options) {
  LakeRead out;
  S3C_ASSIGN_OR_RETURN(out.input, ResolveDatasetInput(stores, uri));
  S3C_ASSIGN_OR_RETURN(ObjectFilter filter, ObjectFilter::Make(options.objects));
  DiscoveryOptions discovery;
  discovery.partitioning = options.scan.dataset.partitioning;
  discovery.filter = &filter;
  discovery.limits = options.limits;
  if (options.prune_partitions && !options.scan.where.empty()) {
    S3C_ASSIGN_OR_RETURN(discovery.pruner,
                         MakePartitionPruner(options.scan.where, discovery.partitioning,
                                             options.scan.eval));
  }
  S3C_ASSIGN_OR_RETURN(out.listing, DiscoverDataset(*out.input.store, out.input.key, discovery));
  return out;
}

Result<LakeRead> OpenLakeRead(StoreResolver& stores, const std::string& uri,
                              LakeReadOptions options) {
  S3C_ASSIGN_OR_RETURN(LakeRead out, ListLake(stores, uri, options));
  options.scan.dataset.root_prefix = out.listing.root_prefix;
  S3C_ASSIGN_OR_RETURN(out.scan, DatasetScan::Open(*out.input.store, out.listing.objects,
                                                   std::move(options.scan)));
  return out;
}

}  // namespace s3c::dataset
