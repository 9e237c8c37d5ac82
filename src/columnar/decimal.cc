#include "s3c/columnar/decimal.h"

#include <algorithm>
#include <cctype>

namespace s3c::columnar {
namespace {

using UInt128 = unsigned __int128;

UInt128 Abs(Int128 v) {
  return v < 0 ? UInt128(0) - static_cast<UInt128>(v) : static_cast<UInt128>(v);
}

std::string UnsignedToString(UInt128 v) {
  if (v == 0) return "0";
  std::string s;
  while (v > 0) {
    s.push_back(static_cast<char>('0' + static_cast<int>(v % 10)));
    v /= 10;
  }
  std::reverse(s.begin(), s.end());
  return s;
}

}  // namespace

Int128 PowerOfTen(int32_t n) {
  Int128 v = 1;
  for (int32_t i = 0; i < n; ++i) v *= 10;
  return v;
}

bool FitsPrecision(Int128 value, int32_t precision) {
  if (precision >= kMaxDecimal128Precision) {
    return Abs(value) < static_cast<UInt128>(PowerOfTen(kMaxDecimal128Precision));
  }
  return Abs(value) < static_cast<UInt128>(PowerOfTen(precision));
}

std::string Int128ToString(Int128 value) {
  std::string digits = UnsignedToString(Abs(value));
  return value < 0 ? "-" + digits : digits;
}

std::string FormatDecimal128(Int128 value, int32_t scale) {
  std::string digits = UnsignedToString(Abs(value));
  std::string sign = value < 0 ? "-" : "";
  if (scale <= 0) {
    if (value != 0) digits.append(static_cast<size_t>(-scale), '0');
    return sign + digits;
  }
  auto s = static_cast<size_t>(scale);
  if (digits.size() <= s) digits.insert(0, s - digits.size() + 1, '0');
  return sign + digits.substr(0, digits.size() - s) + "." + digits.substr(digits.size() - s);
}

Result<Int128> ParseDecimal128(std::string_view text, int32_t precision, int32_t scale) {
  size_t pos = 0;
  bool negative = false;
  if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) negative = text[pos++] == '-';
  // Significant digits without leading zeros, and the power of ten they are scaled by.
  std::string digits;
  int64_t exponent = 0;
  bool any_digit = false;
  bool seen_point = false;
  for (; pos < text.size(); ++pos) {
    char c = text[pos];
    if (c == '.' && !seen_point) {
      seen_point = true;
    } else if (std::isdigit(static_cast<unsigned char>(c))) {
      any_digit = true;
      if (!(digits.empty() && c == '0')) digits.push_back(c);
      if (seen_point) --exponent;
    } else {
      break;
    }
  }
  if (!any_digit) return InvalidArgumentError("not a decimal number");
  if (pos < text.size() && (text[pos] == 'e' || text[pos] == 'E')) {
    ++pos;
    bool exp_negative = false;
    if (pos < text.size() && (text[pos] == '+' || text[pos] == '-')) {
      exp_negative = text[pos++] == '-';
    }
    size_t start = pos;
    int64_t e = 0;
    while (pos < text.size() && std::isdigit(static_cast<unsigned char>(text[pos])) && e < 10000) {
      e = e * 10 + (text[pos++] - '0');
    }
    if (pos == start) return InvalidArgumentError("not a decimal number");
    exponent += exp_negative ? -e : e;
  }
  if (pos != text.size()) return InvalidArgumentError("not a decimal number");
  // value = digits * 10^exponent; we need digits * 10^(exponent + scale) as an integer.
  int64_t shift = exponent + scale;
  while (shift < 0 && !digits.empty() && digits.back() == '0') {
    digits.pop_back();
    ++shift;
  }
  if (digits.empty()) return Int128(0);
  if (shift < 0) return InvalidArgumentError("too many fractional digits for the scale");
  if (static_cast<int64_t>(digits.size()) + shift > precision) {
    return InvalidArgumentError("too many digits for the precision");
  }
  Int128 v = 0;
  for (char c : digits) v = v * 10 + (c - '0');
  v *= PowerOfTen(static_cast<int32_t>(shift));
  return negative ? -v : v;
}

}  // namespace s3c::columnar
