// The incremental state of one pipeline's source into one destination (docs/incremental.md):
// what the runs so far have loaded, as a JSON document kept in a StateStore and copied into the
// destination's commit record. Each strategy uses its part:
//  - last_modified: `watermark` (every object last modified before watermark - lookback is
//    loaded) and `loaded`, the (key, ETag) pairs loaded inside the lookback window;
//  - key: `last_key` (listing resumes from start-after last_key - lag) and `loaded`, the keys
//    loaded inside the lag;
//  - cursor: `cursor_value` (rows at or above it are read) and `boundary_rows`, the primary keys
//    (or row hashes) of the rows loaded whose cursor equals it.
// `sequence` grows by one with every save: a run adopts the state of a commit record when its
// sequence is higher than the stored one's (a run killed between its commit and its save).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "s3c/common/clock.h"
#include "s3c/common/status.h"

namespace s3c::state {

struct LoadedObject {
  std::string key;
  std::string etag;
  WallTime last_modified{};
  friend bool operator==(const LoadedObject&, const LoadedObject&) = default;
};

struct IncrementalState {
  int64_t sequence = 0;  // 0: nothing saved yet
  std::string run_id;    // the run that saved it
  WallTime saved_at{};
  std::string strategy;  // last_modified | key | cursor
  // The store holding this document refused both kinds of conflicting write
  // (StateStore::CheckConditionalWrites) when it was created.
  bool conditional_writes_checked = false;

  std::optional<WallTime> watermark;  // last_modified
  std::string last_key;               // key
  std::vector<LoadedObject> loaded;   // last_modified, key: inside the window, in key order

  std::string cursor_field;                 // cursor
  std::optional<std::string> cursor_value;  // its text (typed by the column when compared)
  std::vector<std::string> boundary_rows;   // sorted

  friend bool operator==(const IncrementalState&, const IncrementalState&) = default;
};

// The document as JSON (one object, stable member order, times in ISO-8601 UTC).
std::string StateToJson(const IncrementalState& state);

// Parses a document StateToJson wrote. InvalidArgument naming `origin` and what is wrong for
// anything else (not JSON, a member of the wrong type, an unknown document version).
Result<IncrementalState> StateFromJson(std::string_view text, const std::string& origin);

}  // namespace s3c::state
