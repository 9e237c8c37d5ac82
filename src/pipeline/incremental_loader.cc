// LoadIncremental (loader_internal.h): a source's `incremental:` map, every key checked against
// the strategy it belongs to.
#include <fmt/format.h>

#include <algorithm>
#include <map>

#include "pipeline/loader_internal.h"
#include "pipeline/setting_keys.h"
#include "s3c/common/time_format.h"
#include "s3c/dataset/object_filters.h"

namespace s3c::pipeline {
namespace {

// Each key and the strategies that take it ("" = every strategy).
const std::map<std::string, std::vector<std::string>>& KeyStrategies() {
  static const auto* keys = new std::map<std::string, std::vector<std::string>>{
      {"strategy", {}},
      {"start", {}},
      {"end", {}},
      {"lookback", {"last_modified"}},
      {"settle", {"last_modified"}},
      {"max_tracked_objects", {"last_modified"}},
      {"on_overwrite", {"last_modified"}},
      {"lag", {"key"}},
      {"cursor_field", {"cursor"}},
      {"primary_key", {"cursor"}},
      {"on_cursor_value_missing", {"cursor"}},
  };
  return *keys;
}

std::vector<std::string> KnownKeys() {
  std::vector<std::string> out;
  for (const auto& [k, _] : KeyStrategies()) out.push_back(k);
  return out;
}

}  // namespace

const char* IncrementalStrategyName(IncrementalStrategy strategy) {
  switch (strategy) {
    case IncrementalStrategy::kLastModified:
      return "last_modified";
    case IncrementalStrategy::kKey:
      return "key";
    case IncrementalStrategy::kCursor:
      return "cursor";
    case IncrementalStrategy::kNone:
      break;
  }
  return "none";
}

std::optional<IncrementalSettings> LoadIncremental(const ConfigEntry& entry, WallTime now,
                                                   ConfigErrors& errors) {
  const size_t before = errors.size();
  if (entry.value.kind != ConfigNode::Kind::kMap) {
    errors.Add(entry.value.position,
               fmt::format("incremental: expected a map (strategy: last_modified, key or "
                           "cursor, and its settings), got {}",
                           KindName(entry.value.kind)));
    return std::nullopt;
  }
  std::map<std::string, const ConfigEntry*> given;
  for (const ConfigEntry& e : entry.value.entries) {
    if (KeyStrategies().count(e.key) == 0) {
      errors.Add(e.key_position, fmt::format("unknown key '{}' in incremental{}", e.key,
                                             DidYouMean(e.key, KnownKeys())));
    } else {
      given[e.key] = &e;
    }
  }
  IncrementalSettings out;
  auto text = [&](const char* key) -> std::optional<std::string> {
    auto it = given.find(key);
    if (it == given.end()) return std::nullopt;
    Result<std::string> v = StringValue(fmt::format("incremental.{}", key), it->second->value);
    if (!v.ok()) {
      errors.Add(it->second->value.position, v.status().message());
      return std::nullopt;
    }
    return *v;
  };
  auto fail = [&](const char* key, std::string message) {
    errors.Add(given.at(key)->value.position, fmt::format("incremental.{}: {}", key, message));
  };

  const std::optional<std::string> strategy = text("strategy");
  if (!strategy) {
    if (given.count("strategy") == 0) {
      errors.Add(entry.key_position, "incremental needs 'strategy': last_modified, key or cursor");
    }
    return std::nullopt;
  }
  if (*strategy == "last_modified") {
    out.strategy = IncrementalStrategy::kLastModified;
  } else if (*strategy == "key") {
    out.strategy = IncrementalStrategy::kKey;
  } else if (*strategy == "cursor") {
    out.strategy = IncrementalStrategy::kCursor;
  } else {
    fail("strategy",
         fmt::format("'{}' is not a strategy: last_modified, key or cursor{}", *strategy,
                     DidYouMean(*strategy, {"last_modified", "key", "cursor"})));
    return std::nullopt;
  }
  for (const auto& [key, e] : given) {
    const std::vector<std::string>& takers = KeyStrategies().at(key);
    if (!takers.empty() && takers.front() != *strategy) {
      errors.Add(e->key_position, fmt::format("incremental.{} is a setting of strategy {}, not {}",
                                              key, takers.front(), *strategy));
    }
  }
  auto age = [&](const char* key, Duration* into) {
    if (std::optional<std::string> v = text(key)) {
      std::optional<std::chrono::seconds> d = ParseAge(*v);
      if (!d)
        return fail(key,
                    fmt::format("'{}' is not a length of time such as 30s, 90m, 1h or 7d", *v));
      *into = *d;
    }
  };
  auto count = [&](const char* key, int64_t min, int64_t* into) {
    auto it = given.find(key);
    if (it == given.end()) return;
    Result<int64_t> v = IntegerValue(fmt::format("incremental.{}", key), it->second->value);
    if (!v.ok()) return errors.Add(it->second->value.position, v.status().message());
    if (*v < min) return fail(key, fmt::format("expected {} or more, got {}", min, *v));
    *into = *v;
  };
  auto instant = [&](const char* key, std::optional<WallTime>* into) {
    if (std::optional<std::string> v = text(key)) {
      Result<WallTime> t = dataset::ParseInstant(*v, now);
      if (!t.ok()) return fail(key, t.status().message());
      *into = *t;
    }
  };

  switch (out.strategy) {
    case IncrementalStrategy::kLastModified: {
      state::LastModifiedOptions& o = out.last_modified;
      age("lookback", &o.lookback);
      age("settle", &o.settle);
      count("max_tracked_objects", 1, &o.max_tracked_objects);
      if (std::optional<std::string> v = text("on_overwrite")) {
        Result<state::OnOverwrite> w = state::ParseOnOverwrite(*v);
        if (!w.ok()) {
          fail("on_overwrite", w.status().message());
        } else {
          o.on_overwrite = *w;
        }
      }
      instant("start", &o.start);
      instant("end", &o.end);
      if (o.start && o.end && *o.end <= *o.start) fail("end", "must be after start");
      break;
    }
    case IncrementalStrategy::kKey:
      count("lag", 1, &out.key.lag);
      out.key.start = text("start");
      out.key.end = text("end");
      if (out.key.start && out.key.end && *out.key.end <= *out.key.start) {
        fail("end", "must sort after start");
      }
      break;
    case IncrementalStrategy::kCursor: {
      CursorSettings& c = out.cursor;
      if (std::optional<std::string> f = text("cursor_field")) c.field = *f;
      if (c.field.empty() && given.count("cursor_field") == 0) {
        errors.Add(given.at("strategy")->value.position,
                   "incremental: strategy cursor needs cursor_field (the column that grows)");
      }
      if (auto it = given.find("primary_key"); it != given.end()) {
        Result<std::vector<std::string>> pk =
            StringListValue("incremental.primary_key", it->second->value);
        if (!pk.ok()) {
          errors.Add(it->second->value.position, pk.status().message());
        } else {
          c.primary_key =
              it->second->value.kind == ConfigNode::Kind::kScalar ? SplitColumns(pk->front()) : *pk;
        }
      }
      if (std::optional<std::string> v = text("on_cursor_value_missing")) {
        if (*v == "error") {
          c.on_missing = OnCursorValueMissing::kError;
        } else if (*v == "include") {
          c.on_missing = OnCursorValueMissing::kInclude;
        } else if (*v == "exclude") {
          c.on_missing = OnCursorValueMissing::kExclude;
        } else {
          fail("on_cursor_value_missing",
               fmt::format("'{}': expected error, include or exclude", *v));
        }
      }
      c.start = text("start");
      c.end = text("end");
      break;
    }
    case IncrementalStrategy::kNone:
      break;
  }
  if (errors.size() != before) return std::nullopt;
  return out;
}

}  // namespace s3c::pipeline
