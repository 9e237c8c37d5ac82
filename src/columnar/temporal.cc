#include <fmt/format.h>

#include <cctype>

#include "s3c/common/civil_date.h"
#include "temporal_internal.h"

namespace s3c::columnar::internal {
namespace {

int FractionDigits(TimeUnit unit) {
  switch (unit) {
    case TimeUnit::kSecond:
      return 0;
    case TimeUnit::kMilli:
      return 3;
    case TimeUnit::kMicro:
      return 6;
    case TimeUnit::kNano:
      return 9;
  }
  return 0;
}

bool ReadDigits(std::string_view s, size_t* pos, size_t n, int64_t* out) {
  if (*pos + n > s.size()) return false;
  int64_t v = 0;
  for (size_t i = *pos; i < *pos + n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    v = v * 10 + (s[i] - '0');
  }
  *pos += n;
  *out = v;
  return true;
}

bool Expect(std::string_view s, size_t* pos, char c) {
  if (*pos < s.size() && s[*pos] == c) {
    ++*pos;
    return true;
  }
  return false;
}

int DaysInMonth(int64_t y, unsigned m) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return m == 2 && leap ? 29 : kDays[m - 1];
}

// Date at *pos: "YYYY-MM-DD" (optionally signed year of 4+ digits is not supported).
bool ReadDate(std::string_view s, size_t* pos, int64_t* days) {
  int64_t y, m, d;
  if (!ReadDigits(s, pos, 4, &y) || !Expect(s, pos, '-') || !ReadDigits(s, pos, 2, &m) ||
      !Expect(s, pos, '-') || !ReadDigits(s, pos, 2, &d)) {
    return false;
  }
  if (m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, static_cast<unsigned>(m))) return false;
  *days = DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
  return true;
}

// "HH:MM[:SS[.fraction]]" at *pos into units of `unit`.
bool ReadTime(std::string_view s, size_t* pos, TimeUnit unit, int64_t* out, bool* truncated) {
  int64_t h, mi, sec = 0;
  if (!ReadDigits(s, pos, 2, &h) || !Expect(s, pos, ':') || !ReadDigits(s, pos, 2, &mi)) {
    return false;
  }
  int64_t fraction = 0;  // in units
  if (Expect(s, pos, ':')) {
    if (!ReadDigits(s, pos, 2, &sec)) return false;
    if (Expect(s, pos, '.')) {
      int digits = FractionDigits(unit);
      int read = 0;
      size_t start = *pos;
      while (*pos < s.size() && std::isdigit(static_cast<unsigned char>(s[*pos]))) {
        int digit = s[*pos] - '0';
        if (read < digits) {
          fraction = fraction * 10 + digit;
        } else if (digit != 0) {
          *truncated = true;
        }
        ++read;
        ++*pos;
      }
      if (*pos == start) return false;
      for (; read < digits; ++read) fraction *= 10;
    }
  }
  if (h > 23 || mi > 59 || sec > 59) return false;
  *out = (h * 3600 + mi * 60 + sec) * UnitsPerSecond(unit) + fraction;
  return true;
}

std::string Fraction(int64_t units, TimeUnit unit) {
  int digits = FractionDigits(unit);
  if (digits == 0) return "";
  return fmt::format(".{:0{}}", units, digits);
}

}  // namespace

std::string FormatDate(int64_t days) {
  int64_t y;
  unsigned m, d;
  CivilFromDays(days, &y, &m, &d);
  return fmt::format("{:04}-{:02}-{:02}", y, m, d);
}

std::string FormatTimeOfDay(int64_t value, TimeUnit unit) {
  int64_t per_second = UnitsPerSecond(unit);
  int64_t secs = FloorDiv(value, per_second);
  int64_t frac = FloorMod(value, per_second);
  return fmt::format("{:02}:{:02}:{:02}{}", secs / 3600, (secs / 60) % 60, secs % 60,
                     Fraction(frac, unit));
}

std::string FormatTimestamp(int64_t value, TimeUnit unit, bool utc_suffix) {
  int64_t per_day = 86400 * UnitsPerSecond(unit);
  int64_t days = FloorDiv(value, per_day);
  return fmt::format("{}T{}{}", FormatDate(days), FormatTimeOfDay(FloorMod(value, per_day), unit),
                     utc_suffix ? "Z" : "");
}

std::optional<int64_t> ParseDate(std::string_view text) {
  size_t pos = 0;
  int64_t days;
  if (!ReadDate(text, &pos, &days) || pos != text.size()) return std::nullopt;
  return days;
}

std::optional<int64_t> ParseTimeOfDay(std::string_view text, TimeUnit unit, bool* truncated) {
  size_t pos = 0;
  int64_t v;
  if (!ReadTime(text, &pos, unit, &v, truncated) || pos != text.size()) return std::nullopt;
  return v;
}

std::optional<int64_t> ParseTimestamp(std::string_view text, TimeUnit unit, bool* truncated) {
  size_t pos = 0;
  int64_t days;
  if (!ReadDate(text, &pos, &days)) return std::nullopt;
  int64_t time = 0;
  int64_t offset_seconds = 0;
  if (pos < text.size() && (text[pos] == 'T' || text[pos] == 't' || text[pos] == ' ')) {
    ++pos;
    if (!ReadTime(text, &pos, unit, &time, truncated)) return std::nullopt;
    if (pos < text.size() && (text[pos] == 'Z' || text[pos] == 'z')) {
      ++pos;
    } else if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
      int64_t sign = text[pos++] == '-' ? -1 : 1;
      int64_t oh, om;
      if (!ReadDigits(text, &pos, 2, &oh)) return std::nullopt;
      Expect(text, &pos, ':');
      if (!ReadDigits(text, &pos, 2, &om) || oh > 23 || om > 59) return std::nullopt;
      offset_seconds = sign * (oh * 3600 + om * 60);
    }
  }
  if (pos != text.size()) return std::nullopt;
  int64_t per_second = UnitsPerSecond(unit);
  int64_t result;
  if (__builtin_mul_overflow(days, 86400 * per_second, &result) ||
      __builtin_add_overflow(result, time, &result) ||
      __builtin_sub_overflow(result, offset_seconds * per_second, &result)) {
    return std::nullopt;
  }
  return result;
}

}  // namespace s3c::columnar::internal
