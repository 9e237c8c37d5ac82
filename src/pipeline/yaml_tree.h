// YAML text -> ConfigNode (config_tree.h). The one file that calls yaml-cpp: its exceptions are
// caught here and become errors with the position the parser reports.
#pragma once

#include <string>
#include <string_view>

#include "s3c/common/status.h"
#include "pipeline/config_tree.h"

namespace s3c::pipeline {

// Parses the first YAML document of `text`; `origin` names the file in positions. Scalars keep
// their text as written (no type is guessed: the loader checks types against each key);
// a plain `~`, `null` or empty value is kNull. Errors (InvalidArgument, one message):
//   "<origin>:<line>:<col>: YAML syntax: <what the parser says>"
//   "<origin>:<line>:<col>: key '<k>' is given twice (first at line <n>)"
//   "<origin>:<line>:<col>: a key must be a plain value, not a list or a map"
// Anchors and aliases are expanded by the parser (an alias shares its anchor's position).
Result<ConfigNode> ParseYaml(std::string_view text, const std::string& origin);

}  // namespace s3c::pipeline
