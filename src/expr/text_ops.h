// UTF-8 text operations of the filter language's string functions and LIKE.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace s3c::expr {

// Case mapping for ASCII, Latin-1, Latin Extended-A, basic Greek and Cyrillic letters (the
// simple one-to-one Unicode mappings, as DuckDB's utf8proc: upper('ß') is 'ẞ', upper('ς') is
// 'Σ'); other characters and invalid bytes are kept as they are.
void AppendLower(std::string_view text, std::string* out);
void AppendUpper(std::string_view text, std::string* out);

// Number of characters (code points; a stray continuation byte counts as one).
int64_t CountCharacters(std::string_view text);

// substr with DuckDB's rule: 1-based `start` (negative counts from the end), characters
// [start, start + length) clipped to the string; a negative length takes the characters before
// start ([start + length, start)).
std::string_view Substring(std::string_view text, int64_t start, int64_t length);

// SQL LIKE: % any run, _ one character, `escape` (0 when none) makes the next character
// literal. Case-sensitive; ILIKE lower-cases both sides first.
bool LikeMatch(std::string_view text, std::string_view pattern, char escape);

}  // namespace s3c::expr
