// The one JSON parser (RFC 8259), over a ByteSource: one value at a time into a JsonValue tree.
// The JSON reader parses its records with it, `auth` its credential documents.
// Strings must be valid UTF-8 (section 8.1); a lone surrogate escape (section 8.2) decodes to
// U+FFFD. Errors are DataLoss and read
//   "<object>: line 3, byte offset 57: expected ':' after an object key, found '}'";
// with JsonParseOptions::describe_found off the ", found ..." part is left out, so that an
// error never holds a byte of the input (for documents that may hold secrets).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "s3c/common/byte_source.h"
#include "s3c/common/json_value.h"
#include "s3c/common/status.h"

namespace s3c {

constexpr int kDefaultJsonMaxDepth = 512;

struct JsonParseOptions {
  // Arrays and objects nested deeper fail with a clear error (and never exhaust the stack).
  int max_depth = kDefaultJsonMaxDepth;
  // One extension, off by default: the bare words NaN, Infinity and -Infinity (as Python's
  // json module and the s3c JSON writer write them) are numbers, kNumber with integral = false
  // and the word as text.
  bool non_finite_tokens = false;
  // Errors name the byte found where another was expected ("found '}'", "found byte 0xff").
  bool describe_found = true;
};

class JsonParser {
 public:
  JsonParser(ByteSource* src, std::string object_name, JsonParseOptions options = {})
      : src_(src), object_(std::move(object_name)), options_(options) {}

  // Skips whitespace (counting lines) and returns the next byte, -1 at the end of input.
  int SkipWhitespace();
  // Skips a UTF-8 byte order mark at the current position, if any (an incomplete one fails).
  Status SkipBom();
  // Parses one value starting at the current byte (whitespace already skipped).
  Status ParseValue(JsonValue* out) { return ParseValueAt(out, 0); }

  // A DataLoss error at the current position: "expected <what>, found <current>".
  Status Expected(std::string_view what);
  // A DataLoss error at the current position with a free-form reason.
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
  JsonParseOptions options_;
  int64_t line_ = 1;
};

// Parses a whole JSON text (RFC 8259 section 2: ws value ws, an optional leading BOM).
Status ParseJsonText(std::string_view text, JsonValue* out, const std::string& object_name,
                     const JsonParseOptions& options = {});

// NaN, +inf or -inf for exactly the words "NaN", "Infinity", "-Infinity"; nullopt otherwise.
std::optional<double> NonFiniteTokenValue(std::string_view text);

}  // namespace s3c
