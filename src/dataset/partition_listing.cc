// ListPartitioned (dataset/partition_listing.h).
#include "s3c/dataset/partition_listing.h"

#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <functional>
#include <set>

#include "s3c/common/executor.h"
#include "s3c/dataset/commit_log.h"

namespace s3c::dataset {
namespace {

// A folder still to list, with the partition values of the folders above it.
struct Branch {
  std::string prefix;
  std::vector<RawPartitionValue> known;
};

// Folder markers, and (with skip_hidden) files hidden by the Spark/Hive convention (_SUCCESS,
// .crc).
bool Skipped(const std::string& key, bool skip_hidden) {
  if (key.empty() || key.back() == '/') return true;
  size_t slash = key.rfind('/');
  char first = key[slash == std::string::npos ? 0 : slash + 1];
  return skip_hidden && (first == '_' || first == '.');
}

// Counts the LIST requests of one listing: one per page, and one for a listing that came back
// empty (the store makes no page callback for it).
class RequestCounter {
 public:
  explicit RequestCounter(std::atomic<int64_t>* total) : total_(total) {}
  ~RequestCounter() { total_->fetch_add(pages_ > 0 ? pages_ : 1); }
  void Page() { ++pages_; }

 private:
  std::atomic<int64_t>* total_;
  int64_t pages_ = 0;
};

// Keys of a probe: one LIST page.
constexpr uint64_t kProbeKeys = 1000;
// Folder listings of one level in flight at once.
constexpr size_t kListingsAtOnce = 8;

class Walker {
 public:
  Walker(ObjectStore& store, const std::string& root, const Partitioning& partitioning,
         const PartitionPruner& pruner, bool skip_hidden)
      : store_(store),
        root_(root),
        metadata_(root + std::string(kMetadataFolder)),
        partitioning_(partitioning),
        pruner_(pruner),
        skip_hidden_(skip_hidden) {}

  // A key under the root's metadata folder (commit records): never data. A flat listing of the
  // whole root keeps them aside for the commit log.
  bool IsMetadata(const std::string& key) const {
    return skip_hidden_ && key.compare(0, metadata_.size(), metadata_) == 0;
  }

  // Lists `prefix` with the delimiter: its files and its subfolders (full prefixes).
  Status ListLevel(const std::string& prefix, std::vector<ObjectInfo>* files,
                   std::vector<std::string>* folders) {
    ListOptions options;
    options.prefix = prefix;
    options.delimiter = "/";
    RequestCounter count(&list_requests_);
    if (prefix == root_) out_.root.listed = true;
    return store_.List(options, [&](const std::vector<ObjectInfo>& page) {
      count.Page();
      for (const ObjectInfo& o : page) {
        if (o.is_prefix && IsMetadata(o.key)) {
          out_.root.metadata_seen = true;
        } else if (o.is_prefix) {
          folders->push_back(o.key);
        } else if (!Skipped(o.key, skip_hidden_)) {
          files->push_back(o);
        }
      }
      return Status::OK();
    });
  }

  // Runs list(i) for the branches i in [first, n), up to kListingsAtOnce at once; the first
  // error wins. LISTs wait on the server, not the CPU: they get a pool of their own (as the
  // tree transfers do), plus this thread.
  static Status ForEachBranch(size_t first, size_t n, const std::function<Status(size_t)>& list) {
    if (n <= first + 1) return n == first + 1 ? list(first) : Status::OK();
    Executor pool(static_cast<int>(std::min(kListingsAtOnce, n - first) - 1));
    TaskGroup group(pool);
    for (size_t i = first; i < n; ++i) group.Submit([&list, i] { return list(i); });
    return group.Wait();
  }

  // Lists `root` flat: the plan without a pruner.
  Status ListAll(const std::string& root) { return ListFlat(root, &listed_); }
  Status ListAllAfter(const std::string& root, const std::string& start_after) {
    return ListFlat(root, &listed_, start_after);
  }

  // Lists `prefix` flat into `out` (from after `start_after`; at most `max_keys`, 0 = all).
  Status ListFlat(const std::string& prefix, std::vector<ObjectInfo>* out,
                  const std::string& start_after = "", uint64_t max_keys = 0) {
    ListOptions options;
    options.prefix = prefix;
    options.start_after = start_after;
    options.max_keys = max_keys;
    RequestCounter count(&list_requests_);
    const bool whole_root = prefix == root_ && start_after.empty() && max_keys == 0;
    if (whole_root) out_.root.listed = out_.root.listed_flat = true;
    return store_.List(options, [&](const std::vector<ObjectInfo>& page) {
      count.Page();
      for (const ObjectInfo& o : page) {
        if (IsMetadata(o.key)) {
          if (whole_root) out_.root.metadata_keys.push_back(o);
        } else if (!o.is_prefix && !Skipped(o.key, skip_hidden_)) {
          out->push_back(o);
        }
      }
      if (whole_root && !out_.root.metadata_keys.empty()) out_.root.metadata_seen = true;
      return Status::OK();
    });
  }

  // The subfolders of one listed level that may match, as branches one level down.
  void Descend(const Branch& parent, size_t level, const std::vector<std::string>& folders,
               std::vector<Branch>* next) {
    for (const std::string& folder : folders) {
      std::string name = folder.substr(parent.prefix.size());
      if (!name.empty() && name.back() == '/') name.pop_back();
      Branch child{folder, parent.known};
      for (auto& v : FolderPartitionValues(partitioning_, level, name)) {
        child.known.push_back(std::move(v));
      }
      if (child.known.size() > parent.known.size() && !pruner_.may_match(child.known)) {
        ++out_.stats.folders_pruned;
        continue;
      }
      next->push_back(std::move(child));
    }
  }

  // The partition keys the folders at `level` below `parent` carry, from the probe's keys.
  std::set<std::string> KeysBelow(size_t level, const std::vector<ObjectInfo>& keys,
                                  const std::string& parent) const {
    std::set<std::string> names;
    for (const ObjectInfo& o : keys) {
      std::string_view rest = std::string_view(o.key).substr(parent.size());
      size_t slash = rest.find('/');
      if (slash == std::string_view::npos) continue;  // a file, not a folder
      for (const auto& v : FolderPartitionValues(partitioning_, level, rest.substr(0, slash))) {
        names.insert(v.name);
      }
    }
    return names;
  }

  // The folders the filter pins for the key of this level (Hive only), or null.
  const std::vector<std::string>* PinnedFolders(const std::set<std::string>& keys) const {
    if (keys.size() != 1 || partitioning_.kind != Partitioning::Kind::kHive) return nullptr;
    const std::string prefix = *keys.begin() + "=";
    for (const auto& group : pruner_.first_level) {
      if (!group.empty() && group[0].compare(0, prefix.size(), prefix) == 0) return &group;
    }
    return nullptr;
  }

  // Lists root + "key=" from start-after "key=lower" (else from its start), stopping past
  // "key=upper" (else at its end).
  Status ListRange(const std::string& root, const PartitionPruner::Range& range) {
    ListOptions options;
    options.prefix = root + range.key + "=";
    if (range.lower) options.start_after = options.prefix + *range.lower;  // before "key=lower/"
    const std::optional<std::string> stop =
        range.upper ? std::optional<std::string>(options.prefix + *range.upper + "/")
                    : std::nullopt;
    const Status past_end = CancelledError("past the upper bound");
    RequestCounter count(&list_requests_);
    Status st = store_.List(options, [&](const std::vector<ObjectInfo>& page) {
      count.Page();
      for (const ObjectInfo& o : page) {
        // Keys of "key=upper/" sort before stop + '\xff'; anything beyond is another folder.
        if (stop && o.key.compare(0, stop->size(), *stop) > 0) return past_end;
        if (!o.is_prefix && !Skipped(o.key, skip_hidden_) && !IsMetadata(o.key)) {
          listed_.push_back(o);
        }
      }
      return Status::OK();
    });
    return st.code() == StatusCode::kCancelled && st.message() == past_end.message()
               ? Status::OK()
               : st;
  }

  Status Walk(const std::string& root) {
    // Shortcuts that skip listing the root; each is used only when it finds something.
    for (const std::vector<std::string>& group : pruner_.first_level) {
      // Folders the filter names exactly: an object under any of them shows they are the
      // first level (a dataset's keys are uniform).
      std::vector<Branch> guesses;
      for (const std::string& name : group) {
        Branch b{root + name + "/", FolderPartitionValues(partitioning_, 0, name)};
        if (b.known.empty() || !pruner_.may_match(b.known)) continue;
        guesses.push_back(std::move(b));
      }
      size_t before = listed_.size();
      S3C_RETURN_IF_ERROR(WalkBelow(std::move(guesses), 1));
      if (listed_.size() > before) {
        out_.stats.plan =
            fmt::format("{} prefix(es) from the filter, then {}", group.size(), WalkPlan());
        return Status::OK();
      }
    }
    if (pruner_.first_level_range) {
      int64_t requests_before = list_requests_.load();
      size_t before = listed_.size();
      S3C_RETURN_IF_ERROR(ListRange(root, *pruner_.first_level_range));
      if (listed_.size() > before) {
        out_.stats.plan = fmt::format(
            "range of {} listed from start-after ({} request(s))", pruner_.first_level_range->key,
            list_requests_.load() - requests_before);
        return Status::OK();
      }
    }
    // The root is listed with the delimiter: its folders show the first key.
    std::vector<ObjectInfo> files;
    std::vector<std::string> folders;
    S3C_RETURN_IF_ERROR(ListLevel(root, &files, &folders));
    ++out_.stats.levels_walked;
    listed_.insert(listed_.end(), files.begin(), files.end());
    std::vector<Branch> next;
    Descend(Branch{root, {}}, 0, folders, &next);
    S3C_RETURN_IF_ERROR(WalkBelow(std::move(next), 1, root, folders.size()));
    out_.stats.plan = WalkPlan();
    return Status::OK();
  }

  std::string WalkPlan() const {
    if (out_.stats.flat_instead_of_walk) {
      return fmt::format("flat listing (cheaper than walking the {} folder(s) left)",
                         out_.stats.folders_pruned);
    }
    return fmt::format("walk {} folder level(s), {} folder(s) pruned", out_.stats.levels_walked,
                       out_.stats.folders_pruned);
  }

  // Walks the folders of `level` inside each branch of `frontier` while their key is one the
  // filter reads; lists the branches flat below that. When the frontier is what survived of
  // `siblings` folders of `parent` (0: unknown), a flat listing of `parent` is chosen instead
  // when it is estimated to cost fewer requests than walking the survivors (the probe's size
  // times the sibling count, 1000 keys per page): the objects are then dropped by their values.
  Status WalkBelow(std::vector<Branch> frontier, size_t level, const std::string& parent = "",
                   size_t siblings = 0) {
    std::vector<Branch> next;
    for (; !frontier.empty(); frontier = std::move(next), next.clear(), ++level) {
      // Probe: one page of the first branch, flat. Its keys show the next level's key; when
      // the page is the whole branch, the branch needs no other listing.
      std::vector<ObjectInfo> probe;
      S3C_RETURN_IF_ERROR(ListFlat(frontier[0].prefix, &probe, "", kProbeKeys));
      const bool complete = probe.size() < kProbeKeys;
      const std::set<std::string> keys = KeysBelow(level, probe, frontier[0].prefix);
      bool filtered = false;
      for (const auto& k : keys) filtered = filtered || pruner_.columns.count(k) > 0;
      listed_.insert(listed_.end(), probe.begin(), probe.end());  // Finish drops duplicates
      if (siblings > 0 && complete) {
        uint64_t flat_pages = (siblings * probe.size() + kProbeKeys - 1) / kProbeKeys;
        if (flat_pages + 1 < frontier.size()) {
          out_.stats.flat_instead_of_walk = true;
          return ListFlat(parent, &listed_);
        }
      }
      siblings = 0;  // deeper levels come from many parents: no estimate there
      if (!filtered) {
        // Below here the filter cannot prune: list each branch flat.
        if (!complete) {
          S3C_RETURN_IF_ERROR(ListFlat(frontier[0].prefix, &listed_, probe.back().key));
        }
        std::vector<std::vector<ObjectInfo>> below(frontier.size());
        S3C_RETURN_IF_ERROR(ForEachBranch(1, frontier.size(), [&](size_t i) {
          return ListFlat(frontier[i].prefix, &below[i]);
        }));
        for (auto& objects : below) listed_.insert(listed_.end(), objects.begin(), objects.end());
        return Status::OK();
      }
      ++out_.stats.levels_walked;
      if (const std::vector<std::string>* pinned = PinnedFolders(keys)) {
        // The filter names this level's folders exactly: go straight to them.
        for (size_t i = complete ? 1 : 0; i < frontier.size(); ++i) {
          std::vector<std::string> folders_of_branch;
          for (const auto& name : *pinned) folders_of_branch.push_back(frontier[i].prefix + name + "/");
          Descend(frontier[i], level, folders_of_branch, &next);
        }
        continue;
      }
      // The branches of one level are listed at once, then descended in order (so the next
      // level's first branch, which the probe lists, does not depend on timing).
      std::vector<std::vector<ObjectInfo>> files(frontier.size());
      std::vector<std::vector<std::string>> folders(frontier.size());
      S3C_RETURN_IF_ERROR(ForEachBranch(complete ? 1 : 0, frontier.size(), [&](size_t i) {
        return ListLevel(frontier[i].prefix, &files[i], &folders[i]);
      }));
      for (size_t i = complete ? 1 : 0; i < frontier.size(); ++i) {
        listed_.insert(listed_.end(), files[i].begin(), files[i].end());
        Descend(frontier[i], level, folders[i], &next);
      }
    }
    return Status::OK();
  }

  // Keeps the listed objects whose own partition values (folders and file name) may match.
  Status Finish(const std::string& root) {
    std::sort(listed_.begin(), listed_.end(),
              [](const ObjectInfo& a, const ObjectInfo& b) { return a.key < b.key; });
    // A probe's page may have been listed again by the walk below it.
    listed_.erase(std::unique(listed_.begin(), listed_.end(),
                              [](const ObjectInfo& a, const ObjectInfo& b) {
                                return a.key == b.key;
                              }),
                  listed_.end());
    for (ObjectInfo& o : listed_) {
      if (pruner_.may_match) {
        std::string_view rel = o.key;
        if (partitioning_.kind == Partitioning::Kind::kTemplate) rel.remove_prefix(root.size());
        auto values = ExtractPartitionValues(partitioning_, rel);
        // A key the layout does not fit is kept: reading it reports the mismatch.
        if (values.ok() && !values->empty() && !pruner_.may_match(*values)) {
          ++out_.stats.objects_pruned;
          continue;
        }
      }
      out_.objects.push_back(std::move(o));
    }
    return Status::OK();
  }

  PartitionListing Take() {
    out_.stats.list_requests = list_requests_.load();
    return std::move(out_);
  }

 private:
  ObjectStore& store_;
  const std::string& root_;
  const std::string metadata_;  // root_ + "_s3c/"
  const Partitioning& partitioning_;
  const PartitionPruner& pruner_;
  const bool skip_hidden_;
  std::vector<ObjectInfo> listed_;
  PartitionListing out_;
  std::atomic<int64_t> list_requests_{0};  // LIST requests, from the listing threads
};

}  // namespace

Result<PartitionListing> ListPartitioned(ObjectStore& store, const std::string& root,
                                         const Partitioning& partitioning,
                                         const PartitionPruner& pruner, bool skip_hidden,
                                         const std::string& start_after) {
  if (!root.empty() && root.back() != '/') {
    return InvalidArgumentError(fmt::format("partition listing root '{}' must end in '/'", root));
  }
  Walker walker(store, root, partitioning, pruner, skip_hidden);
  if (start_after > root) {
    S3C_RETURN_IF_ERROR(walker.ListAllAfter(root, start_after));
    S3C_RETURN_IF_ERROR(walker.Finish(root));
    PartitionListing out = walker.Take();
    out.stats.plan = "flat listing after " + start_after;
    return out;
  }
  if (!pruner.may_match || partitioning.kind == Partitioning::Kind::kNone) {
    S3C_RETURN_IF_ERROR(walker.ListAll(root));
    S3C_RETURN_IF_ERROR(walker.Finish(root));
    PartitionListing out = walker.Take();
    out.stats.plan = "flat listing";
    return out;
  }
  S3C_RETURN_IF_ERROR(walker.Walk(root));
  S3C_RETURN_IF_ERROR(walker.Finish(root));
  return walker.Take();
}

}  // namespace s3c::dataset
