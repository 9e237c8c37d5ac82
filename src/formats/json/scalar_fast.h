// Shortcuts for the common shapes of JSON scalars on the fast path (flat_record.h). Each returns
// exactly what the general parser named beside it returns, or nullopt when the text is not of
// the short shape it handles: the caller then asks the general parser.
#pragma once

#include <cstdint>
#include <optional>
#include <string_view>

#include "s3c/columnar/data_type.h"

namespace s3c::formats::json_internal {

// A JSON number (as ScanNumber accepted it) with at most 19 significant digits that fit 2^53
// and a decimal exponent within +-22: one exactly rounded IEEE operation (Clinger's fast path),
// so the same double as ParseFloat64Text.
std::optional<double> FastJsonDouble(std::string_view json_number);

// "YYYY-MM-DD": as ParseDate32Text.
std::optional<int32_t> FastIsoDate(std::string_view s);

// "YYYY-MM-DD", or "YYYY-MM-DD?HH:MM:SS" with ? one of 'T', 't', ' ' and an optional '.' or ','
// fraction of 1 to 9 digits (no zone): as ParseTimestampText(s, unit).value.
std::optional<int64_t> FastIsoTimestamp(std::string_view s, columnar::TimeUnit unit);

}  // namespace s3c::formats::json_internal
