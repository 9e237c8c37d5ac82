#include "formats/json/json_text.h"

#include "s3c/common/json_escape.h"

namespace s3c::formats::json_internal {

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

}  // namespace s3c::formats::json_internal
