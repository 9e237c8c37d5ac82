// "Did you mean" help for names a user typed: column names, pipeline keys, option words.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace s3c {

// Levenshtein distance, ASCII letters compared without case.
size_t EditDistanceIgnoringCase(std::string_view a, std::string_view b);

// The candidate closest to `name` within a small edit distance (at most a third of the name's
// length, and at least 2), the first of equally close ones; nullopt when none is that close.
std::optional<std::string> ClosestName(std::string_view name,
                                       const std::vector<std::string>& candidates);

// ` (did you mean "amount"?)` for ClosestName, or "" when no candidate is close.
std::string DidYouMean(std::string_view name, const std::vector<std::string>& candidates);

}  // namespace s3c
