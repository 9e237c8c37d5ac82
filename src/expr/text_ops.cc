#include "expr/text_ops.h"

#include <vector>

#include "s3c/common/strings.h"

namespace s3c::expr {
namespace {

bool IsContinuation(unsigned char c) { return (c & 0xC0) == 0x80; }

// Decodes one code point at text[*i]; an invalid lead byte decodes as itself (one byte).
uint32_t Decode(std::string_view text, size_t* i) {
  auto c = static_cast<unsigned char>(text[*i]);
  int extra = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
  if (extra == 0 || *i + extra >= text.size()) {
    ++*i;
    return c;
  }
  uint32_t cp = c & (0x3F >> extra);
  for (int k = 1; k <= extra; ++k) {
    auto next = static_cast<unsigned char>(text[*i + k]);
    if (!IsContinuation(next)) {
      ++*i;
      return c;
    }
    cp = (cp << 6) | (next & 0x3F);
  }
  *i += extra + 1;
  return cp;
}

uint32_t LowerOf(uint32_t c) {
  if ((c >= 'A' && c <= 'Z') || (c >= 0xC0 && c <= 0xDE && c != 0xD7)) return c + 32;
  if ((c >= 0x100 && c <= 0x137) || (c >= 0x14A && c <= 0x177)) return c | 1;
  if ((c >= 0x139 && c <= 0x148) || (c >= 0x179 && c <= 0x17E)) return (c & 1) ? c + 1 : c;
  if (c == 0x178) return 0xFF;
  if ((c >= 0x391 && c <= 0x3A9 && c != 0x3A2) || (c >= 0x410 && c <= 0x42F)) return c + 32;
  if (c >= 0x400 && c <= 0x40F) return c + 80;
  if (c == 0x1E9E) return 0xDF;  // capital sharp s
  return c;
}

uint32_t UpperOf(uint32_t c) {
  if ((c >= 'a' && c <= 'z') || (c >= 0xE0 && c <= 0xFE && c != 0xF7)) return c - 32;
  if (c == 0xFF) return 0x178;
  if (c == 0xDF) return 0x1E9E;  // sharp s: the one-character capital, as DuckDB (utf8proc)
  if (c == 0x3C2) return 0x3A3;  // final sigma
  if ((c >= 0x101 && c <= 0x137) || (c >= 0x14B && c <= 0x177)) return (c & 1) ? c - 1 : c;
  if ((c >= 0x13A && c <= 0x148) || (c >= 0x17A && c <= 0x17E)) return (c & 1) ? c : c - 1;
  if ((c >= 0x3B1 && c <= 0x3C9 && c != 0x3C2) || (c >= 0x430 && c <= 0x44F)) return c - 32;
  if (c >= 0x450 && c <= 0x45F) return c - 80;
  return c;
}

template <typename Map>
void AppendMapped(std::string_view text, std::string* out, Map map) {
  for (size_t i = 0; i < text.size();) {
    auto c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      out->push_back(static_cast<char>(map(c)));
      ++i;
      continue;
    }
    size_t start = i;
    uint32_t cp = Decode(text, &i);
    uint32_t mapped = map(cp);
    if (mapped == cp) {
      out->append(text.substr(start, i - start));
    } else {
      AppendUtf8(mapped, out);
    }
  }
}

// Byte offset of character `n` (0-based) of text, or text.size() past the end.
size_t OffsetOfCharacter(std::string_view text, int64_t n) {
  size_t i = 0;
  for (int64_t k = 0; k < n && i < text.size(); ++k) {
    ++i;
    while (i < text.size() && IsContinuation(static_cast<unsigned char>(text[i]))) ++i;
  }
  return i;
}

size_t NextCharacter(std::string_view text, size_t i) {
  ++i;
  while (i < text.size() && IsContinuation(static_cast<unsigned char>(text[i]))) ++i;
  return i;
}

}  // namespace

void AppendLower(std::string_view text, std::string* out) { AppendMapped(text, out, LowerOf); }
void AppendUpper(std::string_view text, std::string* out) { AppendMapped(text, out, UpperOf); }

int64_t CountCharacters(std::string_view text) {
  int64_t count = 0;
  for (size_t i = 0; i < text.size(); i = NextCharacter(text, i)) ++count;
  return count;
}

std::string_view Substring(std::string_view text, int64_t start, int64_t length) {
  int64_t n = CountCharacters(text);
  if (start < 0) start = n + start + 1;
  int64_t begin = start, end = 0;
  if (length >= 0) {
    if (__builtin_add_overflow(begin, length, &end)) end = INT64_MAX;
  } else {
    end = begin;
    if (__builtin_add_overflow(begin, length, &begin)) begin = INT64_MIN;
  }
  begin = std::max<int64_t>(begin, 1);
  end = std::min<int64_t>(end, n + 1);
  if (begin >= end) return {};
  size_t from = OffsetOfCharacter(text, begin - 1);
  size_t to = OffsetOfCharacter(text, end - 1);
  return text.substr(from, to - from);
}

bool LikeMatch(std::string_view text, std::string_view pattern, char escape) {
  // Iterative matcher with one backtrack point (the last %), linear in practice.
  size_t t = 0, p = 0;
  size_t star_p = std::string_view::npos, star_t = 0;
  while (t < text.size()) {
    if (p < pattern.size()) {
      char c = pattern[p];
      if (escape != 0 && c == escape && p + 1 < pattern.size()) {
        if (text[t] == pattern[p + 1]) {
          ++t;
          p += 2;
          continue;
        }
      } else if (c == '%') {
        star_p = ++p;
        star_t = t;
        continue;
      } else if (c == '_') {
        t = NextCharacter(text, t);
        ++p;
        continue;
      } else if (text[t] == c) {
        ++t;
        ++p;
        continue;
      }
    }
    if (star_p == std::string_view::npos) return false;
    p = star_p;
    t = star_t = NextCharacter(text, star_t);
  }
  while (p < pattern.size() && pattern[p] == '%') ++p;
  return p == pattern.size();
}

}  // namespace s3c::expr
