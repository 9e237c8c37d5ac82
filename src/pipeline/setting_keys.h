// The keys of a pipeline file that set read settings (on a source) and write settings (on a
// destination): each key is the CLI flag without its dashes ('-' -> '_'), with the kind of
// value it takes and the field it sets. Reading a value checks its type only; the words and
// numbers are judged by the settings' builders (read_settings.h, write_settings.h), as for the
// CLI.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "pipeline/config_tree.h"
#include "s3c/common/status.h"
#include "s3c/pipeline/read_settings.h"
#include "s3c/pipeline/write_settings.h"

namespace s3c::pipeline {

template <typename Settings>
struct SettingKey {
  std::string_view key;
  std::variant<std::string Settings::*, int64_t Settings::*, int Settings::*, double Settings::*,
               bool Settings::*, std::vector<std::string> Settings::*>
      field;
  // A string field that names columns ("a,b"): a YAML list is accepted and joined.
  bool column_list = false;
};

const std::vector<SettingKey<ReadSettings>>& ReadSettingKeys();
const std::vector<SettingKey<WriteSettings>>& WriteSettingKeys();

// The key of `keys` named `key` (the alias file_format is format), or null.
template <typename Settings>
const SettingKey<Settings>* FindSettingKey(const std::vector<SettingKey<Settings>>& keys,
                                           std::string_view key) {
  if (key == "file_format") key = "format";
  for (const SettingKey<Settings>& k : keys) {
    if (k.key == key) return &k;
  }
  return nullptr;
}

// Typed readers of one value, InvalidArgument "<key>: expected ..., got ..." (a secret key's
// value is never quoted).
Result<std::string> StringValue(std::string_view key, const ConfigNode& node);
Result<int64_t> IntegerValue(std::string_view key, const ConfigNode& node);
Result<double> NumberValue(std::string_view key, const ConfigNode& node);
// true / false (also yes / no, as YAML 1.1 spells them).
Result<bool> BoolValue(std::string_view key, const ConfigNode& node);
// A list of values, or one value as a list of one.
Result<std::vector<std::string>> StringListValue(std::string_view key, const ConfigNode& node);

// Sets `settings`' field for `key` from `node`, or returns the type error.
template <typename Settings>
Status SetSetting(const SettingKey<Settings>& key, const ConfigNode& node, Settings& settings);

}  // namespace s3c::pipeline
