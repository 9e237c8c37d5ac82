// DraftRecord and the data objects of a root (write/commit_internal.h).
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "s3c/dataset/partitioning.h"
#include "s3c/common/strings.h"
#include "write/commit_internal.h"

namespace s3c::write {
namespace {

using dataset::DataFile;
using dataset::PartitionValues;

// The Hive partition values of a legacy file's path, in `partition_by` order (all of them
// when partition_by is empty).
PartitionValues LegacyPartitionValues(const std::string& path,
                                      const std::vector<std::string>& partition_by) {
  PartitionValues out;
  auto raw = dataset::ExtractPartitionValues(dataset::Partitioning{}, path);
  if (!raw.ok()) return out;
  if (partition_by.empty()) {
    for (auto& v : *raw) out.emplace_back(v.name, v.text);
    return out;
  }
  for (const std::string& name : partition_by) {
    for (auto& v : *raw) {
      if (v.name == name) out.emplace_back(v.name, v.text);
    }
  }
  return out;
}

// A legacy object kept as a committed file: what the listing knows of it; rows unknown.
DataFile Adopted(const ObjectInfo& o, const std::vector<std::string>& partition_by) {
  DataFile f;
  f.path = o.key;
  f.partition_values = LegacyPartitionValues(o.key, partition_by);
  f.size = o.size;
  f.rows = -1;
  f.etag = o.etag;
  f.modification_time = o.last_modified;
  return f;
}

std::string TargetFound(const dataset::CommitLog& log, size_t legacy) {
  if (log.has_records()) {
    return fmt::format("its commit log holds {} record(s) ({} live file(s))", log.next_sequence,
                       log.live.size());
  }
  return fmt::format("it holds {} data object(s)", legacy);
}

}  // namespace

bool IsDataPath(std::string_view relative) {
  if (relative.empty() || relative.back() == '/') return false;
  if (relative.substr(0, dataset::kMetadataFolder.size()) == dataset::kMetadataFolder) {
    return false;
  }
  size_t slash = relative.rfind('/');
  char first = relative[slash == std::string_view::npos ? 0 : slash + 1];
  return first != '_' && first != '.';
}

Result<std::vector<ObjectInfo>> ListDataObjects(ObjectStore& store, const std::string& root,
                                                int64_t* list_requests,
                                                std::vector<ObjectInfo>* state_files) {
  ListOptions options;
  options.prefix = root;
  std::vector<ObjectInfo> out;
  int64_t pages = 0;
  S3C_RETURN_IF_ERROR(store.List(options, [&](const std::vector<ObjectInfo>& page) {
    ++pages;
    for (const ObjectInfo& o : page) {
      if (o.is_prefix) continue;
      const std::string_view relative = std::string_view(o.key).substr(root.size());
      std::vector<ObjectInfo>* to = IsDataPath(relative) ? &out : nullptr;
      if (state_files != nullptr && StartsWith(relative, dataset::kStateFolder)) to = state_files;
      if (to == nullptr) continue;
      to->push_back(o);
      to->back().key = std::string(relative);
    }
    return Status::OK();
  }));
  *list_requests += std::max<int64_t>(pages, 1);
  return out;
}

Result<Draft> DraftRecord(const dataset::CommitLog& log, const std::vector<ObjectInfo>& legacy,
                          const CommitInputs& in) {
  Draft draft;
  size_t already_live = 0;
  for (const DataFile& f : in.added) {
    if (log.retired.count(f.path) > 0) {
      return AbortedError(fmt::format(
          "commit of run {}: the file {} was removed by a concurrent run's commit (replace or "
          "overwrite_partitions) before this run committed; run it again",
          in.run_id, f.path));
    }
    already_live += log.live.count(f.path);
  }
  if (!in.added.empty() && already_live == in.added.size()) {
    draft.decision = DraftDecision::kAlreadyCommitted;
    return draft;
  }
  const bool exists = log.has_records() || !legacy.empty();
  if ((in.mode == WriteMode::kError || in.mode == WriteMode::kIgnore) && exists) {
    draft.decision = DraftDecision::kTargetExists;
    draft.reason = TargetFound(log, legacy.size());
    return draft;
  }
  if (in.added.empty() &&
      (in.mode == WriteMode::kAppend || in.mode == WriteMode::kOverwritePartitions)) {
    draft.decision = DraftDecision::kNothingToDo;
    return draft;
  }
  dataset::CommitRecord& r = draft.record;
  r.sequence = log.next_sequence;
  r.run_id = in.run_id;
  r.time = in.now;
  r.mode = std::string(WriteModeName(in.mode));
  r.partition_by = in.partition_by;
  r.schema_json = in.schema_json;
  if (in.mode == WriteMode::kReplace) {
    r.replaces_all = true;
    for (const auto& [path, file] : log.live) r.removed.push_back(path);
    for (const ObjectInfo& o : legacy) r.removed.push_back(o.key);
  } else if (in.mode == WriteMode::kOverwritePartitions) {
    std::set<PartitionValues> replaced;
    for (const DataFile& f : in.added) replaced.insert(f.partition_values);
    r.replaced_partitions.assign(replaced.begin(), replaced.end());
    for (const auto& [path, file] : log.live) {
      if (replaced.count(file.partition_values) > 0) r.removed.push_back(path);
    }
    for (const ObjectInfo& o : legacy) {
      if (replaced.count(LegacyPartitionValues(o.key, in.partition_by)) > 0) {
        r.removed.push_back(o.key);
      } else {
        r.added.push_back(Adopted(o, in.partition_by));
      }
    }
  } else {
    // error / ignore (nothing exists) and append: a root without records keeps its objects.
    for (const ObjectInfo& o : legacy) r.added.push_back(Adopted(o, in.partition_by));
  }
  for (const DataFile& f : in.added) r.added.push_back(f);
  std::sort(r.removed.begin(), r.removed.end());
  return draft;
}

}  // namespace s3c::write
