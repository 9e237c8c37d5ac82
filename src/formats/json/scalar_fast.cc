#include "s3c/common/civil_date.h"
#include "formats/json/scalar_fast.h"

namespace s3c::formats::json_internal {
namespace {

constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                             1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

inline bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// n digits at s[i]; false when one is not a digit.
bool Digits(std::string_view s, size_t i, size_t n, int64_t* out) {
  int64_t v = 0;
  for (size_t k = i; k < i + n; ++k) {
    if (!IsDigit(s[k])) return false;
    v = v * 10 + (s[k] - '0');
  }
  *out = v;
  return true;
}

// s[0, 10) as "YYYY-MM-DD" of a real date: its day number.
std::optional<int64_t> Date(std::string_view s) {
  int64_t y, m, d;
  if (s[4] != '-' || s[7] != '-' || !Digits(s, 0, 4, &y) || !Digits(s, 5, 2, &m) ||
      !Digits(s, 8, 2, &d)) {
    return std::nullopt;
  }
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (m < 1 || m > 12 || d < 1) return std::nullopt;
  if (d > kDays[m - 1]) {
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    if (m != 2 || d > 29 || !leap) return std::nullopt;
  }
  return DaysFromCivil(y, static_cast<unsigned>(m), static_cast<unsigned>(d));
}

}  // namespace

std::optional<double> FastJsonDouble(std::string_view s) {
  size_t i = 0;
  const size_t n = s.size();
  bool neg = s[0] == '-';
  if (neg) ++i;
  uint64_t w = 0;
  int digits = 0;
  int exp10 = 0;
  for (; i < n && IsDigit(s[i]); ++i, ++digits) w = w * 10 + static_cast<uint64_t>(s[i] - '0');
  if (i < n && s[i] == '.') {
    for (++i; i < n && IsDigit(s[i]); ++i, ++digits, --exp10) {
      w = w * 10 + static_cast<uint64_t>(s[i] - '0');
    }
  }
  if (digits > 19) return std::nullopt;  // w may have wrapped
  if (i < n) {                           // exponent
    bool eneg = false;
    if (++i < n && (s[i] == '+' || s[i] == '-')) eneg = s[i++] == '-';
    if (n - i > 4) return std::nullopt;
    int e = 0;
    for (; i < n; ++i) e = e * 10 + (s[i] - '0');
    exp10 += eneg ? -e : e;
  }
  if (w > (uint64_t{1} << 53) || exp10 < -22 || exp10 > 22) return std::nullopt;
  double v = static_cast<double>(w);
  v = exp10 < 0 ? v / kPow10[-exp10] : v * kPow10[exp10];
  return neg ? -v : v;
}

std::optional<int32_t> FastIsoDate(std::string_view s) {
  if (s.size() != 10) return std::nullopt;
  std::optional<int64_t> days = Date(s);
  if (!days) return std::nullopt;
  return static_cast<int32_t>(*days);
}

std::optional<int64_t> FastIsoTimestamp(std::string_view s, columnar::TimeUnit unit) {
  if (s.size() != 10 && s.size() < 19) return std::nullopt;
  std::optional<int64_t> days = Date(s);
  if (!days) return std::nullopt;
  const int64_t per_second = columnar::UnitsPerSecond(unit);
  if (s.size() == 10) return *days * 86400 * per_second;
  int64_t hh, mi, ss;
  if ((s[10] != 'T' && s[10] != 't' && s[10] != ' ') || s[13] != ':' || s[16] != ':' ||
      !Digits(s, 11, 2, &hh) || !Digits(s, 14, 2, &mi) || !Digits(s, 17, 2, &ss) || hh > 23 ||
      mi > 59 || ss > 60) {
    return std::nullopt;
  }
  int64_t nanos = 0;
  if (s.size() > 19) {
    size_t frac = s.size() - 20;
    if ((s[19] != '.' && s[19] != ',') || frac < 1 || frac > 9 || !Digits(s, 20, frac, &nanos)) {
      return std::nullopt;
    }
    for (size_t k = frac; k < 9; ++k) nanos *= 10;
  }
  int64_t secs = *days * 86400 + hh * 3600 + mi * 60 + ss;
  return secs * per_second + nanos / (1000000000 / per_second);
}

}  // namespace s3c::formats::json_internal
