// The commit log's keys, loading and replay, publishing (dataset/commit_log.h).
#include "s3c/dataset/commit_log.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "s3c/common/json_escape.h"

namespace s3c::dataset {
namespace {

constexpr size_t kSequenceDigits = 20;
constexpr std::string_view kRecordSuffix = ".json";

std::string RecordName(int64_t sequence) {
  return fmt::format("{:0{}}{}", sequence, kSequenceDigits, kRecordSuffix);
}

// Fetches the record at `key` and parses it; errors name the record's URI.
Result<CommitRecord> ReadRecord(ObjectStore& store, const std::string& key, int64_t sequence) {
  const std::string uri = store.UriFor(key);
  S3C_ASSIGN_OR_RETURN(auto input, store.OpenInput(key));
  S3C_ASSIGN_OR_RETURN(std::string text, input->ReadAll());
  S3C_ASSIGN_OR_RETURN(CommitRecord record, ParseCommitRecord(text, uri));
  if (record.sequence != sequence) {
    return DataLossError(fmt::format("{}: sequence: expected {} (the record's name), found {}", uri,
                                     sequence, record.sequence));
  }
  return record;
}

}  // namespace

void ApplyCommitRecord(const CommitRecord& r, CommitLog* log) {
  if (r.replaces_all) {
    for (auto& [path, file] : log->live) log->retired.insert(path);
    log->live.clear();
  }
  for (const std::string& path : r.removed) {
    log->live.erase(path);
    log->retired.insert(path);
  }
  for (const DataFile& file : r.added) {
    log->retired.erase(file.path);
    log->live[file.path] = file;
  }
  log->partition_by = r.partition_by;
  if (r.state) {
    RecordedState& newest = log->states[r.state->id];
    if (r.state->sequence >= newest.sequence) newest = *r.state;
  }
  log->next_sequence = std::max(log->next_sequence, r.sequence + 1);
}

std::string CommitRecordKey(std::string_view root, int64_t sequence) {
  return std::string(root) + std::string(kCommitsFolder) + RecordName(sequence);
}

bool NameHoldsRunId(std::string_view key) {
  const size_t slash = key.rfind('/');
  std::string_view name = slash == std::string_view::npos ? key : key.substr(slash + 1);
  constexpr size_t kLength = 16 + 1 + 12;  // 20261207T093012Z-0123456789ab
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  auto hex = [&](char c) { return digit(c) || (c >= 'a' && c <= 'f'); };
  for (size_t at = 0; at + kLength <= name.size(); ++at) {
    std::string_view s = name.substr(at, kLength);
    bool ok = s[8] == 'T' && s[15] == 'Z' && s[16] == '-';
    for (size_t i = 0; ok && i < 15; ++i) ok = i == 8 || digit(s[i]);
    for (size_t i = 17; ok && i < kLength; ++i) ok = hex(s[i]);
    if (ok) return true;
  }
  return false;
}

std::optional<int64_t> CommitSequenceOf(std::string_view key) {
  size_t slash = key.rfind('/');
  std::string_view name = slash == std::string_view::npos ? key : key.substr(slash + 1);
  if (name.size() != kSequenceDigits + kRecordSuffix.size() ||
      name.substr(kSequenceDigits) != kRecordSuffix) {
    return std::nullopt;
  }
  int64_t n = 0;
  for (size_t i = 0; i < kSequenceDigits; ++i) {
    char c = name[i];
    if (c < '0' || c > '9') return std::nullopt;
    if (n > (INT64_MAX - (c - '0')) / 10) return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n;
}

Result<CommitLog> LoadCommitLogFrom(ObjectStore& store, const std::string& root,
                                    const std::vector<ObjectInfo>& listed) {
  const std::string folder = root + std::string(kCommitsFolder);
  std::vector<std::pair<int64_t, std::string>> keys;
  for (const ObjectInfo& o : listed) {
    if (o.is_prefix || o.key.compare(0, folder.size(), folder) != 0) continue;
    if (o.key.find('/', folder.size()) != std::string::npos) continue;
    if (auto sequence = CommitSequenceOf(o.key)) keys.emplace_back(*sequence, o.key);
  }
  std::sort(keys.begin(), keys.end());
  CommitLog log;
  if (keys.empty()) return log;
  log.next_sequence = keys.back().first + 1;
  // Newest first, back to the newest baseline: what came before it is all replaced.
  std::vector<CommitRecord> records;
  for (auto it = keys.rbegin(); it != keys.rend(); ++it) {
    S3C_ASSIGN_OR_RETURN(CommitRecord record, ReadRecord(store, it->second, it->first));
    ++log.get_requests;
    const bool baseline = record.replaces_all;
    records.push_back(std::move(record));
    if (baseline) break;
  }
  log.records_read = static_cast<int64_t>(records.size());
  // Oldest first, from the baseline (or sequence 0).
  for (auto it = records.rbegin(); it != records.rend(); ++it) ApplyCommitRecord(*it, &log);
  return log;
}

Result<CommitLog> LoadCommitLog(ObjectStore& store, const std::string& root) {
  ListOptions options;
  options.prefix = root + std::string(kCommitsFolder);
  std::vector<ObjectInfo> listed;
  int64_t pages = 0;
  S3C_RETURN_IF_ERROR(store.List(options, [&](const std::vector<ObjectInfo>& page) {
    ++pages;
    listed.insert(listed.end(), page.begin(), page.end());
    return Status::OK();
  }));
  S3C_ASSIGN_OR_RETURN(CommitLog log, LoadCommitLogFrom(store, root, listed));
  log.list_requests = std::max<int64_t>(pages, 1);  // an empty listing is one request too
  return log;
}

Result<std::optional<RecordedState>> FindRecordedState(ObjectStore& store,
                                                       const std::string& root,
                                                       const std::string& id) {
  ListOptions options;
  options.prefix = root + std::string(kCommitsFolder);
  std::vector<std::pair<int64_t, std::string>> keys;
  S3C_RETURN_IF_ERROR(store.List(options, [&](const std::vector<ObjectInfo>& page) {
    for (const ObjectInfo& o : page) {
      if (o.is_prefix || o.key.find('/', options.prefix.size()) != std::string::npos) continue;
      if (auto sequence = CommitSequenceOf(o.key)) keys.emplace_back(*sequence, o.key);
    }
    return Status::OK();
  }));
  std::sort(keys.begin(), keys.end());
  // Newest first: the first record holding `id` holds its newest state (a later run of the
  // same pipeline always records a higher state sequence).
  for (auto it = keys.rbegin(); it != keys.rend(); ++it) {
    S3C_ASSIGN_OR_RETURN(CommitRecord record, ReadRecord(store, it->second, it->first));
    if (record.state && record.state->id == id) return record.state;
    if (record.replaces_all) break;
  }
  return std::optional<RecordedState>();
}

Status PublishCommitRecord(ObjectStore& store, const std::string& root,
                           const CommitRecord& record) {
  WriteOptions create;
  create.if_none_match = true;
  create.content_type = "application/json";
  return store.Put(CommitRecordKey(root, record.sequence), CommitRecordJson(record), create)
      .status();
}

Status WriteSuccessMarker(ObjectStore& store, const std::string& root, const CommitRecord& record) {
  std::string text =
      fmt::format("{{\"format\":\"s3c-success\",\"sequence\":{},\"record\":", record.sequence);
  AppendJsonString(std::string(kCommitsFolder) + RecordName(record.sequence), &text);
  text += ",\"run_id\":";
  AppendJsonString(record.run_id, &text);
  text += fmt::format(
      ",\"timestamp\":{}}}\n",
      std::chrono::duration_cast<std::chrono::milliseconds>(record.time.time_since_epoch())
          .count());
  WriteOptions plain;
  plain.content_type = "application/json";
  return store.Put(root + std::string(kSuccessMarker), std::move(text), plain).status();
}

}  // namespace s3c::dataset
