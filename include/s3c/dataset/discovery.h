// Discovery (docs/architecture.md: dataset): which objects a key, prefix or glob names.
//
// Glob syntax (on the whole key, '/'-separated): `*` any run of characters except '/', `**`
// any run including '/', `?` one character except '/', `[abc]` / `[a-z]` / `[!a]` one of a
// set, `{a,b}` alternatives. Listing starts at the literal part before the first wildcard, cut
// back to the last '/', so a glob never lists more of the bucket than it must.
#pragma once

#include <functional>
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
//  - otherwise the object itself when it exists (one HEAD), else every object under "key/".
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
  // A single key (no glob, no trailing '/'): true sends a HEAD (Stat) to learn whether it
  // exists, with its size, ETag and time, and lists "key/" when it does not. False sends
  // nothing: the key comes back as ObjectInfo::KeyOnly with DiscoveredDataset::key_unchecked,
  // its first read learns the details, and a NotFound from that read means the key names a
  // folder or nothing (DiscoverFolderOf). A filter or a limit sends the HEAD anyway: they
  // judge an object by its size, time or existence (--regex '\.csv$' on "data" must read the
  // CSV files of data/, not reject the key "data").
  bool stat_single_key = true;
  // A prefix that holds commit records (commit_log.h) is read as exactly its live files; true
  // reads every object listed instead (files of failed or running writes too).
  bool ignore_commits = false;
  // The incremental strategies (pipeline/incremental_settings.h). A prefix or glob is listed
  // from after `start_after` (ListPartitioned) when it sorts above the listed prefix; and
  // `select`, when given, runs on what the listing and the filter kept, before the limits,
  // and keeps the objects this read takes (in order). With either set, a listing that finds
  // nothing is an empty read, not NotFound (nothing new is the usual case).
  std::string start_after;
  std::function<Status(std::vector<ObjectInfo>* objects)> select;
};

struct DiscoveredDataset {
  std::vector<ObjectInfo> objects;  // key order
  // The folder partition templates are matched below: the prefix, or a glob's literal folder.
  std::string root_prefix;
  PartitionListingStats listing;
  int64_t objects_filtered = 0;     // dropped by the ObjectFilter
  int64_t objects_not_selected = 0;  // dropped by DiscoveryOptions::select (loaded before)
  // `objects` is the single key named, not looked at (stat_single_key false): nobody knows yet
  // whether it exists.
  bool key_unchecked = false;
  // The prefix holds commit records: `objects` are its live files (from the records, pruned by
  // their partition values), not the listing's. -1: not committed (or ignore_commits).
  int64_t commit_sequence = -1;
  // GETs of the log: its records and the checkpoint it started from (commit_log.h; their LIST
  // is in listing.list_requests).
  int64_t commit_log_gets = 0;
};

// DiscoverObjects for lakes: a prefix is listed with ListPartitioned (partitions the pruner
// rules out are never listed); a prefix that holds commit records gives its live files instead
// (FindCommittedFiles: no extra request when the listing saw the root's level, else one LIST
// of "_s3c/commits/"; then one GET per record read and one for a checkpoint), an empty live set
// being no NotFound; a glob's {a,b} groups become separate literal prefixes, each listed that way
// and matched against the glob; then the filter and the limits apply (limits fail before any data
// is read). A single existing key is returned as is (no pruning), after a HEAD or unchecked as
// stat_single_key says. NotFound ("<uri>: no object matches") when nothing matches before
// filtering; an empty result after pruning or filtering is not an error.
Result<DiscoveredDataset> DiscoverDataset(ObjectStore& store, std::string_view key,
                                          const DiscoveryOptions& options);

// The objects under "key/", for a single key that turned out not to be an object: what
// DiscoverDataset returns for such a key after its HEAD, with the same NotFound naming `key`.
Result<DiscoveredDataset> DiscoverFolderOf(ObjectStore& store, std::string_view key,
                                           const DiscoveryOptions& options);

}  // namespace s3c::dataset
