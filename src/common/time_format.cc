#include "s3c/common/civil_date.h"
#include "s3c/common/time_format.h"
#include "s3c/common/strings.h"

#include <fmt/format.h>

#include <array>
#include <cctype>
#include <cstring>
#include <ctime>

namespace s3c {
namespace {

std::tm ToUtc(WallTime t) {
  std::time_t tt = std::chrono::system_clock::to_time_t(t);
  std::tm tm{};
  gmtime_r(&tt, &tm);
  return tm;
}

std::optional<WallTime> FromFields(int y, int mo, int d, int h, int mi, int s, int64_t nanos,
                                   int offset_seconds) {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 ||
      s > 60) {
    return std::nullopt;
  }
  int64_t secs = DaysFromCivil(y, static_cast<unsigned>(mo), static_cast<unsigned>(d)) * 86400 +
                 h * 3600 + mi * 60 + s - offset_seconds;
  return WallTime(std::chrono::duration_cast<WallTime::duration>(std::chrono::seconds(secs) +
                                                                 std::chrono::nanoseconds(nanos)));
}

bool Digits(std::string_view s, size_t pos, size_t n, int* out) {
  if (pos + n > s.size()) return false;
  int v = 0;
  for (size_t i = pos; i < pos + n; ++i) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
    v = v * 10 + (s[i] - '0');
  }
  *out = v;
  return true;
}

constexpr std::array<const char*, 12> kMonths = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                 "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr std::array<const char*, 7> kDays = {"Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"};

}  // namespace

std::string FormatAmzDate(WallTime t) {
  std::tm tm = ToUtc(t);
  return fmt::format("{:04}{:02}{:02}T{:02}{:02}{:02}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

std::string FormatDateStamp(WallTime t) { return FormatAmzDate(t).substr(0, 8); }

std::string FormatIso8601(WallTime t) {
  std::tm tm = ToUtc(t);
  return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z", tm.tm_year + 1900, tm.tm_mon + 1,
                     tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

std::string FormatHttpDate(WallTime t) {
  std::tm tm = ToUtc(t);
  return fmt::format("{}, {:02} {} {:04} {:02}:{:02}:{:02} GMT", kDays[tm.tm_wday], tm.tm_mday,
                     kMonths[tm.tm_mon], tm.tm_year + 1900, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

std::optional<WallTime> ParseIso8601(std::string_view s) {
  int y, mo, d, h, mi, sec;
  if (!Digits(s, 0, 4, &y) || s.size() < 19 || s[4] != '-' || !Digits(s, 5, 2, &mo) ||
      s[7] != '-' || !Digits(s, 8, 2, &d) || (s[10] != 'T' && s[10] != ' ') ||
      !Digits(s, 11, 2, &h) || s[13] != ':' || !Digits(s, 14, 2, &mi) || s[16] != ':' ||
      !Digits(s, 17, 2, &sec)) {
    return std::nullopt;
  }
  size_t pos = 19;
  int64_t nanos = 0;
  if (pos < s.size() && s[pos] == '.') {
    ++pos;
    int64_t scale = 100'000'000;
    size_t start = pos;
    while (pos < s.size() && std::isdigit(static_cast<unsigned char>(s[pos]))) {
      nanos += (s[pos] - '0') * scale;
      scale /= 10;
      ++pos;
    }
    if (pos == start) return std::nullopt;
  }
  int offset = 0;
  if (pos < s.size() && (s[pos] == 'Z' || s[pos] == 'z')) {
    ++pos;
  } else if (pos < s.size() && (s[pos] == '+' || s[pos] == '-')) {
    int oh, om;
    if (!Digits(s, pos + 1, 2, &oh) || pos + 3 >= s.size() || s[pos + 3] != ':' ||
        !Digits(s, pos + 4, 2, &om)) {
      return std::nullopt;
    }
    offset = (oh * 3600 + om * 60) * (s[pos] == '-' ? -1 : 1);
    pos += 6;
  }
  if (pos != s.size()) return std::nullopt;
  return FromFields(y, mo, d, h, mi, sec, nanos, offset);
}

std::optional<WallTime> ParseHttpDate(std::string_view s) {
  // "Sun, 30 Aug 2015 12:36:00 GMT"
  if (s.size() != 29 || s[3] != ',' || s.substr(26) != "GMT") return std::nullopt;
  int d, y, h, mi, sec;
  if (!Digits(s, 5, 2, &d) || !Digits(s, 12, 4, &y) || !Digits(s, 17, 2, &h) ||
      !Digits(s, 20, 2, &mi) || !Digits(s, 23, 2, &sec)) {
    return std::nullopt;
  }
  std::string_view mon = s.substr(8, 3);
  int mo = 0;
  for (int i = 0; i < 12; ++i) {
    if (mon == kMonths[static_cast<size_t>(i)]) mo = i + 1;
  }
  if (mo == 0) return std::nullopt;
  return FromFields(y, mo, d, h, mi, sec, 0, 0);
}

std::optional<WallTime> ParseAmzDate(std::string_view s) {
  int y, mo, d, h, mi, sec;
  if (s.size() != 16 || !Digits(s, 0, 4, &y) || !Digits(s, 4, 2, &mo) || !Digits(s, 6, 2, &d) ||
      s[8] != 'T' || !Digits(s, 9, 2, &h) || !Digits(s, 11, 2, &mi) || !Digits(s, 13, 2, &sec) ||
      s[15] != 'Z') {
    return std::nullopt;
  }
  return FromFields(y, mo, d, h, mi, sec, 0, 0);
}

std::optional<std::chrono::seconds> ParseAge(std::string_view s) {
  s = Trim(s);
  if (s.size() < 2) return std::nullopt;
  const char unit = s.back();
  int64_t per = unit == 's' ? 1 : unit == 'm' ? 60 : unit == 'h' ? 3600 : unit == 'd' ? 86400 : 0;
  std::optional<int64_t> n = per > 0 ? ParseInt64(s.substr(0, s.size() - 1)) : std::nullopt;
  if (!n || *n < 0 || *n > INT64_MAX / per) return std::nullopt;
  return std::chrono::seconds(*n * per);
}

}  // namespace s3c
