// How a front end names a setting in its messages, so that the CLI and pipeline files say the
// same thing about the same mistake: the CLI spells a setting as its flag ("--skip-rows"), a
// pipeline file as its key ("skip_rows"). Settings are identified by their key (snake_case);
// the flag is "--" + the key with '_' -> '-'.
//
// The builders of settings (read_settings.h, write_settings.h) name every setting through a
// SettingNames, and record which setting an error is about ("blame"), so a pipeline file can
// put the key's line and column before the message. Not thread-safe (one per build).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "s3c/common/status.h"

namespace s3c::pipeline {

enum class SettingSpelling { kFlag, kKey };

class SettingNames {
 public:
  // `blamed`, when not null, receives the key of the setting the last error was about.
  explicit SettingNames(SettingSpelling spelling, std::string* blamed = nullptr)
      : spelling_(spelling), blamed_(blamed) {}

  // A front end whose flag for `key` is not the key's own spelling (s3c convert: the write
  // setting "format" is --to, the read setting "compression" is --input-compression). Name()
  // returns `name` for `key` from then on.
  SettingNames& Spell(std::string_view key, std::string name);

  // "--skip-rows" (flags) or "skip_rows" (keys) for the key "skip_rows", unless Spell() said
  // otherwise.
  std::string Name(std::string_view key) const;

  // An InvalidArgument with `message` (which names settings through Name()), about `key`.
  Status Error(std::string_view key, std::string message) const;

  // `result`, blamed on `key` when it failed, its message unchanged (the value's own message is
  // clear without the name, e.g. an unknown format word).
  template <typename T>
  Result<T> Blame(std::string_view key, Result<T> result) const {
    if (!result.ok()) Record(key);
    return result;
  }
  Status Blame(std::string_view key, Status status) const {
    if (!status.ok()) Record(key);
    return status;
  }

  // `result`, blamed on `key` when it failed, its message prefixed by "<name>: " (the library's
  // vocabulary errors quote the value; the front end names the setting).
  template <typename T>
  Result<T> Prefixed(std::string_view key, Result<T> result) const {
    if (result.ok()) return result;
    Record(key);
    return Status(result.status().code(), Name(key) + ": " + result.status().message());
  }

 private:
  void Record(std::string_view key) const;

  SettingSpelling spelling_;
  std::string* blamed_;
  std::vector<std::pair<std::string, std::string>> spelled_;  // key -> name, from Spell()
};

// `result`, with its error message prefixed by `prefix` (e.g. "--json-non-finite: ").
template <typename T>
Result<T> PrefixError(std::string_view prefix, Result<T> result) {
  if (result.ok()) return result;
  return Status(result.status().code(), std::string(prefix) + result.status().message());
}

// A byte size ("500", "64KiB", "10MiB"); "" = not given (nullopt). Error:
// "<name> <text>: give a size such as 500, 64KiB or 10MiB", blamed on `key`.
Result<std::optional<uint64_t>> ByteSizeSetting(const SettingNames& names, std::string_view key,
                                                const std::string& text);

// "a, b" -> {"a", "b"}; empty -> {}. Spaces around names are dropped, empty names skipped.
std::vector<std::string> SplitColumns(const std::string& text);

}  // namespace s3c::pipeline
