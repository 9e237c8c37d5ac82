#include "expr/temporal.h"

#include <fmt/format.h>

#include "s3c/common/civil_date.h"

namespace s3c::expr {
namespace {

bool IsLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

unsigned DaysInMonth(int64_t y, unsigned m) {
  static constexpr unsigned kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
  while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
  return s;
}

// Reads exactly `digits` digits (or 1..digits when `at_most`) at *pos.
bool ReadNumber(std::string_view s, size_t* pos, int digits, int64_t* out, bool at_most = false) {
  int64_t value = 0;
  int count = 0;
  while (*pos < s.size() && count < digits && s[*pos] >= '0' && s[*pos] <= '9') {
    value = value * 10 + (s[*pos] - '0');
    ++*pos;
    ++count;
  }
  *out = value;
  return at_most ? count > 0 : count == digits;
}

std::optional<int64_t> ParseDatePrefix(std::string_view s, size_t* pos) {
  int64_t y, m, d;
  if (!ReadNumber(s, pos, 4, &y) || *pos >= s.size() || s[(*pos)++] != '-' ||
      !ReadNumber(s, pos, 2, &m, true) || *pos >= s.size() || s[(*pos)++] != '-' ||
      !ReadNumber(s, pos, 2, &d, true)) {
    return std::nullopt;
  }
  if (m < 1 || m > 12 || d < 1 || d > DaysInMonth(y, static_cast<unsigned>(m))) {
    return std::nullopt;
  }
  return DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

}  // namespace

int64_t FloorDiv(int64_t a, int64_t b) {
  int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

int64_t MicrosOfCount(int64_t count, int64_t units_per_second) {
  return units_per_second >= 1'000'000 ? FloorDiv(count, units_per_second / 1'000'000)
                                       : count * (1'000'000 / units_per_second);
}

int64_t DayOfMicros(int64_t micros) { return FloorDiv(micros, kMicrosPerDay); }

int64_t AddInterval(int64_t micros, const Interval& interval) {
  int64_t day = DayOfMicros(micros);
  int64_t time = micros - day * kMicrosPerDay;
  if (interval.months != 0) {
    int64_t y;
    unsigned m, d;
    CivilFromDays(day, &y, &m, &d);
    int64_t month_index = y * 12 + (m - 1) + interval.months;
    y = FloorDiv(month_index, 12);
    m = static_cast<unsigned>(month_index - y * 12 + 1);
    d = std::min(d, DaysInMonth(y, m));
    day = DaysFromCivil(y, m, d);
  }
  day += interval.days;
  return day * kMicrosPerDay + time + interval.micros;
}

int64_t ExtractPart(int64_t micros, DatePart part) {
  int64_t day = DayOfMicros(micros);
  int64_t time = micros - day * kMicrosPerDay;
  int64_t y;
  unsigned m, d;
  CivilFromDays(day, &y, &m, &d);
  switch (part) {
    case DatePart::kYear:
      return y;
    case DatePart::kQuarter:
      return (m - 1) / 3 + 1;
    case DatePart::kMonth:
      return m;
    case DatePart::kDay:
      return d;
    case DatePart::kHour:
      return time / 3'600'000'000;
    case DatePart::kMinute:
      return time / 60'000'000 % 60;
    case DatePart::kSecond:
      return time / 1'000'000 % 60;
    case DatePart::kDayOfWeek:
      return ((day + 4) % 7 + 7) % 7;  // 1970-01-01 was a Thursday (4)
    case DatePart::kDayOfYear:
      return day - DaysFromCivil(y, 1, 1) + 1;
    case DatePart::kWeek: {
      // ISO 8601 week: the week (Monday first) holding the year's first Thursday is week 1.
      int64_t thursday = day - ((day + 3) % 7 + 7) % 7 + 3;
      int64_t ty;
      unsigned tm, td;
      CivilFromDays(thursday, &ty, &tm, &td);
      return (thursday - DaysFromCivil(ty, 1, 1)) / 7 + 1;
    }
  }
  return 0;
}

int64_t TruncateTo(int64_t micros, DatePart part) {
  int64_t day = DayOfMicros(micros);
  int64_t y;
  unsigned m, d;
  CivilFromDays(day, &y, &m, &d);
  switch (part) {
    case DatePart::kYear:
      return DaysFromCivil(y, 1, 1) * kMicrosPerDay;
    case DatePart::kQuarter:
      return DaysFromCivil(y, (m - 1) / 3 * 3 + 1, 1) * kMicrosPerDay;
    case DatePart::kMonth:
      return DaysFromCivil(y, m, 1) * kMicrosPerDay;
    case DatePart::kWeek:
      return (day - ((day + 3) % 7 + 7) % 7) * kMicrosPerDay;
    case DatePart::kHour:
      return FloorDiv(micros, 3'600'000'000) * 3'600'000'000;
    case DatePart::kMinute:
      return FloorDiv(micros, 60'000'000) * 60'000'000;
    case DatePart::kSecond:
      return FloorDiv(micros, 1'000'000) * 1'000'000;
    default:
      return day * kMicrosPerDay;
  }
}

std::string FormatDate(int64_t days) {
  int64_t y;
  unsigned m, d;
  CivilFromDays(days, &y, &m, &d);
  return fmt::format("{:04}-{:02}-{:02}", y, m, d);
}

std::string FormatTimestamp(int64_t micros) {
  int64_t day = DayOfMicros(micros);
  int64_t time = micros - day * kMicrosPerDay;
  std::string out = fmt::format("{} {:02}:{:02}:{:02}", FormatDate(day), time / 3'600'000'000,
                                time / 60'000'000 % 60, time / 1'000'000 % 60);
  int64_t fraction = time % 1'000'000;
  if (fraction != 0) {
    std::string digits = fmt::format("{:06}", fraction);
    while (digits.back() == '0') digits.pop_back();
    out += "." + digits;
  }
  return out;
}

std::optional<int64_t> ParseDate(std::string_view text) {
  std::string_view s = Trim(text);
  size_t pos = 0;
  std::optional<int64_t> day = ParseDatePrefix(s, &pos);
  if (!day || pos != s.size()) return std::nullopt;
  return day;
}

std::optional<int64_t> ParseTimestamp(std::string_view text) {
  std::string_view s = Trim(text);
  size_t pos = 0;
  std::optional<int64_t> day = ParseDatePrefix(s, &pos);
  if (!day) return std::nullopt;
  int64_t micros = *day * kMicrosPerDay;
  if (pos == s.size()) return micros;
  if (s[pos] != ' ' && s[pos] != 'T') return std::nullopt;
  ++pos;
  int64_t h, mi, sec = 0, fraction = 0;
  if (!ReadNumber(s, &pos, 2, &h) || pos >= s.size() || s[pos++] != ':' ||
      !ReadNumber(s, &pos, 2, &mi)) {
    return std::nullopt;
  }
  if (pos < s.size() && s[pos] == ':') {
    ++pos;
    if (!ReadNumber(s, &pos, 2, &sec)) return std::nullopt;
    if (pos < s.size() && s[pos] == '.') {
      ++pos;
      size_t start = pos;
      if (!ReadNumber(s, &pos, 6, &fraction, true)) return std::nullopt;
      for (size_t k = pos - start; k < 6; ++k) fraction *= 10;
      while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9') ++pos;  // beyond microseconds
    }
  }
  if (pos < s.size() && s[pos] == 'Z') ++pos;
  if (pos != s.size() || h > 23 || mi > 59 || sec > 59) return std::nullopt;
  return micros + ((h * 60 + mi) * 60 + sec) * 1'000'000 + fraction;
}

}  // namespace s3c::expr
