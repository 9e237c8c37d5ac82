#include "s3c/common/json_escape.h"

namespace s3c {

void AppendJsonString(std::string_view s, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  out->push_back('"');
  size_t run = 0;  // start of the pending run of bytes that need no escape
  for (size_t i = 0; i < s.size(); ++i) {
    auto c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out->append(s.substr(run, i - run));
    run = i + 1;
    switch (c) {
      case '"': out->append("\\\""); break;
      case '\\': out->append("\\\\"); break;
      case '\b': out->append("\\b"); break;
      case '\f': out->append("\\f"); break;
      case '\n': out->append("\\n"); break;
      case '\r': out->append("\\r"); break;
      case '\t': out->append("\\t"); break;
      default:
        out->append("\\u00");
        out->push_back(kHex[c >> 4]);
        out->push_back(kHex[c & 15]);
    }
  }
  out->append(s.substr(run));
  out->push_back('"');
}

std::string JsonQuote(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 2);
  AppendJsonString(s, &out);
  return out;
}

void AppendJsonNonFinite(double v, NonFiniteFloats style, std::string* out) {
  if (style == NonFiniteFloats::kNull) {
    out->append("null");
    return;
  }
  const char* word = v != v ? "NaN" : (v < 0 ? "-Infinity" : "Infinity");
  if (style == NonFiniteFloats::kStrings) out->push_back('"');
  out->append(word);
  if (style == NonFiniteFloats::kStrings) out->push_back('"');
}

}  // namespace s3c
