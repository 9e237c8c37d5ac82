// The key tables and typed value readers (setting_keys.h).
#include "pipeline/setting_keys.h"

#include <fmt/format.h>

#include <cerrno>
#include <limits>
#include <cstdlib>

#include "s3c/common/strings.h"
#include "s3c/pipeline/secret_values.h"

namespace s3c::pipeline {
namespace {

using R = ReadSettings;
using W = WriteSettings;

Status TypeError(std::string_view key, std::string_view expected, const ConfigNode& node) {
  if (node.kind == ConfigNode::Kind::kScalar && !IsSecretKey(key)) {
    return InvalidArgumentError(
        fmt::format("{}: expected {}, got '{}'", key, expected, node.text));
  }
  return InvalidArgumentError(
      fmt::format("{}: expected {}, got {}", key, expected, KindName(node.kind)));
}

}  // namespace

const std::vector<SettingKey<ReadSettings>>& ReadSettingKeys() {
  static const std::vector<SettingKey<ReadSettings>> keys = {
      {"format", &R::format},
      {"compression", &R::compression},
      {"columns", &R::columns, true},
      {"delimiter", &R::delimiter},
      {"quote", &R::quote},
      {"escape", &R::escape},
      {"header", &R::header},
      {"skip_rows", &R::skip_rows},
      {"comment", &R::comment},
      {"null", &R::null_strings},
      {"encoding", &R::encoding},
      {"invalid_utf8", &R::invalid_utf8},
      {"ragged", &R::ragged},
      {"trim", &R::trim},
      {"threads", &R::threads},
      {"skip_empty_lines", &R::skip_empty_lines},
      {"line_numbers", &R::line_numbers},
      {"flatten", &R::flatten},
      {"binary_as_string", &R::binary_as_string},
      {"schema", &R::schema},
      {"types", &R::types},
      {"all_strings", &R::all_strings},
      {"infer_rows", &R::infer_rows},
      {"infer_files", &R::infer_files},
      {"infer_decimals", &R::infer_decimals},
      {"bad_records", &R::bad_records},
      {"max_errors", &R::max_errors},
      {"max_error_ratio", &R::max_error_ratio},
      {"quarantine", &R::quarantine},
      {"where", &R::where},
      {"partitioning", &R::partitioning},
      {"partition_types", &R::partition_types},
      {"exclude", &R::exclude},
      {"regex", &R::regex},
      {"min_size", &R::min_size},
      {"max_size", &R::max_size},
      {"modified_after", &R::modified_after},
      {"modified_before", &R::modified_before},
      {"max_files", &R::max_files},
      {"max_bytes", &R::max_bytes},
      {"max_requests", &R::max_requests},
      {"max_cost_usd", &R::max_cost_usd},
      {"objects_in_flight", &R::objects_in_flight},
      {"decode_threads", &R::decode_threads},
      {"memory", &R::memory},
      {"unordered", &R::unordered},
      {"ignore_commits", &R::ignore_commits},
  };
  return keys;
}

const std::vector<SettingKey<WriteSettings>>& WriteSettingKeys() {
  static const std::vector<SettingKey<WriteSettings>> keys = {
      {"format", &W::format},
      {"compression", &W::compression},
      {"level", &W::level},
      {"row_group_rows", &W::row_group_rows},
      {"page_v2", &W::page_v2},
      {"json_non_finite", &W::json_non_finite},
      {"mode", &W::mode},
      {"partition_by", &W::partition_by, true},
      {"file_name", &W::file_name},
      {"max_file_size", &W::max_file_size},
      {"max_rows_per_file", &W::max_rows_per_file},
      {"max_partitions", &W::max_partitions},
      {"memory", &W::memory},
  };
  return keys;
}

Result<std::string> StringValue(std::string_view key, const ConfigNode& node) {
  if (node.kind != ConfigNode::Kind::kScalar) return TypeError(key, "a value", node);
  return node.text;
}

Result<int64_t> IntegerValue(std::string_view key, const ConfigNode& node) {
  if (node.kind == ConfigNode::Kind::kScalar) {
    if (std::optional<int64_t> v = ParseInt64(node.text)) return *v;
  }
  return TypeError(key, "a whole number", node);
}

Result<double> NumberValue(std::string_view key, const ConfigNode& node) {
  if (node.kind == ConfigNode::Kind::kScalar && !node.text.empty()) {
    errno = 0;
    char* end = nullptr;
    double v = std::strtod(node.text.c_str(), &end);
    if (errno == 0 && end == node.text.c_str() + node.text.size()) return v;
  }
  return TypeError(key, "a number", node);
}

Result<bool> BoolValue(std::string_view key, const ConfigNode& node) {
  if (node.kind == ConfigNode::Kind::kScalar) {
    std::string word = ToLower(node.text);
    if (word == "true" || word == "yes") return true;
    if (word == "false" || word == "no") return false;
  }
  return TypeError(key, "true or false", node);
}

Result<std::vector<std::string>> StringListValue(std::string_view key, const ConfigNode& node) {
  if (node.kind == ConfigNode::Kind::kScalar) return std::vector<std::string>{node.text};
  if (node.kind != ConfigNode::Kind::kList) return TypeError(key, "a list of values", node);
  std::vector<std::string> out;
  for (const ConfigNode& item : node.items) {
    if (item.kind != ConfigNode::Kind::kScalar) return TypeError(key, "a list of values", node);
    out.push_back(item.text);
  }
  return out;
}

template <typename Settings>
Status SetSetting(const SettingKey<Settings>& key, const ConfigNode& node, Settings& settings) {
  return std::visit(
      [&](auto field) -> Status {
        using T = std::remove_reference_t<decltype(settings.*field)>;
        if constexpr (std::is_same_v<T, std::string>) {
          if (key.column_list && node.kind == ConfigNode::Kind::kList) {
            S3C_ASSIGN_OR_RETURN(std::vector<std::string> names, StringListValue(key.key, node));
            settings.*field = Join(names, ",");
          } else {
            S3C_ASSIGN_OR_RETURN(settings.*field, StringValue(key.key, node));
          }
        } else if constexpr (std::is_same_v<T, std::vector<std::string>>) {
          // A list, or one value: a column list splits at commas, other lists keep it whole.
          if (key.column_list && node.kind == ConfigNode::Kind::kScalar) {
            settings.*field = SplitColumns(node.text);
          } else {
            S3C_ASSIGN_OR_RETURN(settings.*field, StringListValue(key.key, node));
          }
        } else if constexpr (std::is_same_v<T, bool>) {
          S3C_ASSIGN_OR_RETURN(settings.*field, BoolValue(key.key, node));
        } else if constexpr (std::is_same_v<T, double>) {
          S3C_ASSIGN_OR_RETURN(settings.*field, NumberValue(key.key, node));
        } else {
          S3C_ASSIGN_OR_RETURN(int64_t v, IntegerValue(key.key, node));
          if (v < std::numeric_limits<T>::min() || v > std::numeric_limits<T>::max()) {
            return InvalidArgumentError(fmt::format("{}: {} is out of range", key.key, v));
          }
          settings.*field = static_cast<T>(v);
        }
        return Status::OK();
      },
      key.field);
}

template Status SetSetting(const SettingKey<ReadSettings>&, const ConfigNode&, ReadSettings&);
template Status SetSetting(const SettingKey<WriteSettings>&, const ConfigNode&, WriteSettings&);

}  // namespace s3c::pipeline
