// Which listed objects a read takes, decided from the listing alone (key, size, LastModified:
// never a HEAD per object), and the limits checked before any data is fetched
// (docs/architecture.md: dataset).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "s3c/common/clock.h"
#include "s3c/common/status.h"
#include "s3c/store/object_store.h"

namespace re2 {
class RE2;
}

namespace s3c::dataset {

struct ObjectFilterOptions {
  std::vector<std::string> exclude;  // globs (discovery.h syntax) on the whole key
  std::string regex;                 // RE2 syntax, searched anywhere in the key ("" = any)
  std::optional<uint64_t> min_size;  // bytes, inclusive
  std::optional<uint64_t> max_size;
  std::optional<WallTime> modified_after;   // LastModified > this
  std::optional<WallTime> modified_before;  // LastModified < this
};

// A compiled ObjectFilterOptions. Immutable after Make: Keep may be called from any thread.
// Objects are judged by their listing details: they must have them (ObjectInfo::details_known;
// discovery sends a HEAD for a single key when a filter or a limit is set).
class ObjectFilter {
 public:
  // InvalidArgument for a regex RE2 rejects (its message and the pattern).
  static Result<ObjectFilter> Make(ObjectFilterOptions options);
  ObjectFilter(ObjectFilter&&) noexcept;
  ObjectFilter& operator=(ObjectFilter&&) noexcept;
  ~ObjectFilter();

  bool Keep(const ObjectInfo& object) const;
  // Keeps the objects Keep accepts, in order; returns how many were dropped.
  int64_t Apply(std::vector<ObjectInfo>* objects) const;
  bool empty() const;  // filters nothing

 private:
  explicit ObjectFilter(ObjectFilterOptions options);
  ObjectFilterOptions options_;
  std::unique_ptr<re2::RE2> regex_;
};

struct ObjectLimits {
  std::optional<int64_t> max_files;
  std::optional<uint64_t> max_bytes;
};

// OK when `objects` are within the limits; else FailedPrecondition saying what the listing
// found: "the listing found 1,204 objects (3.1 GiB) under s3://b/p/; --max-files is 1000".
Status CheckObjectLimits(const std::vector<ObjectInfo>& objects, const ObjectLimits& limits,
                         const std::string& where);

// "2024-03-05", "2024-03-05T10:00:00Z" (also ' ', fraction, +hh:mm), or a duration before
// `now` ("90m", "36h", "7d"): the instant for --modified-after / --modified-before.
Result<WallTime> ParseInstant(std::string_view text, WallTime now);

}  // namespace s3c::dataset
