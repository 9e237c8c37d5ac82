// Inline cell parsers for the hot conversion paths. Each either accepts a text exactly as the
// matching inference.h parser would, with the same value, or defers to that parser, so the
// language accepted never differs from schema inference's.
#pragma once

#include <cstdint>
#include <string_view>

#include "s3c/columnar/data_type.h"
#include "s3c/formats/inference.h"

namespace s3c::formats::csv {

// Plain decimal digits with an optional '-' (up to 18 digits) inline; anything else goes to
// ParseInt64Text so the accepted language is exactly inference.h's.
inline bool ParseInt(std::string_view s, int64_t* out) {
  size_t i = s.size() > 0 && s[0] == '-';
  if (s.size() > i && s.size() - i <= 18) {
    int64_t v = 0;
    size_t k = i;
    for (; k < s.size(); ++k) {
      unsigned d = static_cast<unsigned char>(s[k]) - '0';
      if (d > 9) break;
      v = v * 10 + d;
    }
    if (k == s.size()) {
      *out = i ? -v : v;
      return true;
    }
  }
  auto v = ParseInt64Text(s);
  if (!v) return false;
  *out = *v;
  return true;
}

inline bool ParseDigits(const char* p, int n, int* out) {
  int v = 0;
  for (int k = 0; k < n; ++k) {
    unsigned d = static_cast<unsigned char>(p[k]) - '0';
    if (d > 9) return false;
    v = v * 10 + static_cast<int>(d);
  }
  *out = v;
  return true;
}

// The common ISO 8601 shapes, inline: "YYYY-MM-DD" (date) and "YYYY-MM-DD[T ]HH:MM:SS[.f]"
// with an optional 'Z'. Anything else (or an invalid value, or year 0) returns false and the
// caller uses the full parser, so accepted texts and values are exactly inference.h's.
inline bool FastDate(std::string_view s, int64_t* days) {
  int y, m, d;
  if (s.size() < 10 || s[4] != '-' || s[7] != '-' || !ParseDigits(s.data(), 4, &y) ||
      !ParseDigits(s.data() + 5, 2, &m) || !ParseDigits(s.data() + 8, 2, &d) || y == 0 || m < 1 ||
      m > 12 || d < 1) {
    return false;
  }
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  static constexpr int kBefore[] = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  if (d > (m == 2 && leap ? 29 : kDays[m - 1])) return false;
  // Proleptic Gregorian days from 0001-01-01 to January 1st of y, minus 719162 (to 1970).
  const int64_t py = y - 1;
  *days =
      py * 365 + py / 4 - py / 100 + py / 400 - 719162 + kBefore[m - 1] + (m > 2 && leap) + d - 1;
  return true;
}

inline bool FastTimestamp(std::string_view s, columnar::TimeUnit unit, int64_t* out) {
  int64_t days;
  int hh, mi, ss;
  if (s.size() < 19 || (s[10] != 'T' && s[10] != 't' && s[10] != ' ') || s[13] != ':' ||
      s[16] != ':' || !FastDate(s.substr(0, 10), &days) || !ParseDigits(s.data() + 11, 2, &hh) ||
      !ParseDigits(s.data() + 14, 2, &mi) || !ParseDigits(s.data() + 17, 2, &ss) || hh > 23 ||
      mi > 59 || ss > 60) {
    return false;
  }
  size_t i = 19;
  int64_t nanos = 0;
  if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
    const size_t start = ++i;
    while (i < s.size() && i - start < 10 && s[i] >= '0' && s[i] <= '9') {
      nanos = nanos * 10 + (s[i] - '0');
      ++i;
    }
    const size_t n = i - start;
    if (n == 0 || n > 9) return false;
    for (size_t k = n; k < 9; ++k) nanos *= 10;
  }
  if (i < s.size() && s[i] == 'Z') ++i;
  if (i != s.size()) return false;
  const int64_t per = columnar::UnitsPerSecond(unit);
  *out = (days * 86400 + hh * 3600 + mi * 60 + ss) * per + nanos / (1000000000 / per);
  return true;
}

}  // namespace s3c::formats::csv
