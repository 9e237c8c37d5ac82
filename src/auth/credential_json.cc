#include "auth/credential_json.h"

#include "s3c/common/json_parser.h"

namespace s3c::auth_internal {

Result<JsonValue> ParseCredentialJson(std::string_view text) {
  JsonValue doc;
  // The parser's errors read "<object name>: line L, byte offset N: expected ..."; with the
  // name "JSON" and the prefix below: "invalid JSON: line L, byte offset N: expected ...".
  Status s = ParseJsonText(
      text, &doc, "JSON",
      JsonParseOptions{.max_depth = kCredentialJsonMaxDepth, .describe_found = false});
  if (!s.ok()) return InvalidArgumentError("invalid " + std::string(s.message()));
  return doc;
}

}  // namespace s3c::auth_internal
