// ConfigNode helpers and positions (config_tree.h).
#include "pipeline/config_tree.h"

#include <fmt/format.h>

#include <tuple>

namespace s3c::pipeline {

std::string FormatPosition(const Position& p) {
  if (p.line == 0) return p.origin;
  return fmt::format("{}:{}:{}", p.origin, p.line, p.column);
}

bool PositionBefore(const Position& a, const Position& b) {
  bool a_in_file = a.line != 0, b_in_file = b.line != 0;
  if (a_in_file != b_in_file) return a_in_file;
  if (!a_in_file) return a.origin < b.origin;
  return std::tie(a.line, a.column) < std::tie(b.line, b.column);
}

const ConfigEntry* ConfigNode::Find(const std::string& key) const {
  for (const ConfigEntry& e : entries) {
    if (e.key == key) return &e;
  }
  return nullptr;
}

ConfigEntry* ConfigNode::Find(const std::string& key) {
  for (ConfigEntry& e : entries) {
    if (e.key == key) return &e;
  }
  return nullptr;
}

const char* KindName(ConfigNode::Kind kind) {
  switch (kind) {
    case ConfigNode::Kind::kNull: return "nothing";
    case ConfigNode::Kind::kScalar: return "a value";
    case ConfigNode::Kind::kList: return "a list";
    case ConfigNode::Kind::kMap: return "a map";
  }
  return "?";
}

}  // namespace s3c::pipeline
