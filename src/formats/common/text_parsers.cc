// Exact cell parsers for inference and conversion (inference.h). ISO 8601 follows the
// RFC 3339 profile (section 5.6) plus a ' ' date/time separator and bare dates.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstring>

#include "s3c/common/civil_date.h"
#include "s3c/formats/inference.h"

namespace s3c::formats {
namespace {

using columnar::Int128;
using columnar::TimeUnit;

bool InList(std::string_view s, const std::vector<std::string>& list) {
  for (const auto& v : list) {
    if (s == v) return true;
  }
  return false;
}

bool IsLeap(int64_t y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

int DaysInMonth(int64_t y, int m) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return m == 2 && IsLeap(y) ? 29 : kDays[m - 1];
}

// Broken-down time produced by the ISO and format matchers.
struct Fields {
  int64_t year = 1970;
  int month = 1, day = 1, hour = 0, minute = 0, second = 0;
  int64_t nanos = 0;
  bool has_time = false;
  bool has_zone = false;
  int zone_minutes = 0;
};

// Reads exactly n digits at s[*i].
bool Digits(std::string_view s, size_t* i, size_t n, int64_t* out) {
  if (*i + n > s.size()) return false;
  int64_t v = 0;
  for (size_t k = 0; k < n; ++k) {
    char c = s[*i + k];
    if (c < '0' || c > '9') return false;
    v = v * 10 + (c - '0');
  }
  *i += n;
  *out = v;
  return true;
}

bool Fraction(std::string_view s, size_t* i, int64_t* nanos) {
  size_t start = *i;
  int64_t v = 0;
  size_t n = 0;
  while (*i < s.size() && s[*i] >= '0' && s[*i] <= '9') {
    if (n < 9) v = v * 10 + (s[*i] - '0');
    ++n;
    ++*i;
  }
  if (*i == start || n > 9) return false;
  for (size_t k = n; k < 9; ++k) v *= 10;
  *nanos = v;
  return true;
}

// Z, +hh:mm, +hhmm or +hh.
bool Zone(std::string_view s, size_t* i, Fields* f) {
  if (*i >= s.size()) return false;
  char c = s[*i];
  if (c == 'Z' || c == 'z') {
    ++*i;
    f->has_zone = true;
    return true;
  }
  if (c != '+' && c != '-') return false;
  ++*i;
  int64_t hh = 0, mm = 0;
  if (!Digits(s, i, 2, &hh)) return false;
  if (*i < s.size() && s[*i] == ':') ++*i;
  if (*i < s.size() && !Digits(s, i, 2, &mm)) return false;
  if (hh > 23 || mm > 59) return false;
  f->has_zone = true;
  f->zone_minutes = static_cast<int>((c == '-' ? -1 : 1) * (hh * 60 + mm));
  return true;
}

bool Valid(const Fields& f) {
  return f.month >= 1 && f.month <= 12 && f.day >= 1 && f.day <= DaysInMonth(f.year, f.month) &&
         f.hour <= 23 && f.minute <= 59 && f.second <= 60;
}

bool ParseIsoDate(std::string_view s, size_t* i, Fields* f) {
  int64_t y = 0, m = 0, d = 0;
  if (!Digits(s, i, 4, &y) || *i >= s.size() || s[*i] != '-') return false;
  ++*i;
  if (!Digits(s, i, 2, &m) || *i >= s.size() || s[*i] != '-') return false;
  ++*i;
  if (!Digits(s, i, 2, &d)) return false;
  f->year = y;
  f->month = static_cast<int>(m);
  f->day = static_cast<int>(d);
  return true;
}

bool ParseIso(std::string_view s, Fields* f) {
  size_t i = 0;
  if (!ParseIsoDate(s, &i, f)) return false;
  if (i == s.size()) return Valid(*f);
  if (s[i] != 'T' && s[i] != 't' && s[i] != ' ') return false;
  ++i;
  int64_t hh = 0, mi = 0, ss = 0;
  if (!Digits(s, &i, 2, &hh) || i >= s.size() || s[i] != ':') return false;
  ++i;
  if (!Digits(s, &i, 2, &mi)) return false;
  if (i < s.size() && s[i] == ':') {
    ++i;
    if (!Digits(s, &i, 2, &ss)) return false;
    if (i < s.size() && (s[i] == '.' || s[i] == ',')) {
      ++i;
      if (!Fraction(s, &i, &f->nanos)) return false;
    }
  }
  f->has_time = true;
  f->hour = static_cast<int>(hh);
  f->minute = static_cast<int>(mi);
  f->second = static_cast<int>(ss);
  if (i < s.size() && !Zone(s, &i, f)) return false;
  return i == s.size() && Valid(*f);
}

// strptime-like matcher (inference.h: extra formats).
bool ParseWithFormat(std::string_view s, std::string_view fmt, Fields* f) {
  size_t i = 0;
  for (size_t k = 0; k < fmt.size(); ++k) {
    if (fmt[k] != '%' || k + 1 == fmt.size()) {
      if (i >= s.size() || s[i] != fmt[k]) return false;
      ++i;
      continue;
    }
    char spec = fmt[++k];
    int64_t v = 0;
    switch (spec) {
      case 'Y':
        if (!Digits(s, &i, 4, &v)) return false;
        f->year = v;
        break;
      case 'm':
      case 'd':
      case 'H':
      case 'M':
      case 'S': {
        // One or two digits, so "1/2/2024" matches "%d/%m/%Y".
        if (!Digits(s, &i, 1, &v)) return false;
        int64_t v2 = 0;
        size_t j = i;
        if (Digits(s, &j, 1, &v2)) {
          v = v * 10 + v2;
          i = j;
        }
        int iv = static_cast<int>(v);
        if (spec == 'm') f->month = iv;
        if (spec == 'd') f->day = iv;
        if (spec == 'H') f->hour = iv, f->has_time = true;
        if (spec == 'M') f->minute = iv;
        if (spec == 'S') f->second = iv;
        break;
      }
      case 'f':
        if (!Fraction(s, &i, &f->nanos)) return false;
        break;
      case 'z':
        if (!Zone(s, &i, f)) return false;
        break;
      case '%':
        if (i >= s.size() || s[i] != '%') return false;
        ++i;
        break;
      default:
        return false;
    }
  }
  return i == s.size() && Valid(*f);
}

int64_t ToUnit(const Fields& f, TimeUnit unit) {
  int64_t days =
      DaysFromCivil(f.year, static_cast<unsigned>(f.month), static_cast<unsigned>(f.day));
  int64_t secs = days * 86400 + f.hour * 3600 + f.minute * 60 + f.second -
                 static_cast<int64_t>(f.zone_minutes) * 60;
  int64_t per = columnar::UnitsPerSecond(unit);
  return secs * per + f.nanos / (1000000000 / per);
}

}  // namespace

bool IsNullText(std::string_view s, const InferenceOptions& opts) {
  return InList(s, opts.null_strings);
}

std::optional<bool> ParseBoolText(std::string_view s, const InferenceOptions& opts) {
  if (InList(s, opts.true_strings)) return true;
  if (InList(s, opts.false_strings)) return false;
  return std::nullopt;
}

std::optional<int64_t> ParseInt64Text(std::string_view s) {
  if (s.empty()) return std::nullopt;
  const char* b = s.data();
  const char* e = b + s.size();
  if (*b == '+') {
    ++b;
    if (b == e || *b == '-') return std::nullopt;
  }
  if (b == e || *b == '+' || (*b == '-' && b + 1 == e)) return std::nullopt;
  int64_t v = 0;
  auto r = std::from_chars(b, e, v);
  if (r.ec != std::errc() || r.ptr != e) return std::nullopt;
  return v;
}

std::optional<double> ParseFloat64Text(std::string_view s) {
  if (s.empty()) return std::nullopt;
  const char* b = s.data();
  const char* e = b + s.size();
  if (*b == '+') {
    ++b;
    if (b == e || *b == '-') return std::nullopt;
  }
  if (b == e || *b == '+') return std::nullopt;
  double v = 0;
  auto r = std::from_chars(b, e, v);
  if (r.ec != std::errc() || r.ptr != e) return std::nullopt;
  // from_chars accepts "infinity"/"nan(...)": keep only the common spellings.
  if (!std::isfinite(v)) {
    std::string lower(b, e);
    std::transform(lower.begin(), lower.end(), lower.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (lower != "inf" && lower != "-inf" && lower != "nan" && lower != "-nan" &&
        lower != "infinity" && lower != "-infinity") {
      return std::nullopt;
    }
  }
  return v;
}

std::optional<int32_t> ParseDate32Text(std::string_view s,
                                       const std::vector<std::string>& extra_formats) {
  Fields f;
  size_t i = 0;
  bool ok = ParseIsoDate(s, &i, &f) && i == s.size() && Valid(f);
  for (size_t k = 0; !ok && k < extra_formats.size(); ++k) {
    f = Fields();
    ok = ParseWithFormat(s, extra_formats[k], &f) && !f.has_time && !f.has_zone;
  }
  if (!ok) return std::nullopt;
  return static_cast<int32_t>(
      DaysFromCivil(f.year, static_cast<unsigned>(f.month), static_cast<unsigned>(f.day)));
}

std::optional<ParsedTimestamp> ParseTimestampText(std::string_view s, TimeUnit unit,
                                                  const std::vector<std::string>& extra_formats) {
  Fields f;
  bool ok = ParseIso(s, &f);
  for (size_t k = 0; !ok && k < extra_formats.size(); ++k) {
    f = Fields();
    ok = ParseWithFormat(s, extra_formats[k], &f);
  }
  if (!ok) return std::nullopt;
  return ParsedTimestamp{ToUnit(f, unit), f.has_zone};
}

std::optional<ParsedDecimal> ParseDecimalText(std::string_view s) {
  size_t i = 0;
  bool neg = false;
  if (i < s.size() && (s[i] == '+' || s[i] == '-')) neg = s[i++] == '-';
  Int128 v = 0;
  int32_t digits = 0, scale = 0;
  bool seen_point = false, any = false, nonzero = false;
  for (; i < s.size(); ++i) {
    char c = s[i];
    if (c == '.' && !seen_point) {
      seen_point = true;
      continue;
    }
    if (c < '0' || c > '9') return std::nullopt;
    any = true;
    if (seen_point) ++scale;
    if (c != '0') nonzero = true;
    if (!nonzero && !seen_point) continue;  // leading zeros are not significant
    if (++digits > columnar::kMaxDecimal128Precision) return std::nullopt;
    v = v * 10 + (c - '0');
  }
  if (!any) return std::nullopt;
  int32_t precision = std::max<int32_t>({digits, scale, 1});
  return ParsedDecimal{neg ? -v : v, precision, scale};
}

}  // namespace s3c::formats
