// JSON string literals (RFC 8259 section 7): the one escaper every module uses (CLI output,
// pretty printing, the CSV writer's nested values, the JSON writers), and the meaning of each
// escape for the readers (JsonParser, the JSON reader's fast path).
#pragma once

#include <string>
#include <string_view>

namespace s3c {

// Appends `s` as a JSON string literal: quotes, escapes of '"', '\\' and every control
// character (\b \f \n \r \t by name, others as \u00XX). Bytes >= 0x80 are copied as they are:
// the caller passes UTF-8.
void AppendJsonString(std::string_view s, std::string* out);

// The same, returned as a new string.
std::string JsonQuote(std::string_view s);

// How JSON text spells a float that is NaN or infinite, which RFC 8259 cannot hold.
// kTokens: the bare words NaN, Infinity, -Infinity (as Python's json module and DuckDB write
// them, and as the s3c JSON reader accepts them); kNull: null (strict JSON, but NaN and NULL
// become the same); kStrings: the same words as JSON strings (strict JSON, distinguishable).
enum class NonFiniteFloats { kTokens, kNull, kStrings };

// Appends a non-finite `v` (NaN, +inf, -inf) spelled per `style`.
void AppendJsonNonFinite(double v, NonFiniteFloats style, std::string* out);

// What the character after a backslash means (RFC 8259 section 7): the byte a one-character
// escape stands for ('"', '\\', '/', b, f, n, r, t), 0 for 'u' (four hex digits follow), -1
// for anything else. JsonParser and the JSON reader's ScanString decode escapes through it.
constexpr int SimpleEscapeValue(int c) {
  switch (c) {
    case '"':
      return '"';
    case '\\':
      return '\\';
    case '/':
      return '/';
    case 'b':
      return '\b';
    case 'f':
      return '\f';
    case 'n':
      return '\n';
    case 'r':
      return '\r';
    case 't':
      return '\t';
    case 'u':
      return 0;
    default:
      return -1;
  }
}

}  // namespace s3c
