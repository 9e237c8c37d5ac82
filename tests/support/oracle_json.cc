#include "support/oracle_json.h"

#include <cstdint>

#include "s3c/common/strings.h"

namespace s3c::testing::oracle_json {
namespace {

constexpr size_t kBad = std::string_view::npos;

size_t SkipSpace(std::string_view s, size_t pos) {
  while (pos < s.size() && (s[pos] == ' ' || s[pos] == '\t' || s[pos] == '\n' || s[pos] == '\r')) {
    ++pos;
  }
  return pos;
}

size_t SkipString(std::string_view s, size_t pos) {  // s[pos] == '"'
  for (++pos; pos < s.size(); ++pos) {
    if (s[pos] == '\\') {
      ++pos;
    } else if (s[pos] == '"') {
      return pos + 1;
    }
  }
  return kBad;
}

// The end of the value that starts at `pos` (no leading whitespace), or kBad.
size_t SkipValue(std::string_view s, size_t pos, int depth = 0) {
  if (pos >= s.size() || depth > 200) return kBad;
  char c = s[pos];
  if (c == '"') return SkipString(s, pos);
  if (c == '[' || c == '{') {
    char close = c == '[' ? ']' : '}';
    pos = SkipSpace(s, pos + 1);
    if (pos < s.size() && s[pos] == close) return pos + 1;
    while (pos < s.size()) {
      if (c == '{') {
        if (s[pos] != '"') return kBad;
        pos = SkipSpace(s, SkipString(s, pos));
        if (pos >= s.size() || s[pos] != ':') return kBad;
        pos = SkipSpace(s, pos + 1);
      }
      pos = SkipValue(s, pos, depth + 1);
      if (pos == kBad) return kBad;
      pos = SkipSpace(s, pos);
      if (pos >= s.size()) return kBad;
      if (s[pos] == close) return pos + 1;
      if (s[pos] != ',') return kBad;
      pos = SkipSpace(s, pos + 1);
    }
    return kBad;
  }
  size_t start = pos;
  while (pos < s.size() && s[pos] != ',' && s[pos] != ']' && s[pos] != '}' && s[pos] != ' ' &&
         s[pos] != '\n' && s[pos] != '\r' && s[pos] != '\t') {
    ++pos;
  }
  return pos == start ? kBad : pos;
}

// Splits the container at s[0] ('[' or '{'); for objects each element is "key": value.
bool SplitContainer(std::string_view text, char open, std::vector<std::string_view>* keys,
                    std::vector<std::string_view>* values) {
  size_t pos = SkipSpace(text, 0);
  size_t end = SkipValue(text, pos);
  if (end == kBad || text[pos] != open || SkipSpace(text, end) != text.size()) return false;
  char close = open == '[' ? ']' : '}';
  pos = SkipSpace(text, pos + 1);
  if (text[pos] == close) return true;
  while (true) {
    if (open == '{') {
      size_t key_end = SkipString(text, pos);
      keys->push_back(text.substr(pos, key_end - pos));
      pos = SkipSpace(text, SkipSpace(text, key_end) + 1);
    }
    size_t value_end = SkipValue(text, pos);
    values->push_back(text.substr(pos, value_end - pos));
    pos = SkipSpace(text, value_end);
    if (text[pos] == close) return true;
    pos = SkipSpace(text, pos + 1);
  }
}

bool ReadHex4(std::string_view s, size_t pos, uint32_t* v) {
  if (pos + 4 > s.size()) return false;
  *v = 0;
  for (size_t i = pos; i < pos + 4; ++i) {
    char c = s[i];
    int d = c >= '0' && c <= '9'   ? c - '0'
            : c >= 'a' && c <= 'f' ? c - 'a' + 10
            : c >= 'A' && c <= 'F' ? c - 'A' + 10
                                   : -1;
    if (d < 0) return false;
    *v = *v * 16 + static_cast<uint32_t>(d);
  }
  return true;
}

}  // namespace

bool SplitArray(std::string_view text, std::vector<std::string_view>* elements) {
  elements->clear();
  std::vector<std::string_view> unused;
  return SplitContainer(text, '[', &unused, elements);
}

bool SplitObject(std::string_view text,
                 std::vector<std::pair<std::string, std::string_view>>* members) {
  members->clear();
  std::vector<std::string_view> keys;
  std::vector<std::string_view> values;
  if (!SplitContainer(text, '{', &keys, &values)) return false;
  for (size_t i = 0; i < keys.size(); ++i) {
    std::string key;
    if (!DecodeString(keys[i], &key)) return false;
    members->emplace_back(std::move(key), values[i]);
  }
  return true;
}

bool DecodeString(std::string_view text, std::string* out) {
  out->clear();
  if (text.size() < 2 || text.front() != '"' || text.back() != '"') return false;
  for (size_t i = 1; i + 1 < text.size(); ++i) {
    char c = text[i];
    if (c != '\\') {
      out->push_back(c);
      continue;
    }
    if (++i + 1 > text.size() - 1) return false;
    switch (text[i]) {
      case '"':
        out->push_back('"');
        break;
      case '\\':
        out->push_back('\\');
        break;
      case '/':
        out->push_back('/');
        break;
      case 'b':
        out->push_back('\b');
        break;
      case 'f':
        out->push_back('\f');
        break;
      case 'n':
        out->push_back('\n');
        break;
      case 'r':
        out->push_back('\r');
        break;
      case 't':
        out->push_back('\t');
        break;
      case 'u': {
        uint32_t cp = 0;
        if (!ReadHex4(text, i + 1, &cp)) return false;
        i += 4;
        uint32_t low = 0;
        if (cp >= 0xD800 && cp < 0xDC00 && i + 6 < text.size() && text[i + 1] == '\\' &&
            text[i + 2] == 'u' && ReadHex4(text, i + 3, &low) && low >= 0xDC00 && low < 0xE000) {
          cp = 0x10000 + ((cp - 0xD800) << 10) + (low - 0xDC00);
          i += 6;
        }
        ::s3c::AppendUtf8(cp, out);
        break;
      }
      default:
        return false;
    }
  }
  return true;
}

}  // namespace s3c::testing::oracle_json
