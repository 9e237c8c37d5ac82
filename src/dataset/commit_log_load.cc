// Loading the commit log and finding a recorded state (dataset/commit_log.h). Both walk the
// log newest first: the records after the newest checkpoint, then that checkpoint, then (only
// when the checkpoint does not read) the records before it; each stops where it has what it
// needs (a baseline, the checkpoint, the state it looks for).
#include <fmt/format.h>

#include <algorithm>
#include <functional>
#include <optional>

#include "s3c/dataset/commit_log.h"

namespace s3c::dataset {
namespace {

using SequenceKey = std::pair<int64_t, std::string>;

// The records and checkpoints directly under the commits folder, each in sequence order.
struct LogKeys {
  std::vector<SequenceKey> records;
  std::vector<SequenceKey> checkpoints;
};

LogKeys KeysOf(const std::string& root, const std::vector<ObjectInfo>& listed) {
  const std::string folder = root + std::string(kCommitsFolder);
  LogKeys keys;
  for (const ObjectInfo& o : listed) {
    if (o.is_prefix || o.key.compare(0, folder.size(), folder) != 0) continue;
    if (o.key.find('/', folder.size()) != std::string::npos) continue;
    if (auto sequence = CommitSequenceOf(o.key)) {
      keys.records.emplace_back(*sequence, o.key);
    } else if (auto checkpoint = CheckpointSequenceOf(o.key)) {
      keys.checkpoints.emplace_back(*checkpoint, o.key);
    }
  }
  std::sort(keys.records.begin(), keys.records.end());
  std::sort(keys.checkpoints.begin(), keys.checkpoints.end());
  return keys;
}

// Every key under root + kCommitsFolder; `*pages` counts the LIST pages.
Result<std::vector<ObjectInfo>> ListCommitsFolder(ObjectStore& store, const std::string& root,
                                                  int64_t* pages) {
  ListOptions options;
  options.prefix = root + std::string(kCommitsFolder);
  std::vector<ObjectInfo> listed;
  S3C_RETURN_IF_ERROR(store.List(options, [&](const std::vector<ObjectInfo>& page) {
    ++*pages;
    listed.insert(listed.end(), page.begin(), page.end());
    return Status::OK();
  }));
  return listed;
}

// Fetches the record or checkpoint (`what`) at `key`, parses it with `parse` and checks that
// it holds the sequence its name says (`sequence_of` the parsed); errors name its URI.
template <typename T>
Result<T> ReadLogObject(ObjectStore& store, const std::string& key, int64_t sequence,
                        std::string_view what,
                        Result<T> (*parse)(std::string_view, const std::string&),
                        int64_t (*sequence_of)(const T&)) {
  const std::string uri = store.UriFor(key);
  S3C_ASSIGN_OR_RETURN(auto input, store.OpenInput(key));
  S3C_ASSIGN_OR_RETURN(std::string text, input->ReadAll());
  S3C_ASSIGN_OR_RETURN(T parsed, parse(text, uri));
  if (sequence_of(parsed) != sequence) {
    return DataLossError(fmt::format("{}: sequence: expected {} (the {}'s name), found {}", uri,
                                     sequence, what, sequence_of(parsed)));
  }
  return parsed;
}

Result<CommitRecord> ReadRecord(ObjectStore& store, const std::string& key, int64_t sequence) {
  return ReadLogObject<CommitRecord>(store, key, sequence, "record", &ParseCommitRecord,
                                     [](const CommitRecord& r) { return r.sequence; });
}

Result<CommitLog> ReadCheckpoint(ObjectStore& store, const std::string& key, int64_t sequence) {
  return ReadLogObject<CommitLog>(store, key, sequence, "checkpoint", &ParseCheckpoint,
                                  [](const CommitLog& log) { return log.next_sequence - 1; });
}

enum class Walk { kOn, kStop };

struct WalkCounts {
  int64_t records_read = 0;
  int64_t get_requests = 0;  // the records' and the checkpoint's
};

// Visits the log newest first: `on_record` each record after the newest checkpoint that is
// not past the newest record; then `on_checkpoint` that checkpoint (or why it did not read);
// then the records before it. Stops when a visitor says so. A record that does not read is an
// error; a checkpoint that does not read is the visitor's to judge.
Status WalkNewestFirst(ObjectStore& store, const LogKeys& keys,
                       const std::function<Walk(CommitRecord)>& on_record,
                       const std::function<Walk(Result<CommitLog>)>& on_checkpoint,
                       WalkCounts* counts) {
  if (keys.records.empty()) return Status::OK();
  const SequenceKey* checkpoint = nullptr;
  for (auto it = keys.checkpoints.rbegin(); it != keys.checkpoints.rend(); ++it) {
    // One past the newest record cannot be a replay of the records listed: not used.
    if (it->first <= keys.records.back().first) {
      checkpoint = &*it;
      break;
    }
  }
  auto visit = [&](const SequenceKey& key) -> Result<Walk> {
    S3C_ASSIGN_OR_RETURN(CommitRecord record, ReadRecord(store, key.second, key.first));
    ++counts->get_requests;
    ++counts->records_read;
    return on_record(std::move(record));
  };
  auto record = keys.records.rbegin();
  for (; record != keys.records.rend(); ++record) {
    if (checkpoint != nullptr && record->first <= checkpoint->first) break;
    S3C_ASSIGN_OR_RETURN(Walk next, visit(*record));
    if (next == Walk::kStop) return Status::OK();
  }
  if (checkpoint != nullptr) {
    ++counts->get_requests;
    if (on_checkpoint(ReadCheckpoint(store, checkpoint->second, checkpoint->first)) ==
        Walk::kStop) {
      return Status::OK();
    }
  }
  for (; record != keys.records.rend(); ++record) {
    S3C_ASSIGN_OR_RETURN(Walk next, visit(*record));
    if (next == Walk::kStop) return Status::OK();
  }
  return Status::OK();
}

}  // namespace

Result<CommitLog> LoadCommitLogFrom(ObjectStore& store, const std::string& root,
                                    const std::vector<ObjectInfo>& listed) {
  const LogKeys keys = KeysOf(root, listed);
  std::vector<CommitRecord> records;  // newest first
  std::optional<CommitLog> base;
  std::string fallback;
  WalkCounts counts;
  S3C_RETURN_IF_ERROR(WalkNewestFirst(
      store, keys,
      [&](CommitRecord record) {
        const bool baseline = record.replaces_all;  // what came before it is all replaced
        records.push_back(std::move(record));
        return baseline ? Walk::kStop : Walk::kOn;
      },
      [&](Result<CommitLog> checkpoint) {
        if (!checkpoint.ok()) {
          fallback = checkpoint.status().ToString() + "; the records before it were read";
          return Walk::kOn;
        }
        base = std::move(*checkpoint);
        return Walk::kStop;
      },
      &counts));
  CommitLog log;
  if (base) {
    log = std::move(*base);
    log.checkpoint_sequence = log.next_sequence - 1;
  }
  log.checkpoint_fallback = std::move(fallback);
  log.records_read = counts.records_read;
  log.get_requests = counts.get_requests;
  // Oldest first, from the checkpoint, the baseline or sequence 0.
  for (auto it = records.rbegin(); it != records.rend(); ++it) ApplyCommitRecord(*it, &log);
  if (!keys.records.empty()) log.next_sequence = keys.records.back().first + 1;
  return log;
}

Result<CommitLog> LoadCommitLog(ObjectStore& store, const std::string& root) {
  int64_t pages = 0;
  S3C_ASSIGN_OR_RETURN(auto listed, ListCommitsFolder(store, root, &pages));
  S3C_ASSIGN_OR_RETURN(CommitLog log, LoadCommitLogFrom(store, root, listed));
  log.list_requests = std::max<int64_t>(pages, 1);  // an empty listing is one request too
  return log;
}

Result<std::optional<RecordedState>> FindRecordedState(ObjectStore& store, const std::string& root,
                                                       const std::string& id) {
  int64_t pages = 0;
  S3C_ASSIGN_OR_RETURN(auto listed, ListCommitsFolder(store, root, &pages));
  std::optional<RecordedState> found;
  WalkCounts counts;
  S3C_RETURN_IF_ERROR(WalkNewestFirst(
      store, KeysOf(root, listed),
      [&](CommitRecord record) {
        // Newest first: the first record holding `id` holds its newest state (a later run of
        // the same pipeline always records a higher state sequence).
        if (record.state && record.state->id == id) {
          found = std::move(record.state);
          return Walk::kStop;
        }
        return record.replaces_all ? Walk::kStop : Walk::kOn;
      },
      [&](Result<CommitLog> checkpoint) {
        if (!checkpoint.ok()) return Walk::kOn;  // the records before it say the same
        auto state = checkpoint->states.find(id);
        if (state != checkpoint->states.end()) found = state->second;
        return Walk::kStop;
      },
      &counts));
  return found;
}

}  // namespace s3c::dataset
