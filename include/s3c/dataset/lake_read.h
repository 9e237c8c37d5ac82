// One read of a lake, from a URI to rows: resolve the URI to a store (dataset_input.h), list it
// with partition pruning, object filters and limits (discovery.h), and scan what is left with
// the row filter and projection (dataset_scan.h). The CLI's read, convert and schema commands
// and the pipelines call this; none of them lists or filters by itself.
#pragma once

#include <functional>
#include <memory>
#include <string>

#include "s3c/dataset/dataset_input.h"
#include "s3c/dataset/dataset_scan.h"
#include "s3c/dataset/discovery.h"
#include "s3c/dataset/object_filters.h"

namespace s3c::dataset {

struct LakeReadOptions {
  // Format, read options, partitioning and root; columns; where; now() (root_prefix is set
  // from the listing).
  ScanOptions scan;
  ObjectFilterOptions objects;  // listing filters
  ObjectLimits limits;          // checked before any data is read
  bool prune_partitions = true;  // partition pruning from scan.where while listing
  // Read every object of a prefix, also when it holds commit records (by default such a prefix
  // reads exactly its committed files: DiscoveryOptions::ignore_commits).
  bool ignore_commits = false;
  // The incremental strategies' hooks: DiscoveryOptions::start_after and ::select.
  std::string list_start_after;
  std::function<Status(std::vector<ObjectInfo>* objects)> select_objects;
  // Called with the listing (after its filters, limits and select_objects) before the scan
  // opens any object; an error ends the read there, nothing read. The pipelines judge a
  // source's max_requests and max_cost_usd here, on the run's own listing.
  using BeforeScan =
      std::function<Status(const DatasetInput& input, const DiscoveredDataset& listing)>;
  BeforeScan before_scan;
};

struct LakeRead {
  DatasetInput input;
  DiscoveredDataset listing;
  // Over the listed objects; over none when pruning or filters left none (it then has an empty
  // schema and no rows).
  std::unique_ptr<DatasetScan> scan;
};

// A single key (no glob, no trailing '/') costs no HEAD: the scan's open reads it (a text
// format's first GET gives size and ETag; Parquet's footer is one suffix-range GET that does),
// and a NotFound there reads "key/" as a folder instead. The HEAD stays when the listing filter
// or the limits judge objects, the output or the filter names _size, _etag or _last_modified,
// or the key's name tells no format and none is given (a folder named without its '/' is read
// after a HEAD and a LIST, as before; DiscoveryOptions::stat_single_key).
// before_scan judges that unchecked key as listed (a NotFound from it reads "key/" as a folder,
// which it then judges too).
// Errors: a bad URI, filter text that does not parse, a bad --regex, a listing that finds
// nothing (NotFound; an empty result after pruning or filtering is not an error), limits
// exceeded (FailedPrecondition, before any data GET), before_scan's, and DatasetScan::Open's.
Result<LakeRead> OpenLakeRead(StoreResolver& stores, const std::string& uri,
                              LakeReadOptions options);

// The listing alone (for `s3c ls --where` and `s3c schema`): what OpenLakeRead would read. A
// single key is looked at with a HEAD here (its size, ETag and time are shown).
Result<LakeRead> ListLake(StoreResolver& stores, const std::string& uri,
                          const LakeReadOptions& options);

// The listing exactly as OpenLakeRead makes it before it reads, with the same requests (for a
// cost plan): a single key OpenLakeRead reads without looking at comes back unchecked
// (DiscoveredDataset::key_unchecked, ObjectInfo::KeyOnly), not HEADed. Errors: ListLake's.
Result<LakeRead> ListLakeAsRead(StoreResolver& stores, const std::string& uri,
                                const LakeReadOptions& options);

}  // namespace s3c::dataset
