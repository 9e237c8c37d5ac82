// Wall-time formatting and parsing for the formats S3 and AWS use.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "s3c/common/clock.h"

namespace s3c {

std::string FormatAmzDate(WallTime t);     // 20150830T123600Z (SigV4 x-amz-date)
std::string FormatDateStamp(WallTime t);   // 20150830 (SigV4 credential scope)
std::string FormatIso8601(WallTime t);     // 2015-08-30T12:36:00Z (seconds precision)
std::string FormatHttpDate(WallTime t);    // Sun, 30 Aug 2015 12:36:00 GMT (RFC 7231)

// "2015-08-30T12:36:00Z", "2015-08-30T12:36:00.000Z", "+hh:mm" offsets; nullopt on garbage.
std::optional<WallTime> ParseIso8601(std::string_view s);
// RFC 7231 IMF-fixdate ("Sun, 30 Aug 2015 12:36:00 GMT"); nullopt on garbage.
std::optional<WallTime> ParseHttpDate(std::string_view s);
// "20150830T123600Z"; nullopt on garbage.
std::optional<WallTime> ParseAmzDate(std::string_view s);
// A length of time: a whole number and one of s, m, h, d ("5s", "90m", "36h", "7d"); nullopt
// on anything else.
std::optional<std::chrono::seconds> ParseAge(std::string_view s);

}  // namespace s3c
