// A strict RFC 8259 parser over a ByteSource: one value at a time into a JsonValue tree.
// Strings must be valid UTF-8 (section 8.1); a lone surrogate escape (section 8.2) decodes to
// U+FFFD. One extension, off unless AllowNonFiniteTokens(true): the bare words NaN, Infinity
// and -Infinity (as Python's json module and the s3c JSON writer write them) are numbers,
// kNumber with integral = false and the word as text. Errors are InvalidArgument and read
//   "<object>: line 3, byte offset 57: expected ':' after an object key, found '}'".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "formats/json/byte_source.h"
#include "formats/json/json_text.h"
#include "formats/json/json_value.h"
#include "s3c/common/status.h"

namespace s3c::formats::json_internal {

constexpr int kDefaultMaxDepth = 512;

class JsonParser {
 public:
  JsonParser(ByteSource* src, std::string object_name, int max_depth = kDefaultMaxDepth)
      : src_(src), object_(std::move(object_name)), max_depth_(max_depth) {}

  void AllowNonFiniteTokens(bool on) { non_finite_tokens_ = on; }

  // Skips whitespace (counting lines) and returns the next byte, -1 at the end of input.
  int SkipWhitespace();
  // Skips a UTF-8 byte order mark at the current position, if any (an incomplete one fails).
  Status SkipBom();
  // Parses one value starting at the current byte (whitespace already skipped).
  Status ParseValue(JsonValue* out) { return ParseValueAt(out, 0); }

  // An InvalidArgument error at the current position: "expected <what>, found <current>".
  Status Expected(std::string_view what);
  // An InvalidArgument error at the current position with a free-form reason.
  Status ErrorHere(std::string_view reason);

  int64_t line() const { return line_; }
  void set_line(int64_t line) { line_ = line; }
  int64_t offset() const { return src_->offset(); }
  ByteSource* source() const { return src_; }
  const std::string& object_name() const { return object_; }
  // Skips to just past the next newline (or the end); for resynchronising after an error.
  void SkipLine();

 private:
  Status ParseValueAt(JsonValue* out, int depth);
  Status ParseArray(JsonValue* out, int depth);
  Status ParseObject(JsonValue* out, int depth);
  Status ParseString(std::string* out);
  Status ParseEscape(std::string* out);
  Status ParseUtf8(int lead, std::string* out);
  Status ParseNumber(JsonValue* out);
  Status ParseLiteral(std::string_view word, JsonValue* out);
  Status ParseNonFinite(std::string_view word, JsonValue* out);
  Result<uint32_t> ParseHex4();

  ByteSource* src_;
  std::string object_;
  int max_depth_;
  int64_t line_ = 1;
  bool non_finite_tokens_ = false;
};

// Parses a whole JSON text (RFC 8259 section 2: ws value ws, an optional leading BOM).
Status ParseJsonText(std::string_view text, JsonValue* out, const std::string& object_name,
                     int max_depth = kDefaultMaxDepth, bool non_finite_tokens = false);

// NaN, +inf or -inf for exactly the words "NaN", "Infinity", "-Infinity"; nullopt otherwise.
std::optional<double> NonFiniteTokenValue(std::string_view text);

}  // namespace s3c::formats::json_internal
