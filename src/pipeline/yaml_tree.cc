// ParseYaml (yaml_tree.h): the only caller of yaml-cpp, which reports by exception.
#include "pipeline/yaml_tree.h"

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include <map>

namespace s3c::pipeline {
namespace {

Position PositionOf(const YAML::Mark& mark, const std::string& origin) {
  // yaml-cpp counts from 0 and gives -1 for a node without a mark.
  return Position{origin, mark.line < 0 ? 1 : mark.line + 1, mark.column < 0 ? 1 : mark.column + 1};
}

struct Converter {
  const std::string& origin;
  std::string error;  // the first error; conversion stops there

  bool Fail(const Position& at, std::string message) {
    if (error.empty()) error = FormatPosition(at) + ": " + message;
    return false;
  }

  // `fallback`: where a null value is reported (yaml-cpp marks an empty value at the next
  // token, often on the next line; the key's own position is clearer).
  bool Convert(const YAML::Node& node, const Position& fallback, ConfigNode* out) {
    switch (node.Type()) {
      case YAML::NodeType::Undefined:
      case YAML::NodeType::Null:
        out->kind = ConfigNode::Kind::kNull;
        out->position = fallback;
        return true;
      case YAML::NodeType::Scalar:
        out->kind = ConfigNode::Kind::kScalar;
        out->position = PositionOf(node.Mark(), origin);
        out->text = node.Scalar();
        return true;
      case YAML::NodeType::Sequence:
        out->kind = ConfigNode::Kind::kList;
        out->position = PositionOf(node.Mark(), origin);
        for (const YAML::Node& item : node) {
          out->items.emplace_back();
          if (!Convert(item, out->position, &out->items.back())) return false;
        }
        return true;
      case YAML::NodeType::Map:
        return ConvertMap(node, out);
    }
    return Fail(fallback, "unsupported YAML node");
  }

  bool ConvertMap(const YAML::Node& node, ConfigNode* out) {
    out->kind = ConfigNode::Kind::kMap;
    out->position = PositionOf(node.Mark(), origin);
    std::map<std::string, int> first_line;
    for (auto it = node.begin(); it != node.end(); ++it) {
      Position key_position = PositionOf(it->first.Mark(), origin);
      std::string key;
      if (it->first.IsScalar()) {
        key = it->first.Scalar();
      } else if (it->first.IsNull()) {
        key = "null";  // the plain key `null` (the CLI's --null): YAML reads it as a null
      } else {
        return Fail(key_position, "a key must be a plain value, not a list or a map");
      }
      auto [seen, inserted] = first_line.emplace(key, key_position.line);
      if (!inserted) {
        return Fail(key_position, fmt::format("key '{}' is given twice (first at line {})", key,
                                              seen->second));
      }
      ConfigEntry entry{key, key_position, {}};
      if (!Convert(it->second, key_position, &entry.value)) return false;
      out->entries.push_back(std::move(entry));
    }
    return true;
  }
};

}  // namespace

Result<ConfigNode> ParseYaml(std::string_view text, const std::string& origin) {
  Converter converter{origin, {}};
  ConfigNode root;
  try {
    YAML::Node document = YAML::Load(std::string(text));
    converter.Convert(document, Position{origin, 1, 1}, &root);
  } catch (const YAML::Exception& e) {
    return InvalidArgumentError(
        fmt::format("{}: YAML syntax: {}", FormatPosition(PositionOf(e.mark, origin)), e.msg));
  }
  if (!converter.error.empty()) return InvalidArgumentError(converter.error);
  return root;
}

}  // namespace s3c::pipeline
