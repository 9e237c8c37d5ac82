// The parsed form of a pipeline file before it means anything: scalars (as text), lists and
// maps (entries in file order), each with the position it came from. yaml_tree.cc makes it from
// YAML (the one caller of yaml-cpp); interpolation, --set overrides and the loader work on it,
// so nothing past parsing depends on the YAML library.
#pragma once

#include <string>
#include <vector>

namespace s3c::pipeline {

// Where a value came from: a file (origin = its name as the user gave it, line and column from
// 1) or a --set override (origin = "--set path", line 0).
struct Position {
  std::string origin;
  int line = 0;
  int column = 0;
};
// "file.yaml:3:7" or "--set sources.a.uri".
std::string FormatPosition(const Position& position);
// Files before overrides, then by line and column.
bool PositionBefore(const Position& a, const Position& b);

struct ConfigEntry;

struct ConfigNode {
  enum class Kind { kNull, kScalar, kList, kMap };
  Kind kind = Kind::kNull;
  Position position;
  std::string text;                  // kScalar
  std::vector<ConfigNode> items;     // kList
  std::vector<ConfigEntry> entries;  // kMap, in file order, keys unique

  // The entry named `key` of a map, or null.
  const ConfigEntry* Find(const std::string& key) const;
  ConfigEntry* Find(const std::string& key);
};

struct ConfigEntry {
  std::string key;
  Position key_position;
  ConfigNode value;
};

// "a string", "a list", "a map", "nothing": how a type error names what it found.
const char* KindName(ConfigNode::Kind kind);

}  // namespace s3c::pipeline
