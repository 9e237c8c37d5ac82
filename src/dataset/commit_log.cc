// The commit log's keys, replay, and publishing of records, checkpoints and _SUCCESS
// (dataset/commit_log.h); loading is in commit_log_load.cc.
#include "s3c/dataset/commit_log.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>

#include "s3c/common/json_escape.h"

namespace s3c::dataset {
namespace {

constexpr size_t kSequenceDigits = 20;
constexpr std::string_view kRecordSuffix = ".json";
constexpr std::string_view kCheckpointSuffix = ".checkpoint.json";

std::string RecordName(int64_t sequence) {
  return fmt::format("{:0{}}{}", sequence, kSequenceDigits, kRecordSuffix);
}

// The sequence of a name (after the key's last '/') of 20 digits and `suffix`.
std::optional<int64_t> SequenceOf(std::string_view key, std::string_view suffix) {
  size_t slash = key.rfind('/');
  std::string_view name = slash == std::string_view::npos ? key : key.substr(slash + 1);
  if (name.size() != kSequenceDigits + suffix.size() || name.substr(kSequenceDigits) != suffix) {
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
  return SequenceOf(key, kRecordSuffix);
}

std::string CheckpointKey(std::string_view root, int64_t sequence) {
  return fmt::format("{}{}{:0{}}{}", root, kCommitsFolder, sequence, kSequenceDigits,
                     kCheckpointSuffix);
}

std::optional<int64_t> CheckpointSequenceOf(std::string_view key) {
  return SequenceOf(key, kCheckpointSuffix);
}

Status PublishCommitRecord(ObjectStore& store, const std::string& root,
                           const CommitRecord& record) {
  WriteOptions create;
  create.if_none_match = true;
  create.content_type = "application/json";
  return store.Put(CommitRecordKey(root, record.sequence), CommitRecordJson(record), create)
      .status();
}

Status PublishCheckpoint(ObjectStore& store, const std::string& root, const CommitLog& log) {
  const std::string key = CheckpointKey(root, log.next_sequence - 1);
  WriteOptions create;
  create.if_none_match = true;
  create.content_type = "application/json";
  Status st = store.Put(key, CheckpointJson(log), create).status();
  // Taken: another run checkpointed the same records, which never change.
  if (st.ok() || st.code() == StatusCode::kFailedPrecondition) return Status::OK();
  return Status(st.code(),
                fmt::format("commit checkpoint {}: {}", store.UriFor(key), st.message()));
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
