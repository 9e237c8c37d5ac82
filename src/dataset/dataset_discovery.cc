// DiscoverDataset (dataset/discovery.h).
#include <fmt/format.h>

#include <algorithm>

#include "dataset/committed_files.h"
#include "s3c/common/strings.h"
#include "s3c/dataset/discovery.h"

namespace s3c::dataset {
namespace {

void AddListing(PartitionListing listing, DiscoveredDataset* out) {
  out->listing.list_requests += listing.stats.list_requests;
  out->listing.folders_pruned += listing.stats.folders_pruned;
  out->listing.objects_pruned += listing.stats.objects_pruned;
  out->listing.levels_walked = std::max(out->listing.levels_walked, listing.stats.levels_walked);
  if (!out->listing.plan.empty()) out->listing.plan += "; ";
  out->listing.plan += listing.stats.plan;
  for (ObjectInfo& o : listing.objects) out->objects.push_back(std::move(o));
}

// Lists the prefix `root` into `out`: the listing, or the live files when it holds commits.
Status ListPrefix(ObjectStore& store, const std::string& root, const DiscoveryOptions& options,
                  DiscoveredDataset* out) {
  S3C_ASSIGN_OR_RETURN(auto listing,
                       ListPartitioned(store, root, options.partitioning, options.pruner,
                                       /*skip_hidden=*/true, options.start_after));
  if (!options.ignore_commits) {
    S3C_ASSIGN_OR_RETURN(auto committed, FindCommittedFiles(store, root, listing.root, listing.objects,
                                                            options.partitioning, options.pruner));
    listing.stats.list_requests += committed.list_requests;
    if (committed.committed) {
      listing.objects = std::move(committed.objects);
      listing.stats.objects_pruned = committed.objects_pruned;
      listing.stats.plan += fmt::format("; commit log: {} GET(s), sequence {}", committed.log_gets,
                                        committed.sequence);
      if (committed.checkpoint_sequence >= 0) {
        listing.stats.plan += fmt::format(" from checkpoint {}", committed.checkpoint_sequence);
      }
      if (!committed.checkpoint_fallback.empty()) {
        listing.stats.plan += " (checkpoint unread: " + committed.checkpoint_fallback + ")";
      }
      out->commit_sequence = committed.sequence;
      out->commit_log_gets = committed.log_gets;
    }
  }
  AddListing(std::move(listing), out);
  return Status::OK();
}

// The literal prefixes of a glob's alternatives, without those another one already covers.
Result<std::vector<std::string>> GlobPrefixes(std::string_view pattern, size_t max) {
  S3C_ASSIGN_OR_RETURN(auto alternatives, ExpandGlobBraces(pattern, max));
  std::vector<std::string> prefixes;
  for (const auto& a : alternatives) prefixes.push_back(GlobListPrefix(a));
  std::sort(prefixes.begin(), prefixes.end());
  std::vector<std::string> kept;
  for (auto& p : prefixes) {
    if (!kept.empty() && StartsWith(p, kept.back())) continue;  // sorted: a cover comes first
    kept.push_back(std::move(p));
  }
  return kept;
}

// Whether a single key is looked at (a HEAD) before it is read: see stat_single_key.
bool StatSingleKey(const DiscoveryOptions& options) {
  return options.stat_single_key || (options.filter != nullptr && !options.filter->empty()) ||
         options.select ||
         options.limits.max_files || options.limits.max_bytes;
}

// The filter and the limits over what was found; NotFound naming `where` when nothing was.
Result<DiscoveredDataset> Conclude(DiscoveredDataset out, const std::string& where,
                                   const DiscoveryOptions& options) {
  const bool incremental = !options.start_after.empty() || options.select;
  if (out.objects.empty() && out.listing.folders_pruned == 0 && out.listing.objects_pruned == 0 &&
      out.commit_sequence < 0 && !incremental) {
    return NotFoundError(fmt::format("{}: no object matches", where));
  }
  if (options.filter != nullptr) out.objects_filtered = options.filter->Apply(&out.objects);
  if (options.select) {
    const size_t before = out.objects.size();
    S3C_RETURN_IF_ERROR(options.select(&out.objects));
    out.objects_not_selected = static_cast<int64_t>(before - out.objects.size());
  }
  S3C_RETURN_IF_ERROR(CheckObjectLimits(out.objects, options.limits, where));
  return out;
}

}  // namespace

Result<DiscoveredDataset> DiscoverFolderOf(ObjectStore& store, std::string_view key,
                                           const DiscoveryOptions& options) {
  DiscoveredDataset out;
  out.root_prefix = std::string(key) + "/";
  S3C_RETURN_IF_ERROR(ListPrefix(store, out.root_prefix, options, &out));
  return Conclude(std::move(out), store.UriFor(std::string(key)), options);
}

Result<DiscoveredDataset> DiscoverDataset(ObjectStore& store, std::string_view key,
                                          const DiscoveryOptions& options) {
  DiscoveredDataset out;
  const std::string where = store.UriFor(std::string(key));
  if (HasGlobChars(key)) {
    out.root_prefix = GlobListPrefix(key);
    S3C_ASSIGN_OR_RETURN(auto prefixes, GlobPrefixes(key, options.max_prefixes));
    for (const std::string& prefix : prefixes) {
      S3C_ASSIGN_OR_RETURN(auto listing,
                           ListPartitioned(store, prefix, options.partitioning, options.pruner,
                                           /*skip_hidden=*/false, options.start_after));
      std::erase_if(listing.objects, [&](const ObjectInfo& o) {
        return o.key.back() == '/' || !GlobMatch(key, o.key);
      });
      AddListing(std::move(listing), &out);
    }
  } else if (key.empty() || key.back() == '/') {
    out.root_prefix = std::string(key);
    S3C_RETURN_IF_ERROR(ListPrefix(store, out.root_prefix, options, &out));
  } else if (!StatSingleKey(options)) {
    out.objects.push_back(ObjectInfo::KeyOnly(std::string(key)));
    out.key_unchecked = true;
  } else {
    Result<ObjectInfo> one = store.Stat(std::string(key));
    if (one.ok()) {
      out.objects.push_back(*one);
    } else if (one.status().code() != StatusCode::kNotFound) {
      return one.status();
    } else {
      return DiscoverFolderOf(store, key, options);
    }
  }
  return Conclude(std::move(out), where, options);
}

}  // namespace s3c::dataset
