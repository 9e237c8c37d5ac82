// In-memory JSON tokens for the flat-record fast path (flat_record.h). Each scanner reads from
// p (< end) and returns the position after the token, or nullptr when [p, end) does not hold a
// complete valid token; the caller then hands the record to JsonParser, which reports the error
// (or, when the token only ran past the buffered bytes, parses it after reading more).
// Accepts and decodes exactly what JsonParser (s3c/common/json_parser.h) does (RFC 8259
// sections 6 and 7; UTF-8 per RFC 3629 section 4; a lone surrogate escape decodes to U+FFFD).
#pragma once

#include <string>
#include <string_view>

#include "s3c/common/json_escape.h"

namespace s3c::formats::json_internal {

// p at the opening quote. On success *out is the decoded text: a view of [p, end) when the
// string has no escapes, otherwise a view of *scratch (overwritten).
const char* ScanString(const char* p, const char* end, std::string* scratch, std::string_view* out);

// p at '-' or a digit. *integral: the number has neither fraction nor exponent. A number that
// reaches `end` is incomplete (more digits may follow) and gives nullptr.
const char* ScanNumber(const char* p, const char* end, bool* integral);

}  // namespace s3c::formats::json_internal
