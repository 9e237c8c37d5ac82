// 128-bit decimal values: a two's complement integer scaled by 10^-scale, stored little-endian
// in 16 bytes (Arrow Columnar Format, "Decimal128").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "s3c/common/status.h"

namespace s3c::columnar {

__extension__ typedef __int128 Int128;

inline constexpr int32_t kMaxDecimal128Precision = 38;

// 10^n for 0 <= n <= 38.
Int128 PowerOfTen(int32_t n);
// True when |value| < 10^precision.
bool FitsPrecision(Int128 value, int32_t precision);
std::string Int128ToString(Int128 value);
// "123.45" for (12345, 2); "-0.05" for (-5, 2); "12300" for (123, -2).
std::string FormatDecimal128(Int128 value, int32_t scale);
// Parses "-12.5", "+3", "1.25e3" and rescales to `scale`. Fails when digits would be lost or
// the result has more than `precision` digits; the message names the reason only (callers add
// the value and row).
Result<Int128> ParseDecimal128(std::string_view text, int32_t precision, int32_t scale);

}  // namespace s3c::columnar
