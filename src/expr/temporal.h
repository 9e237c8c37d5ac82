// Date and timestamp helpers of the filter language: days and microseconds since 1970-01-01
// (UTC, proleptic Gregorian), after DuckDB's text forms and calendar rules.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "expr/bound.h"

namespace s3c::expr {

constexpr int64_t kMicrosPerDay = 86'400'000'000;

// a / b rounded toward negative infinity (b > 0).
int64_t FloorDiv(int64_t a, int64_t b);
// A timestamp count in a unit of `units_per_second` as microseconds (sub-microsecond parts
// rounded toward negative infinity), for columns and statistics alike.
int64_t MicrosOfCount(int64_t count, int64_t units_per_second);

// Floor division: the day of a timestamp, also before 1970.
int64_t DayOfMicros(int64_t micros);

// Adds months (the day clamped to the month's end: Jan 31 + 1 month = Feb 28/29), then days,
// then microseconds.
int64_t AddInterval(int64_t micros, const Interval& interval);

// date_part / extract: year, quarter, month, ISO week, day, hour, minute, second (whole),
// dow (Sunday = 0), doy.
int64_t ExtractPart(int64_t micros, DatePart part);
// date_trunc: the start of the year, quarter, month, ISO week (Monday), day, hour, minute,
// second that holds `micros`; dow and doy truncate to the day.
int64_t TruncateTo(int64_t micros, DatePart part);

// "YYYY-MM-DD" and "YYYY-MM-DD HH:MM:SS[.ffffff without trailing zeros]" (DuckDB's casts).
std::string FormatDate(int64_t days);
std::string FormatTimestamp(int64_t micros);

// "YYYY-MM-DD" (surrounding spaces allowed). nullopt on anything else or an invalid date.
std::optional<int64_t> ParseDate(std::string_view text);
// "YYYY-MM-DD[( |T)HH:MM[:SS[.f{1,6}]]][Z]": microseconds; nullopt on garbage.
std::optional<int64_t> ParseTimestamp(std::string_view text);

}  // namespace s3c::expr
