// A source's `incremental:` section (docs/incremental.md): which strategy selects what a run
// reads, with its settings as values. Loaded and checked with the pipeline file.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "s3c/state/object_selection.h"

namespace s3c::pipeline {

enum class IncrementalStrategy { kNone, kLastModified, kKey, kCursor };
const char* IncrementalStrategyName(IncrementalStrategy strategy);

// What the cursor strategy does with a row whose cursor column is NULL.
enum class OnCursorValueMissing { kError, kInclude, kExclude };

struct CursorSettings {
  std::string field;                     // the cursor column
  std::vector<std::string> primary_key;  // empty: rows are told apart by a hash of the row
  OnCursorValueMissing on_missing = OnCursorValueMissing::kError;
  std::optional<std::string> start, end;  // values of the column, as text
};

struct IncrementalSettings {
  IncrementalStrategy strategy = IncrementalStrategy::kNone;
  state::LastModifiedOptions last_modified;  // lookback, settle, max_tracked_objects, ...
  state::KeyOptions key;                     // lag, start, end
  CursorSettings cursor;
};

}  // namespace s3c::pipeline
