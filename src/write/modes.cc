// Write mode names, the check before reading, and a single key's publish (write/modes.h).
#include "s3c/write/modes.h"

#include <fmt/format.h>

#include <array>
#include <utility>

namespace s3c::write {
namespace {

constexpr std::array<std::pair<WriteMode, std::string_view>, 5> kModeNames = {{
    {WriteMode::kError, "error"},
    {WriteMode::kIgnore, "ignore"},
    {WriteMode::kAppend, "append"},
    {WriteMode::kReplace, "replace"},
    {WriteMode::kOverwritePartitions, "overwrite_partitions"},
}};

// Whether anything is stored under `prefix`: one LIST page of one key.
Result<bool> PrefixHoldsObjects(ObjectStore& store, const std::string& prefix) {
  ListOptions options;
  options.prefix = prefix;
  options.max_keys = 1;
  bool found = false;
  S3C_RETURN_IF_ERROR(store.List(options, [&](const std::vector<ObjectInfo>& page) {
    found = found || !page.empty();
    return Status::OK();
  }));
  return found;
}

Result<bool> KeyExists(ObjectStore& store, const std::string& key) {
  Result<ObjectInfo> info = store.Stat(key);
  if (info.ok()) return true;
  if (info.status().code() == StatusCode::kNotFound) return false;
  return info.status();
}

}  // namespace

std::string_view WriteModeName(WriteMode mode) {
  for (const auto& [m, name] : kModeNames) {
    if (m == mode) return name;
  }
  return "error";
}

Result<WriteMode> ParseWriteMode(std::string_view name) {
  for (const auto& [m, text] : kModeNames) {
    if (text == name) return m;
  }
  return InvalidArgumentError(fmt::format(
      "unknown mode '{}': use error, ignore, append, replace or overwrite_partitions", name));
}

Result<WritePlan> PlanWrite(ObjectStore& store, const std::string& target, WriteTarget kind,
                            WriteMode mode, std::string_view mode_name) {
  WritePlan plan;
  const std::string uri = store.UriFor(target);
  if (kind == WriteTarget::kKey &&
      (mode == WriteMode::kAppend || mode == WriteMode::kOverwritePartitions)) {
    return FailedPreconditionError(fmt::format(
        "{}: mode {} needs a dataset prefix (path_prefix); a single key can only be written with "
        "mode error, ignore or replace",
        uri, WriteModeName(mode)));
  }
  if (mode != WriteMode::kError && mode != WriteMode::kIgnore) {
    plan.summary = fmt::format("{} {}", WriteModeName(mode), uri);
    return plan;
  }
  if (kind == WriteTarget::kKey) {
    S3C_ASSIGN_OR_RETURN(plan.target_exists, KeyExists(store, target));
    plan.key_options.if_none_match = true;
  } else {
    S3C_ASSIGN_OR_RETURN(plan.target_exists, PrefixHoldsObjects(store, target));
  }
  if (!plan.target_exists) {
    plan.summary = fmt::format("create {}", uri);
    return plan;
  }
  if (mode == WriteMode::kError) {
    return FailedPreconditionError(fmt::format(
        "{} already exists ({} error); choose {} replace, append, overwrite_partitions or "
        "ignore to write to it",
        uri, mode_name, mode_name));
  }
  plan.skip = true;
  plan.summary = fmt::format("skip {}: it exists (mode ignore)", uri);
  return plan;
}

Result<bool> CheckKeyBeforePublish(ObjectStore& store, const std::string& key, WriteMode mode) {
  if (mode != WriteMode::kError && mode != WriteMode::kIgnore) return true;
  S3C_ASSIGN_OR_RETURN(bool exists, KeyExists(store, key));
  if (!exists) return true;
  return FinishKeyWrite(FailedPreconditionError("the key exists"), store.UriFor(key), mode);
}

Result<bool> FinishKeyWrite(const Status& closed, const std::string& uri, WriteMode mode) {
  if (closed.ok()) return true;
  if (closed.code() != StatusCode::kFailedPrecondition ||
      (mode != WriteMode::kError && mode != WriteMode::kIgnore)) {
    return closed;
  }
  if (mode == WriteMode::kIgnore) return false;
  return FailedPreconditionError(fmt::format(
      "{} was created by another run while this one wrote it (mode error): this run's output "
      "was not published",
      uri));
}

}  // namespace s3c::write
