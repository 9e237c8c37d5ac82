#include "s3c/common/json_parser.h"

#include <fmt/format.h>

#include <limits>

#include "s3c/common/json_escape.h"
#include "s3c/common/strings.h"

namespace s3c {
namespace {

bool IsDigit(int c) { return c >= '0' && c <= '9'; }

std::string Describe(int c) {
  if (c < 0) return "end of input";
  if (c == '\'') return "\"'\"";
  if (c >= 0x20 && c < 0x7f) return fmt::format("'{}'", static_cast<char>(c));
  return fmt::format("byte 0x{:02x}", c);
}

constexpr uint32_t kReplacement = 0xFFFD;

}  // namespace

Status JsonParser::ErrorHere(std::string_view reason) {
  if (!src_->status().ok()) return src_->status();
  return DataLossError(fmt::format("{}: line {}, byte offset {}: {}",
                                   object_.empty() ? "input" : object_, line_, src_->offset(),
                                   reason));
}

Status JsonParser::Expected(std::string_view what) {
  if (!options_.describe_found) return ErrorHere(fmt::format("expected {}", what));
  return ErrorHere(fmt::format("expected {}, found {}", what, Describe(src_->Peek())));
}

int JsonParser::SkipWhitespace() {
  for (;;) {
    int c = src_->Peek();
    if (c == '\n') {
      ++line_;
    } else if (c != ' ' && c != '\t' && c != '\r') {
      return c;
    }
    src_->Advance();
  }
}

Status JsonParser::SkipBom() {
  if (src_->Peek() != 0xEF) return Status::OK();
  src_->Advance();
  if (src_->Peek() != 0xBB) return Expected("a complete UTF-8 byte order mark");
  src_->Advance();
  if (src_->Peek() != 0xBF) return Expected("a complete UTF-8 byte order mark");
  src_->Advance();
  return Status::OK();
}

void JsonParser::SkipLine() {
  for (int c = src_->Peek(); c >= 0; c = src_->Peek()) {
    src_->Advance();
    if (c == '\n') {
      ++line_;
      return;
    }
  }
}

Status JsonParser::ParseValueAt(JsonValue* out, int depth) {
  int c = src_->Peek();
  switch (c) {
    case '{':
      return ParseObject(out, depth + 1);
    case '[':
      return ParseArray(out, depth + 1);
    case '"':
      out->kind = JsonValue::Kind::kString;
      return ParseString(&out->text);
    case 't':
      return ParseLiteral("true", out);
    case 'f':
      return ParseLiteral("false", out);
    case 'n':
      return ParseLiteral("null", out);
    case 'N':
      if (options_.non_finite_tokens) return ParseNonFinite("NaN", out);
      return Expected("a JSON value");
    case 'I':
      if (options_.non_finite_tokens) return ParseNonFinite("Infinity", out);
      return Expected("a JSON value");
    default:
      if (c == '-' || IsDigit(c)) return ParseNumber(out);
      return Expected("a JSON value");
  }
}

Status JsonParser::ParseArray(JsonValue* out, int depth) {
  if (depth > options_.max_depth) {
    return ErrorHere(
        fmt::format("expected at most {} levels of nesting (the depth limit)", options_.max_depth));
  }
  out->kind = JsonValue::Kind::kArray;
  src_->Advance();  // '['
  if (SkipWhitespace() == ']') {
    src_->Advance();
    return Status::OK();
  }
  for (;;) {
    out->items.emplace_back();
    S3C_RETURN_IF_ERROR(ParseValueAt(&out->items.back(), depth));
    int c = SkipWhitespace();
    if (c != ']' && c != ',') return Expected("',' or ']' after an array element");
    src_->Advance();
    if (c == ']') return Status::OK();
    SkipWhitespace();
  }
}

Status JsonParser::ParseObject(JsonValue* out, int depth) {
  if (depth > options_.max_depth) {
    return ErrorHere(
        fmt::format("expected at most {} levels of nesting (the depth limit)", options_.max_depth));
  }
  out->kind = JsonValue::Kind::kObject;
  src_->Advance();  // '{'
  int c = SkipWhitespace();
  if (c == '}') {
    src_->Advance();
    return Status::OK();
  }
  for (;;) {
    if (c != '"') return Expected("a string object key");
    out->members.emplace_back();
    auto& member = out->members.back();
    S3C_RETURN_IF_ERROR(ParseString(&member.key));
    if (SkipWhitespace() != ':') return Expected("':' after an object key");
    src_->Advance();
    SkipWhitespace();
    S3C_RETURN_IF_ERROR(ParseValueAt(&member.value, depth));
    c = SkipWhitespace();
    if (c == '}') {
      src_->Advance();
      return Status::OK();
    }
    if (c != ',') return Expected("',' or '}' after an object member");
    src_->Advance();
    c = SkipWhitespace();
  }
}

Status JsonParser::ParseString(std::string* out) {
  src_->Advance();  // opening quote
  for (;;) {
    int c = src_->Peek();
    if (c == '"') {
      src_->Advance();
      return Status::OK();
    }
    if (c < 0) return Expected("'\"' to close the string");
    if (c < 0x20) return Expected("a string character (control characters must be escaped)");
    if (c == '\\') {
      src_->Advance();
      S3C_RETURN_IF_ERROR(ParseEscape(out));
    } else if (c < 0x80) {
      out->push_back(static_cast<char>(c));
      src_->Advance();
    } else {
      S3C_RETURN_IF_ERROR(ParseUtf8(c, out));
    }
  }
}

Result<uint32_t> JsonParser::ParseHex4() {
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) {
    int c = src_->Peek();
    int d;
    if (IsDigit(c)) {
      d = c - '0';
    } else if (c >= 'a' && c <= 'f') {
      d = c - 'a' + 10;
    } else if (c >= 'A' && c <= 'F') {
      d = c - 'A' + 10;
    } else {
      return Expected("a hex digit in a \\u escape");
    }
    v = v * 16 + static_cast<uint32_t>(d);
    src_->Advance();
  }
  return v;
}

Status JsonParser::ParseEscape(std::string* out) {
  const int simple = SimpleEscapeValue(src_->Peek());
  if (simple < 0) return Expected("an escape character (one of \"\\/bfnrtu)");
  src_->Advance();
  if (simple != 0) {
    out->push_back(static_cast<char>(simple));
    return Status::OK();
  }
  S3C_ASSIGN_OR_RETURN(uint32_t cp, ParseHex4());
  if (cp >= 0xDC00 && cp <= 0xDFFF) cp = kReplacement;  // lone low surrogate (section 8.2)
  if (cp >= 0xD800 && cp <= 0xDBFF) {
    // A high surrogate needs a following "\uDC00".."\uDFFF" escape; otherwise it is lone.
    if (src_->Peek() != '\\') {
      cp = kReplacement;
    } else {
      src_->Advance();
      if (src_->Peek() != 'u') {
        AppendUtf8(kReplacement, out);
        return ParseEscape(out);
      }
      src_->Advance();
      S3C_ASSIGN_OR_RETURN(uint32_t low, ParseHex4());
      if (low >= 0xDC00 && low <= 0xDFFF) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
      } else {
        AppendUtf8(kReplacement, out);
        cp = (low >= 0xD800 && low <= 0xDBFF) ? kReplacement : low;
      }
    }
  }
  AppendUtf8(cp, out);
  return Status::OK();
}

Status JsonParser::ParseUtf8(int lead, std::string* out) {
  // Well-formed sequences per RFC 3629 section 4 (no overlongs, surrogates or > U+10FFFF).
  const std::optional<Utf8Lead> seq = Utf8LeadByte(static_cast<uint8_t>(lead));
  if (!seq) return Expected("valid UTF-8 in a string");
  int lo = seq->first_lo, hi = seq->first_hi;
  out->push_back(static_cast<char>(lead));
  src_->Advance();
  for (int i = 0; i < seq->continuation; ++i) {
    int c = src_->Peek();
    if (c < lo || c > hi) {
      return Expected("a UTF-8 continuation byte in a string");
    }
    out->push_back(static_cast<char>(c));
    src_->Advance();
    lo = 0x80;
    hi = 0xBF;
  }
  return Status::OK();
}

Status JsonParser::ParseNumber(JsonValue* out) {
  out->kind = JsonValue::Kind::kNumber;
  out->integral = true;
  std::string& t = out->text;
  auto take = [&] {
    t.push_back(static_cast<char>(src_->Peek()));
    src_->Advance();
  };
  if (src_->Peek() == '-') take();
  if (!t.empty() && options_.non_finite_tokens && src_->Peek() == 'I') {
    S3C_RETURN_IF_ERROR(ParseNonFinite("Infinity", out));
    out->text = "-Infinity";
    return Status::OK();
  }
  int c = src_->Peek();
  if (c == '0') {
    take();
  } else if (IsDigit(c)) {
    while (IsDigit(src_->Peek())) take();
  } else {
    return Expected("a digit after '-'");
  }
  if (src_->Peek() == '.') {
    out->integral = false;
    take();
    if (!IsDigit(src_->Peek())) return Expected("a digit after the decimal point");
    while (IsDigit(src_->Peek())) take();
  }
  c = src_->Peek();
  if (c == 'e' || c == 'E') {
    out->integral = false;
    take();
    c = src_->Peek();
    if (c == '+' || c == '-') take();
    if (!IsDigit(src_->Peek())) return Expected("a digit in the exponent");
    while (IsDigit(src_->Peek())) take();
  }
  return Status::OK();
}

Status JsonParser::ParseLiteral(std::string_view word, JsonValue* out) {
  for (char w : word) {
    if (src_->Peek() != static_cast<unsigned char>(w)) {
      return Expected(fmt::format("'{}' (in the literal {})", w, word));
    }
    src_->Advance();
  }
  if (word == "null") {
    out->kind = JsonValue::Kind::kNull;
  } else {
    out->kind = JsonValue::Kind::kBool;
    out->boolean = word == "true";
  }
  return Status::OK();
}

Status JsonParser::ParseNonFinite(std::string_view word, JsonValue* out) {
  for (char w : word) {
    if (src_->Peek() != static_cast<unsigned char>(w)) {
      return Expected(fmt::format("'{}' (in {})", w, word));
    }
    src_->Advance();
  }
  out->kind = JsonValue::Kind::kNumber;
  out->integral = false;
  out->text = word;
  return Status::OK();
}

std::optional<double> NonFiniteTokenValue(std::string_view text) {
  if (text == "NaN") return std::numeric_limits<double>::quiet_NaN();
  if (text == "Infinity") return std::numeric_limits<double>::infinity();
  if (text == "-Infinity") return -std::numeric_limits<double>::infinity();
  return std::nullopt;
}

Status ParseJsonText(std::string_view text, JsonValue* out, const std::string& object_name,
                     const JsonParseOptions& options) {
  ByteSource src(text);
  JsonParser parser(&src, object_name, options);
  S3C_RETURN_IF_ERROR(parser.SkipBom());
  if (parser.SkipWhitespace() < 0) return parser.Expected("a JSON value");
  S3C_RETURN_IF_ERROR(parser.ParseValue(out));
  if (parser.SkipWhitespace() >= 0) return parser.Expected("the end of input after the value");
  return Status::OK();
}

}  // namespace s3c
