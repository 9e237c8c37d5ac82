// Civil-calendar arithmetic and the ISO 8601 text of dates, times and timestamps, shared by
// casts and pretty printing. Proleptic Gregorian calendar, UTC, no leap seconds.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "s3c/common/civil_date.h"
#include "s3c/columnar/data_type.h"

namespace s3c::columnar::internal {

// Floor division and modulo (the remainder has the sign of the divisor).
inline int64_t FloorDiv(int64_t a, int64_t b) {
  return a / b - ((a % b != 0) && ((a < 0) != (b < 0)));
}
inline int64_t FloorMod(int64_t a, int64_t b) { return a - FloorDiv(a, b) * b; }

// "2024-02-29".
std::string FormatDate(int64_t days);
// "13:45:07", "13:45:07.250" (fraction digits follow the unit).
std::string FormatTimeOfDay(int64_t value, TimeUnit unit);
// "2024-02-29T13:45:07.250000" plus "Z" when utc_suffix.
std::string FormatTimestamp(int64_t value, TimeUnit unit, bool utc_suffix);

// "YYYY-MM-DD".
std::optional<int64_t> ParseDate(std::string_view text);
// "HH:MM[:SS[.fraction]]" into `unit`; *truncated is set when digits finer than the unit were
// dropped.
std::optional<int64_t> ParseTimeOfDay(std::string_view text, TimeUnit unit, bool* truncated);
// "YYYY-MM-DD[(T| )HH:MM[:SS[.fraction]]][Z|(+|-)HH[:]MM]" into `unit` since the epoch (UTC);
// nullopt on garbage or overflow; *truncated as above.
std::optional<int64_t> ParseTimestamp(std::string_view text, TimeUnit unit, bool* truncated);

}  // namespace s3c::columnar::internal
