// LoadPipelineEntry (loader_internal.h): one pipeline's source, destinations and steps.
#include <fmt/format.h>

#include <algorithm>
#include <set>

#include "pipeline/loader_internal.h"
#include "pipeline/setting_keys.h"
#include "s3c/pipeline/read_settings.h"
#include "s3c/formats/schema_spec.h"

namespace s3c::pipeline {
namespace {

const std::vector<std::string> kPipelineKeys = {"from",   "to",   "select", "where",
                                                "rename", "cast", "limit"};

bool Known(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// A map of column -> text (rename, cast), in file order.
std::optional<std::vector<std::pair<std::string, std::string>>> ColumnMap(const ConfigEntry& e,
                                                                          ConfigErrors& errors) {
  if (e.value.kind != ConfigNode::Kind::kMap) {
    errors.Add(e.value.position,
               fmt::format("{}: expected a map of column: {}, got {}", e.key,
                           e.key == "cast" ? "type" : "new name", KindName(e.value.kind)));
    return std::nullopt;
  }
  std::vector<std::pair<std::string, std::string>> out;
  for (const ConfigEntry& column : e.value.entries) {
    Result<std::string> text = StringValue(e.key + "." + column.key, column.value);
    if (!text.ok()) {
      errors.Add(column.value.position, text.status().message());
      return std::nullopt;
    }
    out.emplace_back(column.key, *text);
  }
  return out;
}

void CheckRename(const ConfigEntry& e, const std::vector<std::pair<std::string, std::string>>& m,
                 ConfigErrors& errors) {
  std::set<std::string> targets;
  for (size_t i = 0; i < m.size(); ++i) {
    const Position& at = e.value.entries[i].value.position;
    if (m[i].second.empty())
      errors.Add(at, fmt::format("rename.{}: the new name is empty", m[i].first));
    if (!targets.insert(m[i].second).second) {
      errors.Add(
          at, fmt::format("rename.{}: two columns are renamed to '{}'", m[i].first, m[i].second));
    }
  }
}

// The types of a cast map, each error at its value.
std::vector<std::pair<std::string, columnar::DataType>> ParseCast(
    const ConfigEntry& e, const std::vector<std::pair<std::string, std::string>>& m,
    ConfigErrors& errors) {
  std::vector<std::pair<std::string, columnar::DataType>> out;
  for (size_t i = 0; i < m.size(); ++i) {
    Result<columnar::DataType> type = formats::ParseTypeSpec(m[i].second);
    if (!type.ok()) {
      errors.Add(e.value.entries[i].value.position,
                 fmt::format("cast.{}: {}", m[i].first, type.status().message()));
      continue;
    }
    out.emplace_back(m[i].first, std::move(*type));
  }
  return out;
}

}  // namespace

std::optional<PipelineSpec> LoadPipelineEntry(const ConfigEntry& entry,
                                              const std::vector<std::string>& sources,
                                              const std::vector<std::string>& destinations,
                                              ConfigErrors& errors) {
  size_t before = errors.size();
  if (entry.value.kind != ConfigNode::Kind::kMap) {
    errors.Add(entry.value.position, fmt::format("pipeline '{}': expected a map with from and "
                                                 "to, got {}",
                                                 entry.key, KindName(entry.value.kind)));
    return std::nullopt;
  }
  PipelineSpec p;
  p.name = entry.key;
  auto fail = [&](const ConfigEntry& e, const Status& st) {
    errors.Add(e.value.position, st.message());
  };
  for (const ConfigEntry& e : entry.value.entries) {
    if (e.key == "from") {
      Result<std::string> from = StringValue("from", e.value);
      if (!from.ok()) {
        fail(e, from.status());
      } else if (!Known(sources, *from)) {
        errors.Add(e.value.position,
                   fmt::format("from: no source named '{}'{}", *from, DidYouMean(*from, sources)));
      } else {
        p.from = *from;
      }
    } else if (e.key == "to") {
      Result<std::vector<std::string>> to = StringListValue("to", e.value);
      if (!to.ok()) {
        fail(e, to.status());
        continue;
      }
      if (to->empty()) errors.Add(e.value.position, "to: give at least one destination");
      for (const std::string& name : *to) {
        if (!Known(destinations, name)) {
          errors.Add(e.value.position, fmt::format("to: no destination named '{}'{}", name,
                                                   DidYouMean(name, destinations)));
        } else if (Known(p.to, name)) {
          errors.Add(e.value.position, fmt::format("to: '{}' is given twice", name));
        } else {
          p.to.push_back(name);
        }
      }
    } else if (e.key == "select") {
      Result<std::vector<std::string>> select = StringListValue("select", e.value);
      if (!select.ok()) fail(e, select.status());
      // One text is a comma-separated list, as the CLI's --columns.
      else if (e.value.kind == ConfigNode::Kind::kScalar)
        p.select = SplitColumns(select->front());
      else
        p.select = *select;
    } else if (e.key == "where") {
      Result<std::string> where = StringValue("where", e.value);
      if (!where.ok()) {
        fail(e, where.status());
      } else if (Status parsed = CheckWhereSyntax(*where, SettingNames(SettingSpelling::kKey));
                 !parsed.ok()) {
        errors.Add(e.value.position, parsed.message());
      } else {
        p.where = *where;
      }
    } else if (e.key == "rename" || e.key == "cast") {
      auto m = ColumnMap(e, errors);
      if (!m) continue;
      if (e.key == "rename") {
        CheckRename(e, *m, errors);
        p.transform.rename = std::move(*m);
      } else {
        p.transform.cast = ParseCast(e, *m, errors);
      }
    } else if (e.key == "limit") {
      Result<int64_t> limit = IntegerValue("limit", e.value);
      if (!limit.ok())
        fail(e, limit.status());
      else if (*limit < 0)
        errors.Add(e.value.position, "limit: expected 0 or more rows");
      else
        p.transform.limit = *limit;
    } else {
      errors.Add(e.key_position, fmt::format("unknown key '{}' in pipeline '{}'{}", e.key,
                                             entry.key, DidYouMean(e.key, kPipelineKeys)));
    }
  }
  if (!entry.value.Find("from")) {
    errors.Add(entry.key_position, fmt::format("pipeline '{}' needs 'from' (a source)", entry.key));
  }
  if (!entry.value.Find("to")) {
    errors.Add(entry.key_position,
               fmt::format("pipeline '{}' needs 'to' (one or more destinations)", entry.key));
  }
  if (errors.size() != before) return std::nullopt;
  return p;
}

}  // namespace s3c::pipeline
