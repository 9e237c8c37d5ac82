// Interpolate and InterpolateTree (interpolation.h).
#include "pipeline/interpolation.h"

#include <fmt/format.h>

#include <cctype>

namespace s3c::pipeline {
namespace {

bool IsVariableName(std::string_view name) {
  if (name.empty() || std::isdigit(static_cast<unsigned char>(name[0]))) return false;
  for (char c : name) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

// The value of one "${...}" whose inside (between the braces) is `inside`.
Result<std::string> Expand(std::string_view inside, const Env& env) {
  size_t colon = inside.find(':');
  std::string_view name = inside.substr(0, colon);
  if (!IsVariableName(name)) {
    return InvalidArgumentError(fmt::format(
        "'${{{}}}' is not a variable: a name is letters, digits and '_', not starting with a "
        "digit",
        inside));
  }
  std::optional<std::string> value = env.Get(std::string(name));
  if (colon == std::string_view::npos) {
    if (value) return *value;
    return InvalidArgumentError(fmt::format(
        "environment variable {0} is not set (give it a value, or a default: ${{{0}:-...}})",
        name));
  }
  std::string_view rest = inside.substr(colon + 1);
  bool empty = !value || value->empty();
  if (!rest.empty() && rest[0] == '-') return empty ? std::string(rest.substr(1)) : *value;
  if (!rest.empty() && rest[0] == '?') {
    if (!empty) return *value;
    std::string_view message = rest.substr(1);
    return InvalidArgumentError(message.empty()
                                    ? fmt::format("environment variable {} is not set", name)
                                    : fmt::format("environment variable {} is not set: {}", name,
                                                  message));
  }
  return InvalidArgumentError(fmt::format(
      "'${{{}}}': after the name write '}}', ':-default' or ':?message'", inside));
}

void InterpolateNode(ConfigNode& node, bool secret, const Env& env, ConfigErrors& errors,
                     SecretValues& secrets) {
  switch (node.kind) {
    case ConfigNode::Kind::kNull:
      return;
    case ConfigNode::Kind::kList:
      for (ConfigNode& item : node.items) InterpolateNode(item, secret, env, errors, secrets);
      return;
    case ConfigNode::Kind::kMap:
      for (ConfigEntry& entry : node.entries) {
        InterpolateNode(entry.value, IsSecretKey(entry.key), env, errors, secrets);
      }
      return;
    case ConfigNode::Kind::kScalar:
      break;
  }
  Result<std::string> value = Interpolate(node.text, env);
  if (!value.ok()) {
    // The text as written may hold the secret's literal parts: hide it whole.
    if (secret) secrets.Add(node.text);
    errors.Add(node.position, value.status().message());
    return;
  }
  node.text = std::move(*value);
  if (secret) secrets.Add(node.text);
  if (node.text.find_first_of("\r\n") != std::string::npos) {
    errors.Add(node.position, "the value contains a line break; values are one line (a block "
                              "scalar '|' or '>' keeps line breaks: use '>-' or one line)");
  }
}

}  // namespace

Result<std::string> Interpolate(std::string_view text, const Env& env) {
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] != '$' || i + 1 == text.size()) {
      out += text[i];
    } else if (text[i + 1] == '$') {
      out += '$';
      ++i;
    } else if (text[i + 1] == '{') {
      size_t close = text.find('}', i + 2);
      if (close == std::string_view::npos) {
        return InvalidArgumentError("'${' without a closing '}'");
      }
      S3C_ASSIGN_OR_RETURN(std::string value, Expand(text.substr(i + 2, close - i - 2), env));
      out += value;
      i = close;
    } else {
      out += '$';
    }
  }
  return out;
}

void InterpolateTree(ConfigNode& root, const Env& env, ConfigErrors& errors,
                     SecretValues& secrets) {
  InterpolateNode(root, false, env, errors, secrets);
}

}  // namespace s3c::pipeline
