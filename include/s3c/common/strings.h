// Small string helpers shared by every module.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace s3c {

std::string ToLower(std::string_view s);
bool IEquals(std::string_view a, std::string_view b);
bool StartsWith(std::string_view s, std::string_view prefix);
bool EndsWith(std::string_view s, std::string_view suffix);
std::string_view Trim(std::string_view s);
std::vector<std::string> Split(std::string_view s, char sep);
std::string Join(const std::vector<std::string>& parts, std::string_view sep);

// Lower-case hex of bytes.
std::string HexEncode(std::string_view bytes);
std::string Base64Encode(std::string_view bytes);
std::optional<std::string> Base64Decode(std::string_view text);

// RFC 3986 percent-encoding of everything but unreserved characters (A-Z a-z 0-9 - _ . ~).
// With keep_slash, '/' is kept as is (S3 object key paths).
std::string UriEncode(std::string_view s, bool keep_slash);
// Decodes %XX sequences; with plus_as_space, '+' becomes ' ' (form encoding).
std::optional<std::string> UriDecode(std::string_view s, bool plus_as_space = false);

// Appends the UTF-8 encoding of code point cp (<= 0x10FFFF; the caller validates).
void AppendUtf8(uint32_t cp, std::string* out);

// Well-formed UTF-8 (RFC 3629 section 4, no overlongs, surrogates or code points past
// U+10FFFF): for a lead byte >= 0x80, how many continuation bytes follow and the range the
// FIRST of them must fall in (the others are 0x80..0xBF). nullopt for a byte that cannot start
// a multi-byte sequence. The one copy every UTF-8 validator uses.
struct Utf8Lead {
  int continuation = 0;
  uint8_t first_lo = 0x80;
  uint8_t first_hi = 0xBF;
};
constexpr std::optional<Utf8Lead> Utf8LeadByte(uint8_t lead) {
  if (lead >= 0xC2 && lead <= 0xDF) return Utf8Lead{1, 0x80, 0xBF};
  if (lead >= 0xE0 && lead <= 0xEF) {
    return Utf8Lead{2, static_cast<uint8_t>(lead == 0xE0 ? 0xA0 : 0x80),
                    static_cast<uint8_t>(lead == 0xED ? 0x9F : 0xBF)};
  }
  if (lead >= 0xF0 && lead <= 0xF4) {
    return Utf8Lead{3, static_cast<uint8_t>(lead == 0xF0 ? 0x90 : 0x80),
                    static_cast<uint8_t>(lead == 0xF4 ? 0x8F : 0xBF)};
  }
  return std::nullopt;
}

std::optional<int64_t> ParseInt64(std::string_view s);
std::optional<uint64_t> ParseUint64(std::string_view s);
// "1.5MiB", "64M", "8k", "100" (bytes); binary units. nullopt on garbage.
std::optional<uint64_t> ParseByteSize(std::string_view s);
// 1536 -> "1.5 KiB"
std::string FormatBytes(uint64_t bytes);
// 1204 -> "1,204": a count for people, in groups of three digits.
std::string FormatCount(uint64_t n);

}  // namespace s3c
