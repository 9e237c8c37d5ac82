// One parsed JSON value (RFC 8259 section 3): the reader holds one record's tree at a time.
#pragma once

#include <string>
#include <vector>

namespace s3c::formats::json_internal {

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

  // The member called `key` (the last one when the key repeats), or nullptr.
  const JsonValue* Find(const std::string& key) const;
};

// A struct rather than std::pair: pair<std::string, JsonValue> needs JsonValue complete.
struct JsonMember {
  std::string key;
  JsonValue value;
};

inline const JsonValue* JsonValue::Find(const std::string& key) const {
  for (auto it = members.rbegin(); it != members.rend(); ++it) {
    if (it->key == key) return &it->value;
  }
  return nullptr;
}

const char* JsonKindName(JsonValue::Kind kind);

}  // namespace s3c::formats::json_internal
