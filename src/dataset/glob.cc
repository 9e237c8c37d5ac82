// Glob matching and listing prefixes (discovery.h).
#include <string>

#include <fmt/format.h>

#include <algorithm>

#include "s3c/dataset/discovery.h"

namespace s3c::dataset {
namespace {

// Matches a [...] set at pattern[p] (p at '[') against c; *end receives the index after ']'.
// A '[' without a closing ']' is a literal '['.
bool MatchSet(std::string_view pattern, size_t p, char c, size_t* end, bool* valid) {
  size_t i = p + 1;
  bool negate = i < pattern.size() && (pattern[i] == '!' || pattern[i] == '^');
  if (negate) ++i;
  bool matched = false;
  bool first = true;
  while (i < pattern.size() && (pattern[i] != ']' || first)) {
    first = false;
    char lo = pattern[i];
    if (i + 2 < pattern.size() && pattern[i + 1] == '-' && pattern[i + 2] != ']') {
      char hi = pattern[i + 2];
      if (lo <= c && c <= hi) matched = true;
      i += 3;
    } else {
      if (lo == c) matched = true;
      ++i;
    }
  }
  *valid = i < pattern.size();
  *end = i + 1;
  return c != '/' && (matched != negate);
}

// Expands the first {a,b} group; returns false when the pattern has none.
bool ExpandBraces(std::string_view pattern, std::vector<std::string>* out) {
  size_t open = pattern.find('{');
  if (open == std::string_view::npos) return false;
  int depth = 0;
  size_t close = open;
  std::vector<size_t> commas;
  for (size_t i = open; i < pattern.size(); ++i) {
    if (pattern[i] == '{') ++depth;
    if (pattern[i] == '}' && --depth == 0) {
      close = i;
      break;
    }
    if (pattern[i] == ',' && depth == 1) commas.push_back(i);
  }
  if (close == open) return false;  // unbalanced: literal
  size_t start = open + 1;
  commas.push_back(close);
  for (size_t comma : commas) {
    out->push_back(std::string(pattern.substr(0, open)) +
                   std::string(pattern.substr(start, comma - start)) +
                   std::string(pattern.substr(close + 1)));
    start = comma + 1;
  }
  return true;
}

// Recursive matcher: keys and patterns are short, so backtracking cost is no concern.
bool MatchSimple(std::string_view pattern, std::string_view key) {
  if (pattern.empty()) return key.empty();
  char pc = pattern[0];
  if (pc == '*') {
    bool crosses = pattern.size() > 1 && pattern[1] == '*';
    std::string_view rest = pattern.substr(crosses ? 2 : 1);
    // "**/" also matches zero folders.
    if (crosses && !rest.empty() && rest[0] == '/' && MatchSimple(rest.substr(1), key)) {
      return true;
    }
    for (size_t i = 0; i <= key.size(); ++i) {
      if (MatchSimple(rest, key.substr(i))) return true;
      if (i < key.size() && !crosses && key[i] == '/') break;
    }
    return false;
  }
  if (key.empty()) return false;
  if (pc == '?') return key[0] != '/' && MatchSimple(pattern.substr(1), key.substr(1));
  if (pc == '[') {
    size_t end = 0;
    bool valid = false;
    bool ok = MatchSet(pattern, 0, key[0], &end, &valid);
    if (valid) return ok && MatchSimple(pattern.substr(end), key.substr(1));
  }
  return pc == key[0] && MatchSimple(pattern.substr(1), key.substr(1));
}

}  // namespace

bool HasGlobChars(std::string_view pattern) {
  return pattern.find_first_of("*?[{") != std::string_view::npos;
}

bool GlobMatch(std::string_view pattern, std::string_view key) {
  std::vector<std::string> expanded;
  if (ExpandBraces(pattern, &expanded)) {
    for (const std::string& alternative : expanded) {
      if (GlobMatch(alternative, key)) return true;
    }
    return false;
  }
  return MatchSimple(pattern, key);
}

Result<std::vector<std::string>> ExpandGlobBraces(std::string_view pattern, size_t max) {
  std::vector<std::string> done, todo{std::string(pattern)};
  while (!todo.empty()) {
    std::string p = std::move(todo.back());
    todo.pop_back();
    std::vector<std::string> expanded;
    if (!ExpandBraces(p, &expanded)) {
      done.push_back(std::move(p));
    } else {
      for (auto& e : expanded) todo.push_back(std::move(e));
    }
    if (done.size() + todo.size() > max) {
      return InvalidArgumentError(fmt::format(
          "glob '{}' expands to more than {} alternatives; use fewer {{a,b}} groups", pattern,
          max));
    }
  }
  std::sort(done.begin(), done.end());
  done.erase(std::unique(done.begin(), done.end()), done.end());
  return done;
}

std::string GlobListPrefix(std::string_view pattern) {
  size_t wild = pattern.find_first_of("*?[{");
  std::string_view literal = pattern.substr(0, wild);
  size_t slash = literal.rfind('/');
  return slash == std::string_view::npos ? std::string() : std::string(literal.substr(0, slash + 1));
}

}  // namespace s3c::dataset
