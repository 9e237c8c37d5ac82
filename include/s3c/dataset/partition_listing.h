// Listing a partitioned dataset without listing the partitions a filter rules out
// (docs/architecture.md: dataset). A flat listing of a prefix returns every key below it, 1000
// per request; a walk lists one folder level at a time with the '/' delimiter, decides from each
// folder's partition value whether anything below it can match, and descends only into the
// folders that may. At each level the first folder is probed with one flat page: its keys show
// the next level's key (and, when the page holds the whole folder, it needs no other listing).
// The walk descends while that key is a column the filter reads; below that it lists the
// surviving folders flat. The folders of one level (and the flat listings below it) are listed
// up to 8 at once; the result does not depend on their timing.
//
// Contract: a folder is skipped only when the pruner says no row with its partition values can
// match, so the objects returned are a superset of those that hold matching rows (every object
// is also checked with all of its partition values, including those in file names, before it
// is returned). Objects come back in key order; folder markers, and unless asked otherwise
// hidden files (names starting with '_' or '.') and s3c's metadata folder (root + "_s3c/"),
// are skipped as in DiscoverObjects.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "s3c/common/status.h"
#include "s3c/dataset/partitioning.h"
#include "s3c/store/object_store.h"

namespace s3c::dataset {

struct PartitionPruner {
  // The columns the filter reads; a level whose key is not among them is not walked.
  std::set<std::string> columns;
  // False only when no row whose partitions have these values can match (keys below are
  // unknown). Values are in key order from the dataset root. Must be safe to call from several
  // threads at once.
  std::function<bool(const std::vector<RawPartitionValue>& known)> may_match;
  // Folder names (no '/') the filter pins the first level to, e.g. "dt=2024-03-05" for
  // dt = '2024-03-05': listed directly instead of the root (one request for one day of a
  // thousand). One group per key; the groups are tried in order and the first whose folders
  // hold an object is used; when none does, the root is walked.
  std::vector<std::vector<std::string>> first_level;
  // A range the filter puts on a key whose folder names sort like its values (dates written
  // YYYY-MM-DD, strings): the keys "key=lower" .. "key=upper" are listed flat from start-after
  // and the listing stops past the upper bound (a week of days in one request); a bound may be
  // missing (`dt >= DATE '2024-03-01'` lists from it to the end of the key's folders). Used
  // only when something is found; else the root is walked. Folder names must be spelled
  // canonically.
  struct Range {
    std::string key;
    std::optional<std::string> lower, upper;  // folder spellings; nullopt = unbounded
  };
  std::optional<Range> first_level_range;
};

struct PartitionListingStats {
  int64_t list_requests = 0;      // LIST pages fetched (delimited and flat)
  int64_t folders_pruned = 0;     // partition folders skipped
  int64_t objects_pruned = 0;     // objects listed whose partition values rule them out
  int64_t levels_walked = 0;      // folder levels listed with the delimiter
  bool flat_instead_of_walk = false;  // the cost estimate chose one flat listing of the root
  std::string plan;               // one line: how the listing went ("walk 2 levels, ...")
};

// What a listing saw of the root's own level, for commit detection (commit_log.h): keys under
// root + "_s3c/" are never returned as objects (nor walked into), but noted here.
struct RootMetadataSeen {
  // The root's own level was listed (the walk's delimited listing of it, or a flat listing of
  // the whole root), so metadata_seen says whether root + "_s3c/" holds anything.
  bool listed = false;
  bool listed_flat = false;   // a flat listing of the whole root: metadata_keys is complete
  bool metadata_seen = false;
  std::vector<ObjectInfo> metadata_keys;  // keys under root + "_s3c/" (flat listings only)
};

struct PartitionListing {
  std::vector<ObjectInfo> objects;
  PartitionListingStats stats;
  RootMetadataSeen root;
};

// Lists the objects under `root` (a prefix: "" or ending in '/'). Without a pruner (no
// may_match), or for Partitioning::kNone, this is one flat listing. With skip_hidden false,
// hidden files are returned too (a glob decides about them). A `start_after` above `root`
// (the `key` incremental strategy's resume point) makes it one flat listing from after that
// key, the pruner judging each object by its partition values: the pages before the resume
// point are never fetched.
Result<PartitionListing> ListPartitioned(ObjectStore& store, const std::string& root,
                                         const Partitioning& partitioning,
                                         const PartitionPruner& pruner, bool skip_hidden = true,
                                         const std::string& start_after = "");

}  // namespace s3c::dataset
