// Deterministic input mutations for the fuzz smoke tests, the suite's short stand-in for a
// libFuzzer run (docs/architecture.md section 5): each call overwrites, flips, truncates, inserts,
// erases or duplicates a little of `s`, drawing new bytes from `alphabet` (the tokens that
// matter to the format under test; empty = any byte).
#pragma once

#include <random>
#include <string>
#include <string_view>

namespace testing {

inline std::string MutateInput(std::string s, std::mt19937& rng, std::string_view alphabet = {}) {
  auto byte = [&]() -> char {
    return alphabet.empty() ? static_cast<char>(rng()) : alphabet[rng() % alphabet.size()];
  };
  if (s.empty()) return std::string(1, byte());
  switch (rng() % 6) {
    case 0:  // overwrite a few bytes
      for (int i = 0; i < 1 + static_cast<int>(rng() % 3); ++i) s[rng() % s.size()] = byte();
      return s;
    case 1:  // flip one bit
      s[rng() % s.size()] ^= static_cast<char>(1 << (rng() % 8));
      return s;
    case 2:  // truncate
      return s.substr(0, rng() % s.size());
    case 3:  // insert a byte
      return s.insert(rng() % s.size(), 1, byte());
    case 4:  // erase a short range
      return s.erase(rng() % s.size(), 1 + rng() % 8);
    default:  // duplicate a slice at the end
      if (s.size() > 4) s += s.substr(rng() % (s.size() / 2), s.size() / 3);
      return s;
  }
}

}  // namespace testing
