#include "formats/json/json_scan.h"

#include <cstdint>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

#include "s3c/common/strings.h"

namespace s3c::formats::json_internal {
namespace {

constexpr uint32_t kReplacement = 0xFFFD;

inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The first byte in [p, end) that is '"', '\\', below 0x20 or above 0x7f; `end` when none.
inline const char* SkipPlain(const char* p, const char* end) {
#if defined(__SSE2__)
  const __m128i quote = _mm_set1_epi8('"');
  const __m128i slash = _mm_set1_epi8('\\');
  const __m128i space = _mm_set1_epi8(0x20);
  while (end - p >= 16) {
    __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    // Signed compare: below 0x20 covers the control bytes and every byte from 0x80 on.
    __m128i care = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, quote), _mm_cmpeq_epi8(v, slash)),
                                _mm_cmplt_epi8(v, space));
    int mask = _mm_movemask_epi8(care);
    if (mask != 0) return p + __builtin_ctz(static_cast<unsigned>(mask));
    p += 16;
  }
#endif
  for (; p < end; ++p) {
    auto c = static_cast<unsigned char>(*p);
    if (c == '"' || c == '\\' || c < 0x20 || c >= 0x80) return p;
  }
  return p;
}

int HexDigit(char c) {
  if (IsDigit(c)) return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

const char* Hex4(const char* p, const char* end, uint32_t* out) {
  if (end - p < 4) return nullptr;
  uint32_t v = 0;
  for (int i = 0; i < 4; ++i) {
    int d = HexDigit(p[i]);
    if (d < 0) return nullptr;
    v = v * 16 + static_cast<uint32_t>(d);
  }
  *out = v;
  return p + 4;
}

// p just after a backslash; the same decoding as JsonParser::ParseEscape.
const char* Escape(const char* p, const char* end, std::string* out) {
  if (p >= end) return nullptr;
  const int simple = SimpleEscapeValue(*p);
  if (simple < 0) return nullptr;
  ++p;
  if (simple != 0) {
    out->push_back(static_cast<char>(simple));
    return p;
  }
  uint32_t cp;
  if ((p = Hex4(p, end, &cp)) == nullptr) return nullptr;
  if (cp >= 0xDC00 && cp <= 0xDFFF) cp = kReplacement;
  if (cp >= 0xD800 && cp <= 0xDBFF) {
    if (p >= end) return nullptr;
    if (*p != '\\') {
      cp = kReplacement;
    } else {
      ++p;
      if (p >= end) return nullptr;
      if (*p != 'u') {
        AppendUtf8(kReplacement, out);
        return Escape(p, end, out);
      }
      uint32_t low;
      if ((p = Hex4(p + 1, end, &low)) == nullptr) return nullptr;
      if (low >= 0xDC00 && low <= 0xDFFF) {
        cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
      } else {
        AppendUtf8(kReplacement, out);
        cp = (low >= 0xD800 && low <= 0xDBFF) ? kReplacement : low;
      }
    }
  }
  AppendUtf8(cp, out);
  return p;
}

// p at a byte >= 0x80: one well-formed UTF-8 sequence (as JsonParser::ParseUtf8).
const char* Utf8(const char* p, const char* end) {
  const std::optional<Utf8Lead> seq = Utf8LeadByte(static_cast<uint8_t>(*p));
  if (!seq) return nullptr;
  const int extra = seq->continuation;
  unsigned lo = seq->first_lo, hi = seq->first_hi;
  if (end - p <= extra) return nullptr;
  for (int i = 1; i <= extra; ++i) {
    auto c = static_cast<unsigned char>(p[i]);
    if (c < lo || c > hi) return nullptr;
    lo = 0x80;
    hi = 0xBF;
  }
  return p + extra + 1;
}

}  // namespace

const char* ScanString(const char* p, const char* end, std::string* scratch,
                       std::string_view* out) {
  const char* start = ++p;  // past the opening quote
  const char* run = start;  // first byte not yet copied into scratch (after an escape)
  bool escaped = false;
  for (;;) {
    if ((p = SkipPlain(p, end)) >= end) return nullptr;
    auto c = static_cast<unsigned char>(*p);
    if (c == '"') break;
    if (c < 0x20) return nullptr;
    if (c == '\\') {
      if (!escaped) {
        scratch->clear();
        escaped = true;
      }
      scratch->append(run, p);
      if ((p = Escape(p + 1, end, scratch)) == nullptr) return nullptr;
      run = p;
    } else if ((p = Utf8(p, end)) == nullptr) {  // c >= 0x80
      return nullptr;
    }
  }
  if (escaped) {
    scratch->append(run, p);
    *out = *scratch;
  } else {
    *out = std::string_view(start, static_cast<size_t>(p - start));
  }
  return p + 1;
}

const char* ScanNumber(const char* p, const char* end, bool* integral) {
  if (*p == '-') ++p;
  if (p >= end) return nullptr;
  if (*p == '0') {
    ++p;
  } else if (*p >= '1' && *p <= '9') {
    while (++p < end && IsDigit(*p)) {
    }
  } else {
    return nullptr;
  }
  *integral = true;
  if (p < end && *p == '.') {
    *integral = false;
    if (++p >= end || !IsDigit(*p)) return nullptr;
    while (++p < end && IsDigit(*p)) {
    }
  }
  if (p < end && (*p == 'e' || *p == 'E')) {
    *integral = false;
    if (++p < end && (*p == '+' || *p == '-')) ++p;
    if (p >= end || !IsDigit(*p)) return nullptr;
    while (++p < end && IsDigit(*p)) {
    }
  }
  return p < end ? p : nullptr;
}

}  // namespace s3c::formats::json_internal
