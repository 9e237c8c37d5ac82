// SelectByLastModified, SelectByKey (object_selection.h).
#include "s3c/state/object_selection.h"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <set>

#include "s3c/common/time_format.h"

namespace s3c::state {

Result<OnOverwrite> ParseOnOverwrite(std::string_view word) {
  if (word == "reload") return OnOverwrite::kReload;
  if (word == "ignore") return OnOverwrite::kIgnore;
  if (word == "error") return OnOverwrite::kError;
  return InvalidArgumentError(
      fmt::format("on_overwrite '{}': expected reload, ignore or error", word));
}

Result<Selection> SelectByLastModified(const IncrementalState& previous,
                                       const std::vector<ObjectInfo>& listed,
                                       const LastModifiedOptions& options, WallTime server_now,
                                       std::optional<WallTime> oldest_pending_upload) {
  std::map<std::string, LoadedObject> tracked;  // key -> what was loaded
  for (const LoadedObject& o : previous.loaded) tracked[o.key] = o;
  std::optional<WallTime> from = options.start;
  if (previous.watermark) from = *previous.watermark - options.lookback;

  Selection out;
  out.advances = !options.end.has_value();
  std::optional<WallTime> newest_loaded;
  for (const ObjectInfo& o : listed) {
    if (o.is_prefix) continue;
    if (from && o.last_modified < *from) continue;  // summarized by the watermark
    if (options.end && o.last_modified >= *options.end) continue;
    auto seen = tracked.find(o.key);
    if (seen != tracked.end()) {
      if (seen->second.etag == o.etag) continue;  // loaded already
      if (options.on_overwrite == OnOverwrite::kError) {
        return FailedPreconditionError(fmt::format(
            "{} was rewritten since it was loaded (ETag {} then, {} now, last modified {}); "
            "on_overwrite: error stops here (reload loads it again, ignore skips it)",
            o.key, seen->second.etag, o.etag, FormatIso8601(o.last_modified)));
      }
      if (options.on_overwrite == OnOverwrite::kIgnore) {
        seen->second.etag = o.etag;  // this version counts as loaded
        seen->second.last_modified = o.last_modified;
        continue;
      }
    }
    out.to_load.push_back(o);
    tracked[o.key] = LoadedObject{o.key, o.etag, o.last_modified};
    if (!newest_loaded || o.last_modified > *newest_loaded) newest_loaded = o.last_modified;
  }

  IncrementalState& next = out.next;
  next = previous;
  next.strategy = "last_modified";
  std::optional<WallTime> watermark = previous.watermark;
  if (newest_loaded) {
    WallTime candidate = std::min(*newest_loaded, server_now - options.settle);
    if (oldest_pending_upload) candidate = std::min(candidate, *oldest_pending_upload);
    if (!watermark || candidate > *watermark) watermark = candidate;
  }
  next.watermark = watermark;
  next.loaded.clear();
  for (auto& [key, o] : tracked) {
    if (!watermark || o.last_modified >= *watermark - options.lookback) next.loaded.push_back(o);
  }
  if (static_cast<int64_t>(next.loaded.size()) > options.max_tracked_objects) {
    return ResourceExhaustedError(fmt::format(
        "{} objects were modified inside the lookback window ({} s), more than "
        "max_tracked_objects {}: raise max_tracked_objects or shorten lookback (s3c never "
        "forgets a loaded object silently)",
        next.loaded.size(),
        std::chrono::duration_cast<std::chrono::seconds>(options.lookback).count(),
        options.max_tracked_objects));
  }
  return out;
}

std::string KeyListingStart(const IncrementalState& previous, const KeyOptions& options) {
  if (!previous.loaded.empty()) return previous.loaded.front().key;  // the oldest kept
  if (!previous.last_key.empty()) return previous.last_key;
  return options.start.value_or("");
}

Result<Selection> SelectByKey(const IncrementalState& previous,
                              const std::vector<ObjectInfo>& listed, const KeyOptions& options) {
  std::set<std::string> kept;
  for (const LoadedObject& o : previous.loaded) kept.insert(o.key);
  const std::string after = KeyListingStart(previous, options);
  Selection out;
  out.advances = !options.end.has_value();
  std::vector<LoadedObject> loaded = previous.loaded;
  for (const ObjectInfo& o : listed) {
    if (o.is_prefix || o.key <= after || kept.count(o.key) > 0) continue;
    if (options.end && o.key >= *options.end) continue;
    out.to_load.push_back(o);
    loaded.push_back(LoadedObject{o.key, o.etag, o.last_modified});
  }
  std::sort(loaded.begin(), loaded.end(),
            [](const LoadedObject& a, const LoadedObject& b) { return a.key < b.key; });
  IncrementalState& next = out.next;
  next = previous;
  next.strategy = "key";
  if (!loaded.empty()) next.last_key = std::max(previous.last_key, loaded.back().key);
  const size_t keep = static_cast<size_t>(std::max<int64_t>(options.lag, 1));
  if (loaded.size() > keep) loaded.erase(loaded.begin(), loaded.end() - keep);
  next.loaded = std::move(loaded);
  return out;
}

}  // namespace s3c::state
