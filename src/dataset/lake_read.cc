// OpenLakeRead and ListLake (dataset/lake_read.h).
#include "s3c/dataset/lake_read.h"

#include "s3c/dataset/partition_pruner.h"
#include "s3c/expr/partition_filter.h"

namespace s3c::dataset {
namespace {

// Whether a single `key` must be looked at (a HEAD) before it is read: when its name tells no
// format and none is given (a folder named without its '/': a read could not open it), or the
// scan's output columns or filter name a virtual column made of the objects' details (_size,
// _etag, _last_modified).
Result<bool> MustStatSingleKey(const std::string& key, const ScanOptions& scan) {
  if (!FormatOf(ObjectInfo::KeyOnly(key), scan.dataset.format).ok()) return true;
  for (const std::string& name : scan.columns) {
    if (IsObjectDetailColumn(name)) return true;
  }
  if (scan.where.empty()) return false;
  S3C_ASSIGN_OR_RETURN(auto read, expr::ColumnsRead(scan.where));
  for (const std::string& name : read) {
    if (IsObjectDetailColumn(name)) return true;
  }
  return false;
}

// The discovery of a lake read: partitions pruned by the filter's terms, the listing filter
// (`filter`, compiled from options.objects and kept by the caller) and the limits.
Result<DiscoveryOptions> DiscoveryFor(const LakeReadOptions& options, const ObjectFilter* filter) {
  DiscoveryOptions discovery;
  discovery.partitioning = options.scan.dataset.partitioning;
  discovery.filter = filter;
  discovery.limits = options.limits;
  discovery.ignore_commits = options.ignore_commits;
  discovery.start_after = options.list_start_after;
  discovery.select = options.select_objects;
  if (options.prune_partitions && !options.scan.where.empty()) {
    S3C_ASSIGN_OR_RETURN(discovery.pruner,
                         MakePartitionPruner(options.scan.where, discovery.partitioning,
                                             options.scan.eval));
  }
  return discovery;
}

Result<std::unique_ptr<DatasetScan>> OpenScan(ObjectStore& store,
                                              const DiscoveredDataset& listing,
                                              ScanOptions scan) {
  scan.dataset.root_prefix = listing.root_prefix;
  return DatasetScan::Open(store, listing.objects, std::move(scan));
}

// ListLake and ListLakeAsRead: `as_read` looks at a single key only when OpenLakeRead would.
Result<LakeRead> ListFor(StoreResolver& stores, const std::string& uri,
                         const LakeReadOptions& options, bool as_read) {
  LakeRead out;
  S3C_ASSIGN_OR_RETURN(out.input, ResolveDatasetInput(stores, uri));
  S3C_ASSIGN_OR_RETURN(ObjectFilter filter, ObjectFilter::Make(options.objects));
  S3C_ASSIGN_OR_RETURN(DiscoveryOptions discovery, DiscoveryFor(options, &filter));
  if (as_read) {
    S3C_ASSIGN_OR_RETURN(discovery.stat_single_key,
                         MustStatSingleKey(out.input.key, options.scan));
  }
  S3C_ASSIGN_OR_RETURN(out.listing, DiscoverDataset(*out.input.store, out.input.key, discovery));
  return out;
}

}  // namespace

Result<LakeRead> ListLake(StoreResolver& stores, const std::string& uri,
                          const LakeReadOptions& options) {
  return ListFor(stores, uri, options, false);
}

Result<LakeRead> ListLakeAsRead(StoreResolver& stores, const std::string& uri,
                                const LakeReadOptions& options) {
  return ListFor(stores, uri, options, true);
}

Result<LakeRead> OpenLakeRead(StoreResolver& stores, const std::string& uri,
                              LakeReadOptions options) {
  LakeRead out;
  S3C_ASSIGN_OR_RETURN(out.input, ResolveDatasetInput(stores, uri));
  S3C_ASSIGN_OR_RETURN(ObjectFilter filter, ObjectFilter::Make(options.objects));
  S3C_ASSIGN_OR_RETURN(DiscoveryOptions discovery, DiscoveryFor(options, &filter));
  S3C_ASSIGN_OR_RETURN(discovery.stat_single_key,
                       MustStatSingleKey(out.input.key, options.scan));
  ObjectStore& store = *out.input.store;
  S3C_ASSIGN_OR_RETURN(out.listing, DiscoverDataset(store, out.input.key, discovery));
  auto judge = [&] {
    return options.before_scan ? options.before_scan(out.input, out.listing) : Status::OK();
  };
  const Status judged = judge();
  if (!out.listing.key_unchecked) {
    S3C_RETURN_IF_ERROR(judged);
    S3C_ASSIGN_OR_RETURN(out.scan, OpenScan(store, out.listing, std::move(options.scan)));
    return out;
  }
  // A single key, not looked at: the scan's open reads it first (the text formats' first GET,
  // Parquet's footer suffix GET). NotFound there (or from before_scan) is what a HEAD would
  // have said: the key is no object, so it is read as a folder (or is NotFound, with
  // DiscoverDataset's message).
  if (!judged.ok() && judged.code() != StatusCode::kNotFound) return judged;
  Result<std::unique_ptr<DatasetScan>> scan = judged.ok()
                                                  ? OpenScan(store, out.listing, options.scan)
                                                  : Result<std::unique_ptr<DatasetScan>>(judged);
  if (!scan.ok() && scan.status().code() == StatusCode::kNotFound) {
    S3C_ASSIGN_OR_RETURN(out.listing, DiscoverFolderOf(store, out.input.key, discovery));
    S3C_RETURN_IF_ERROR(judge());
    scan = OpenScan(store, out.listing, std::move(options.scan));
  }
  S3C_ASSIGN_OR_RETURN(out.scan, std::move(scan));
  return out;
}

}  // namespace s3c::dataset
