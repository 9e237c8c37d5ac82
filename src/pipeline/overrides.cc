// ApplyOverrides (loader_internal.h): `--set a.b.c=value`.
#include <fmt/format.h>

#include "pipeline/loader_internal.h"
#include "s3c/common/strings.h"

namespace s3c::pipeline {

void ApplyOverrides(ConfigNode& root, const std::vector<std::string>& overrides,
                    ConfigErrors& errors) {
  for (const std::string& text : overrides) {
    size_t eq = text.find('=');
    std::string path = text.substr(0, eq);
    Position at{"--set " + path, 0, 0};
    std::vector<std::string> parts = Split(path, '.');
    bool empty_part = std::any_of(parts.begin(), parts.end(),
                                  [](const std::string& p) { return p.empty(); });
    if (eq == std::string::npos || path.empty() || empty_part) {
      errors.Add(Position{"--set " + text, 0, 0},
                 "give a dotted path and a value: --set sources.NAME.KEY=VALUE");
      continue;
    }
    ConfigNode* node = &root;
    std::string walked;
    bool ok = true;
    for (const std::string& part : parts) {
      if (node->kind == ConfigNode::Kind::kNull) {
        node->kind = ConfigNode::Kind::kMap;
        node->position = at;
      }
      if (node->kind != ConfigNode::Kind::kMap) {
        errors.Add(at, fmt::format("'{}' is {}, not a map: the path cannot go through it",
                                   walked, KindName(node->kind)));
        ok = false;
        break;
      }
      ConfigEntry* entry = node->Find(part);
      if (entry == nullptr) {
        node->entries.push_back(ConfigEntry{part, at, ConfigNode{}});
        entry = &node->entries.back();
        entry->value.position = at;
      }
      walked += (walked.empty() ? "" : ".") + part;
      node = &entry->value;
    }
    if (!ok) continue;
    *node = ConfigNode{};
    node->kind = ConfigNode::Kind::kScalar;
    node->position = at;
    node->text = text.substr(eq + 1);
  }
}

}  // namespace s3c::pipeline
