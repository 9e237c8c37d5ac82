// ObjectFilter, CheckObjectLimits and ParseInstant (dataset/object_filters.h).
#include "s3c/dataset/object_filters.h"

#include <fmt/format.h>
#include <re2/re2.h>

#include <charconv>

#include "s3c/common/strings.h"
#include "s3c/common/time_format.h"
#include "s3c/dataset/discovery.h"
#include "s3c/formats/inference.h"

namespace s3c::dataset {

ObjectFilter::ObjectFilter(ObjectFilterOptions options) : options_(std::move(options)) {}
ObjectFilter::ObjectFilter(ObjectFilter&&) noexcept = default;
ObjectFilter& ObjectFilter::operator=(ObjectFilter&&) noexcept = default;
ObjectFilter::~ObjectFilter() = default;

Result<ObjectFilter> ObjectFilter::Make(ObjectFilterOptions options) {
  ObjectFilter filter(std::move(options));
  if (!filter.options_.regex.empty()) {
    RE2::Options re_options;
    re_options.set_log_errors(false);
    filter.regex_ = std::make_unique<re2::RE2>(filter.options_.regex, re_options);
    if (!filter.regex_->ok()) {
      return InvalidArgumentError(fmt::format("--regex '{}': {}", filter.options_.regex,
                                              filter.regex_->error()));
    }
  }
  return filter;
}

bool ObjectFilter::empty() const {
  const ObjectFilterOptions& o = options_;
  return o.exclude.empty() && !regex_ && !o.min_size && !o.max_size && !o.modified_after &&
         !o.modified_before;
}

bool ObjectFilter::Keep(const ObjectInfo& object) const {
  const ObjectFilterOptions& o = options_;
  if (o.min_size && object.size < *o.min_size) return false;
  if (o.max_size && object.size > *o.max_size) return false;
  if (o.modified_after && !(object.last_modified > *o.modified_after)) return false;
  if (o.modified_before && !(object.last_modified < *o.modified_before)) return false;
  for (const std::string& glob : o.exclude) {
    if (GlobMatch(glob, object.key)) return false;
  }
  if (regex_ && !RE2::PartialMatch(object.key, *regex_)) return false;
  return true;
}

int64_t ObjectFilter::Apply(std::vector<ObjectInfo>* objects) const {
  if (empty()) return 0;
  size_t before = objects->size();
  std::erase_if(*objects, [this](const ObjectInfo& o) { return !Keep(o); });
  return static_cast<int64_t>(before - objects->size());
}

Status CheckObjectLimits(const std::vector<ObjectInfo>& objects, const ObjectLimits& limits,
                         const std::string& where) {
  uint64_t bytes = 0;
  for (const ObjectInfo& o : objects) bytes += o.size;
  std::string found = fmt::format("the listing found {} object(s) ({}) under {}", objects.size(),
                                  FormatBytes(bytes), where);
  if (limits.max_files && static_cast<int64_t>(objects.size()) > *limits.max_files) {
    return FailedPreconditionError(
        fmt::format("{}; --max-files is {}: nothing was read", found, *limits.max_files));
  }
  if (limits.max_bytes && bytes > *limits.max_bytes) {
    return FailedPreconditionError(fmt::format("{}; --max-bytes is {}: nothing was read", found,
                                               FormatBytes(*limits.max_bytes)));
  }
  return Status::OK();
}

Result<WallTime> ParseInstant(std::string_view text, WallTime now) {
  std::string_view t = Trim(text);
  // A duration back from now: a number and one of s, m, h, d.
  if (std::optional<std::chrono::seconds> age = ParseAge(t)) return now - *age;
  auto ts = formats::ParseTimestampText(t, columnar::TimeUnit::kMicro);
  if (!ts) {
    return InvalidArgumentError(fmt::format(
        "'{}' is not a time: give a date (2024-03-05), a UTC timestamp (2024-03-05T10:00:00Z) "
        "or an age such as 90m, 36h, 7d",
        text));
  }
  return WallTime(std::chrono::duration_cast<WallTime::duration>(
      std::chrono::microseconds(ts->value)));
}

}  // namespace s3c::dataset
