// A small JSON reader for the credential documents the providers receive (credential_process
// output, ECS / IMDS / SSO responses, the SSO token cache). RFC 8259; numbers keep their text.
// Parse errors name the position only, never the input (it may hold secrets).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "s3c/common/status.h"

namespace s3c::auth_internal {

class JsonValue {
 public:
  enum class Type { kNull, kBool, kNumber, kString, kArray, kObject };

  Type type() const { return type_; }
  bool is_object() const { return type_ == Type::kObject; }
  // The string value, or the number's text; nullopt for other types.
  std::optional<std::string> AsString() const;
  std::optional<int64_t> AsInt64() const;  // integral numbers (or numeric strings)
  bool AsBool() const { return type_ == Type::kBool && bool_; }

  // Member lookup on an object (first match); nullptr when absent or not an object.
  const JsonValue* Find(std::string_view key) const;
  // Find(key)->AsString() when that member is a string or number.
  std::optional<std::string> GetString(std::string_view key) const;
  const std::vector<std::pair<std::string, JsonValue>>& members() const { return members_; }
  const std::vector<JsonValue>& items() const { return items_; }

  static Result<JsonValue> Parse(std::string_view text);

 private:
  friend class JsonParser;
  Type type_ = Type::kNull;
  bool bool_ = false;
  std::string text_;  // string value or number text
  std::vector<std::pair<std::string, JsonValue>> members_;
  std::vector<JsonValue> items_;
};

}  // namespace s3c::auth_internal
