#include "s3c/common/json_value.h"

#include "s3c/common/json_escape.h"
#include "s3c/common/strings.h"

namespace s3c {

std::optional<std::string> JsonValue::AsString() const {
  if (kind == Kind::kString || kind == Kind::kNumber) return text;
  return std::nullopt;
}

std::optional<int64_t> JsonValue::AsInt64() const {
  if (kind != Kind::kString && kind != Kind::kNumber) return std::nullopt;
  return ParseInt64(text);
}

std::optional<std::string> JsonValue::GetString(std::string_view key) const {
  const JsonValue* v = Find(key);
  return v ? v->AsString() : std::nullopt;
}

const char* JsonKindName(JsonValue::Kind kind) {
  switch (kind) {
    case JsonValue::Kind::kNull:
      return "null";
    case JsonValue::Kind::kBool:
      return "boolean";
    case JsonValue::Kind::kNumber:
      return "number";
    case JsonValue::Kind::kString:
      return "string";
    case JsonValue::Kind::kArray:
      return "array";
    case JsonValue::Kind::kObject:
      return "object";
  }
  return "value";
}

void AppendJsonText(const JsonValue& v, std::string* out) {
  switch (v.kind) {
    case JsonValue::Kind::kNull:
      out->append("null");
      return;
    case JsonValue::Kind::kBool:
      out->append(v.boolean ? "true" : "false");
      return;
    case JsonValue::Kind::kNumber:
      out->append(v.text);
      return;
    case JsonValue::Kind::kString:
      AppendJsonString(v.text, out);
      return;
    case JsonValue::Kind::kArray:
      out->push_back('[');
      for (size_t i = 0; i < v.items.size(); ++i) {
        if (i > 0) out->push_back(',');
        AppendJsonText(v.items[i], out);
      }
      out->push_back(']');
      return;
    case JsonValue::Kind::kObject:
      out->push_back('{');
      for (size_t i = 0; i < v.members.size(); ++i) {
        if (i > 0) out->push_back(',');
        AppendJsonString(v.members[i].key, out);
        out->push_back(':');
        AppendJsonText(v.members[i].value, out);
      }
      out->push_back('}');
      return;
  }
}

}  // namespace s3c
