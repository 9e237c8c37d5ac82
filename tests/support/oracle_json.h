// A minimal JSON scanner for the oracle's own output (tests/oracle/duckdb_rows.mjs) and for
// canonical rows (duckdb_oracle.h): it splits containers into the raw texts of their elements
// and decodes strings. Input is trusted test output, but malformed text fails, never crashes.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace s3c::testing::oracle_json {

// The elements of a JSON array as raw texts (no surrounding whitespace); false when `text` is
// not exactly one array.
bool SplitArray(std::string_view text, std::vector<std::string_view>* elements);
// The members of a JSON object as (decoded key, raw value text); false when malformed.
bool SplitObject(std::string_view text,
                 std::vector<std::pair<std::string, std::string_view>>* members);
// Decodes one JSON string literal (escapes, \uXXXX with surrogate pairs) into UTF-8.
bool DecodeString(std::string_view text, std::string* out);

}  // namespace s3c::testing::oracle_json
