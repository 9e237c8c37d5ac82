// StateStore (state_store.h).
#include "s3c/state/state_store.h"

#include <fmt/format.h>

#include <mutex>

namespace s3c::state {

StateStore::StateStore(ObjectStore& store, std::string key) : store_(store), key_(std::move(key)) {}

Result<StoredState> StateStore::Load() const {
  // One GET: the bytes and the ETag they belong to come from the same response.
  StoredState out;
  std::mutex mu;
  auto sink = [&](uint64_t offset, const char* data, size_t n) {
    std::lock_guard<std::mutex> lock(mu);
    if (out.text.size() < offset + n) out.text.resize(offset + n);
    out.text.replace(offset, n, data, n);
    return Status::OK();
  };
  Result<ObjectInfo> info = store_.ReadInto(key_, ReadOptions{}, sink);
  if (info.status().code() == StatusCode::kNotFound) return StoredState{};
  S3C_RETURN_IF_ERROR(info.status());
  out.text.resize(info->size);
  out.etag = info->etag;
  if (out.etag.empty()) {
    return InternalError(fmt::format("state {}: the store gave no ETag to save against", uri()));
  }
  return out;
}

Result<StoredState> StateStore::Save(const StoredState& expected, std::string text) const {
  WriteOptions options;
  options.content_type = "application/json";
  if (expected.exists()) {
    options.if_match = expected.etag;
  } else {
    options.if_none_match = true;
  }
  StoredState out;
  out.text = text;
  Result<std::string> etag = store_.Put(key_, std::move(text), options);
  if (etag.status().code() == StatusCode::kFailedPrecondition ||
      (etag.status().code() == StatusCode::kNotFound && expected.exists())) {
    return FailedPreconditionError(fmt::format(
        "state {} was saved by another run since this run loaded it ({}); this run publishes "
        "nothing: run it again once the other has finished",
        uri(), expected.exists() ? "version " + expected.etag : "it did not exist"));
  }
  S3C_RETURN_IF_ERROR(etag.status());
  out.etag = *etag;
  return out;
}

Status StateStore::CheckConditionalWrites(const std::string& token) const {
  const std::string probe = key_ + ".probe-" + token;
  auto ignored = [&](const char* condition, const char* what) {
    return FailedPreconditionError(fmt::format(
        "{} does not honour {} on PutObject ({} of {} succeeded): incremental state there could "
        "be advanced by two runs at once; keep the state in a local folder or in a store that "
        "honours conditional writes",
        store_.UriFor(""), condition, what, store_.UriFor(probe)));
  };
  auto refused = [](const Result<std::string>& put) {
    return put.status().code() == StatusCode::kFailedPrecondition;
  };
  // What two runs do: both create, or both replace the version they loaded (the stale one
  // after the first replace).
  WriteOptions create;
  create.if_none_match = true;
  S3C_ASSIGN_OR_RETURN(std::string first, store_.Put(probe, "1", create));
  Status verdict = Status::OK();
  Result<std::string> again = store_.Put(probe, "2", create);
  WriteOptions replace_first;
  replace_first.if_match = first;
  Result<std::string> second = store_.Put(probe, "3", replace_first);
  Result<std::string> stale = store_.Put(probe, "4", replace_first);
  if (again.ok()) {
    verdict = ignored("If-None-Match", "a second create");
  } else if (!refused(again)) {
    verdict = again.status();
  } else if (!second.ok()) {
    verdict = second.status();  // a replace of the current version must succeed
  } else if (stale.ok()) {
    verdict = ignored("If-Match", "a replace of an older version");
  } else if (!refused(stale)) {
    verdict = stale.status();
  }
  Status deleted = store_.DeleteMany({probe});
  return verdict.ok() ? deleted : verdict;
}

}  // namespace s3c::state
