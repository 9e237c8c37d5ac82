// One parsed JSON value (RFC 8259 section 3), the one tree every module uses: the JSON reader
// (one record at a time) and the credential documents of `auth`. JsonParser
// (s3c/common/json_parser.h) builds it; AppendJsonText writes it back.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace s3c {

struct JsonMember;

struct JsonValue {
  enum class Kind : unsigned char { kNull, kBool, kNumber, kString, kArray, kObject };

  Kind kind = Kind::kNull;
  bool boolean = false;
  // kNumber: the number has neither fraction nor exponent (RFC 8259 section 6 "int").
  bool integral = false;
  // kString: the decoded UTF-8 text. kNumber: the literal exactly as written.
  std::string text;
  std::vector<JsonValue> items;     // kArray
  std::vector<JsonMember> members;  // kObject, in document order

  // The member called `key`, or nullptr (also when this is not an object). When the key
  // repeats, the last one: RFC 8259 section 4 leaves duplicates to the implementation, and
  // the last is what JavaScript's JSON.parse and Python's json module (so the AWS CLI, for
  // credential_process output) keep.
  const JsonValue* Find(std::string_view key) const;
  // The string, or a number's text; nullopt for other kinds.
  std::optional<std::string> AsString() const;
  // A string or number that is a whole int64 in decimal ("12", not "12.0"); nullopt otherwise.
  std::optional<int64_t> AsInt64() const;
  // Find(key)->AsString(), nullopt when the member is absent.
  std::optional<std::string> GetString(std::string_view key) const;
};

// A struct rather than std::pair: pair<std::string, JsonValue> needs JsonValue complete.
struct JsonMember {
  std::string key;
  JsonValue value;
};

inline const JsonValue* JsonValue::Find(std::string_view key) const {
  for (auto it = members.rbegin(); it != members.rend(); ++it) {
    if (it->key == key) return &it->value;
  }
  return nullptr;
}

// "null", "boolean", "number", "string", "array" or "object".
const char* JsonKindName(JsonValue::Kind kind);

// Appends the value as compact JSON text (strings escaped by AppendJsonString, numbers as
// written).
void AppendJsonText(const JsonValue& v, std::string* out);

}  // namespace s3c
