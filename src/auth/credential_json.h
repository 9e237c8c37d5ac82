// The credential documents the providers receive (credential_process output, ECS / IMDS / SSO
// responses, the SSO token cache), parsed by the one JSON parser (s3c/common/json_parser.h):
// strict RFC 8259, numbers keep their text, a repeated key resolves to its last member.
// Errors are InvalidArgument and name the position only, never a byte of the input (it may
// hold secrets): "invalid JSON: line 1, byte offset 20: expected ':' after an object key".
#pragma once

#include <string_view>

#include "s3c/common/json_value.h"
#include "s3c/common/status.h"

namespace s3c::auth_internal {

// No credential document nests deeper; a deeper one is refused before it costs stack.
constexpr int kCredentialJsonMaxDepth = 64;

Result<JsonValue> ParseCredentialJson(std::string_view text);

}  // namespace s3c::auth_internal
