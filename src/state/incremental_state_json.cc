// StateToJson and StateFromJson (incremental_state.h).
#include <fmt/format.h>

#include "s3c/common/json_escape.h"
#include "s3c/common/json_parser.h"
#include "s3c/common/json_value.h"
#include "s3c/common/time_format.h"
#include "s3c/state/incremental_state.h"

namespace s3c::state {
namespace {

constexpr int kDocumentVersion = 1;

void Member(std::string_view name, std::string* out) {
  if (out->back() != '{') out->push_back(',');
  AppendJsonString(name, out);
  out->push_back(':');
}

void StringMember(std::string_view name, std::string_view value, std::string* out) {
  Member(name, out);
  AppendJsonString(value, out);
}

// Reads one document's members, remembering the first error (with its member's name).
class Fields {
 public:
  Fields(const JsonValue& object, const std::string& origin) : object_(object), origin_(origin) {}

  std::string String(std::string_view name) {
    const JsonValue* v = object_.Find(name);
    if (v == nullptr || v->kind == JsonValue::Kind::kNull) return "";
    if (v->kind != JsonValue::Kind::kString) return Fail(name, "a string"), "";
    return v->text;
  }
  std::optional<std::string> OptionalString(std::string_view name) {
    const JsonValue* v = object_.Find(name);
    if (v == nullptr || v->kind == JsonValue::Kind::kNull) return std::nullopt;
    return String(name);
  }
  int64_t Int(std::string_view name) {
    const JsonValue* v = object_.Find(name);
    if (v == nullptr) return 0;
    std::optional<int64_t> n = v->kind == JsonValue::Kind::kNumber ? v->AsInt64() : std::nullopt;
    if (!n) return Fail(name, "a whole number"), 0;
    return *n;
  }
  bool Bool(std::string_view name) {
    const JsonValue* v = object_.Find(name);
    if (v == nullptr) return false;
    if (v->kind != JsonValue::Kind::kBool) return Fail(name, "true or false"), false;
    return v->boolean;
  }
  std::optional<WallTime> Time(std::string_view name) {
    std::optional<std::string> text = OptionalString(name);
    if (!text) return std::nullopt;
    std::optional<WallTime> t = ParseIso8601(*text);
    if (!t) Fail(name, "a time such as 2024-03-05T12:00:00Z");
    return t;
  }
  const std::vector<JsonValue>* Array(std::string_view name) {
    const JsonValue* v = object_.Find(name);
    if (v == nullptr) return nullptr;
    if (v->kind != JsonValue::Kind::kArray) return Fail(name, "a list"), nullptr;
    return &v->items;
  }
  void Fail(std::string_view name, std::string_view expected) {
    if (error_.ok()) {
      error_ =
          InvalidArgumentError(fmt::format("state {}: '{}' must be {}", origin_, name, expected));
    }
  }
  const Status& error() const { return error_; }

 private:
  const JsonValue& object_;
  const std::string& origin_;
  Status error_;
};

}  // namespace

std::string StateToJson(const IncrementalState& s) {
  std::string out = "{";
  Member("s3c_state_version", &out);
  out += std::to_string(kDocumentVersion);
  Member("sequence", &out);
  out += std::to_string(s.sequence);
  StringMember("run_id", s.run_id, &out);
  StringMember("saved_at", FormatIso8601(s.saved_at), &out);
  StringMember("strategy", s.strategy, &out);
  Member("conditional_writes_checked", &out);
  out += s.conditional_writes_checked ? "true" : "false";
  if (s.watermark) StringMember("watermark", FormatIso8601(*s.watermark), &out);
  if (!s.last_key.empty()) StringMember("last_key", s.last_key, &out);
  Member("loaded", &out);
  out += "[";
  for (const LoadedObject& o : s.loaded) {
    if (out.back() != '[') out += ",";
    out += "{";
    StringMember("key", o.key, &out);
    StringMember("etag", o.etag, &out);
    StringMember("last_modified", FormatIso8601(o.last_modified), &out);
    out += "}";
  }
  out += "]";
  if (!s.cursor_field.empty()) StringMember("cursor_field", s.cursor_field, &out);
  if (s.cursor_value) StringMember("cursor_value", *s.cursor_value, &out);
  Member("boundary_rows", &out);
  out += "[";
  for (const std::string& row : s.boundary_rows) {
    if (out.back() != '[') out += ",";
    AppendJsonString(row, &out);
  }
  out += "]}";
  return out;
}

Result<IncrementalState> StateFromJson(std::string_view text, const std::string& origin) {
  JsonValue doc;
  S3C_RETURN_IF_ERROR(ParseJsonText(text, &doc, origin));
  if (doc.kind != JsonValue::Kind::kObject) {
    return InvalidArgumentError(fmt::format("state {}: expected a JSON object", origin));
  }
  Fields f(doc, origin);
  const int64_t version = f.Int("s3c_state_version");
  if (f.error().ok() && version != kDocumentVersion) {
    return InvalidArgumentError(
        fmt::format("state {}: document version {} is not {} (written by another s3c version?)",
                    origin, version, kDocumentVersion));
  }
  IncrementalState s;
  s.sequence = f.Int("sequence");
  s.run_id = f.String("run_id");
  s.saved_at = f.Time("saved_at").value_or(WallTime{});
  s.strategy = f.String("strategy");
  s.conditional_writes_checked = f.Bool("conditional_writes_checked");
  s.watermark = f.Time("watermark");
  s.last_key = f.String("last_key");
  if (const auto* loaded = f.Array("loaded")) {
    for (const JsonValue& item : *loaded) {
      Fields o(item, origin);
      if (item.kind != JsonValue::Kind::kObject) {
        f.Fail("loaded", "a list of objects");
        break;
      }
      LoadedObject lo{o.String("key"), o.String("etag"),
                      o.Time("last_modified").value_or(WallTime{})};
      if (!o.error().ok()) return o.error();
      s.loaded.push_back(std::move(lo));
    }
  }
  s.cursor_field = f.String("cursor_field");
  s.cursor_value = f.OptionalString("cursor_value");
  if (const auto* rows = f.Array("boundary_rows")) {
    for (const JsonValue& row : *rows) {
      if (row.kind != JsonValue::Kind::kString) {
        f.Fail("boundary_rows", "a list of strings");
        break;
      }
      s.boundary_rows.push_back(row.text);
    }
  }
  if (!f.error().ok()) return f.error();
  return s;
}

}  // namespace s3c::state
