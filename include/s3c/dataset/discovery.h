// Discovery (docs/architecture.md: dataset): which objects a key, prefix or glob names.
//
// Glob syntax (on the whole key, '/'-separated): `*` any run of characters except '/', `**`
// any run including '/', `?` one character except '/', `[abc]` / `[a-z]` / `[!a]` one of a
// set, `{a,b}` alternatives. Listing starts at the literal part before the first wildcard, cut
// back to the last '/', so a glob never lists more of the bucket than it must.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "s3c/common/status.h"
#include "s3c/dataset/object_filters.h"
#include "s3c/dataset/partition_listing.h"
#include "s3c/store/object_store.h"

namespace s3c::dataset {

bool HasGlobChars(std::string_view pattern);
// True when `key` matches the whole of `pattern`.
bool GlobMatch(std::string_view pattern, std::string_view key);
// Every alternative of the {a,b} groups of `pattern` (nested groups too), sorted, without
// duplicates; InvalidArgument when there would be more than `max`.
Result<std::vector<std::string>> ExpandGlobBraces(std::string_view pattern, size_t max);
// The listing prefix of a glob: the literal text before the first wildcard, up to and
// including the last '/' in it.
std::string GlobListPrefix(std::string_view pattern);

// The objects `key` names, in key order:
//  - a glob: every matching key;
//  - "" or ending in '/': every object under that prefix;
//  - otherwise the object itself when it exists, else every object under "key/".
// Under a prefix, folder markers (keys ending in '/') and files whose name starts with '_' or
// '.' (_SUCCESS, .crc, ...) are skipped, as Spark and Hive readers do; a glob that names
// them explicitly still gets them. NotFound when nothing matches.
Result<std::vector<ObjectInfo>> DiscoverObjects(ObjectStore& store, std::string_view key);

// What a lake read lists and keeps.
struct DiscoveryOptions {
  Partitioning partitioning;
  PartitionPruner pruner;          // no may_match: nothing is pruned
  const ObjectFilter* filter = nullptr;  // not owned; null: every object
  ObjectLimits limits;
  size_t max_prefixes = 1000;      // cap on the literal prefixes a glob's {a,b} groups make
};

struct DiscoveredDataset {
  std::vector<ObjectInfo> objects;  // key order
  // The folder partition templates are matched below: the prefix, or a glob's literal folder.
  std::string root_prefix;
  PartitionListingStats listing;
  int64_t objects_filtered = 0;     // dropped by the ObjectFilter
};

// DiscoverObjects for lakes: a prefix is listed with ListPartitioned (partitions the pruner
// rules out are never listed); a glob's {a,b} groups become separate literal prefixes, each
// listed that way and matched against the glob; then the filter and the limits apply (limits
// fail before any data is read). A single existing key is returned as is (no pruning).
// NotFound when nothing matches before filtering; an empty result after pruning or
// filtering is not an error.
Result<DiscoveredDataset> DiscoverDataset(ObjectStore& store, std::string_view key,
                                          const DiscoveryOptions& options);

}  // namespace s3c::dataset
